package dev.moat.simulator;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The public data the traffic is built from, read by path from ../shared/datasets: people's conversations
 * (Anthropic hh-rlhf, harmless-base test split), task instructions (Self-Instruct seed and user-oriented tasks),
 * and longer texts to serve as a batch job's documents (text-davinci-003 answers and assistant turns).
 */
record Datasets(List<List<Message>> conversations, List<String> tasks, List<String> documents) {

    record Message(String role, String content) {
    }

    static Datasets load(Path directory) throws IOException {
        List<List<Message>> conversations = new ArrayList<>();
        List<String> documents = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(directory.resolve("hh-rlhf-harmless-base-test.jsonl.gz"))), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                List<Message> turns = turns(json(line).getString("chosen"));
                if (!turns.isEmpty() && "user".equals(turns.getFirst().role())) {
                    conversations.add(turns);
                    turns.stream().filter(turn -> "assistant".equals(turn.role()) && turn.content().length() >= 300)
                            .forEach(turn -> documents.add(turn.content()));
                }
            }
        }
        List<String> tasks = new ArrayList<>();
        for (String file : List.of("self-instruct-seed-tasks.jsonl", "self-instruct-user-oriented-instructions.jsonl")) {
            for (String line : Files.readAllLines(directory.resolve(file))) {
                JsonObject task = json(line);
                String input = task.getJsonArray("instances").getJsonObject(0).getString("input", "");
                tasks.add(input.isBlank() ? task.getString("instruction")
                        : task.getString("instruction") + "\n\nInput: " + input);
            }
        }
        for (String line : Files.readAllLines(directory.resolve("self-instruct-text-davinci-003-predictions.jsonl"))) {
            String response = json(line).getString("response", "").strip();
            if (response.length() >= 300) {
                documents.add(response);
            }
        }
        return new Datasets(conversations, tasks, documents);
    }

    /** "\n\nHuman: … \n\nAssistant: …" into user and assistant messages. */
    private static List<Message> turns(String transcript) {
        List<Message> turns = new ArrayList<>();
        for (String part : transcript.split("\n\n(?=(Human|Assistant): )")) {
            String text = part.strip();
            if (text.startsWith("Human: ")) {
                turns.add(new Message("user", text.substring(7).strip()));
            } else if (text.startsWith("Assistant: ")) {
                turns.add(new Message("assistant", text.substring(11).strip()));
            }
        }
        turns.removeIf(turn -> turn.content().isEmpty());
        return turns;
    }

    private static JsonObject json(String line) {
        return Json.createReader(new StringReader(line)).readObject();
    }
}
