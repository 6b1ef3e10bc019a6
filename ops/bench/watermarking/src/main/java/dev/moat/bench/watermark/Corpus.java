package dev.moat.bench.watermark;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
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

/** Real LLM answers from ../shared/datasets: text-davinci-003's and the assistant turns of hh-rlhf. */
record Corpus(List<String> davinci, List<String> assistant) {

    static Corpus load(Path datasets) throws IOException {
        List<String> davinci = new ArrayList<>();
        for (String line : Files.readAllLines(datasets.resolve("self-instruct-text-davinci-003-predictions.jsonl"))) {
            String response = json(line).getString("response", "").strip();
            if (!response.isEmpty()) {
                davinci.add(response);
            }
        }
        List<String> assistant = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(datasets.resolve("hh-rlhf-harmless-base-test.jsonl.gz"))), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                for (String turn : json(line).getString("chosen", "").split("\n\n(?=Human:|Assistant:)")) {
                    if (turn.startsWith("Assistant:") && turn.length() > "Assistant:".length() + 1) {
                        assistant.add(turn.substring("Assistant:".length()).strip());
                    }
                }
            }
        }
        return new Corpus(davinci, assistant);
    }

    List<String> all() {
        List<String> all = new ArrayList<>(davinci);
        all.addAll(assistant);
        return all;
    }

    static int words(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    private static JsonObject json(String line) {
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        }
    }
}
