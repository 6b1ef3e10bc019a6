package dev.moat.simulator;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One kind of traffic: how many keys, over how many tenants, and what each key sends when. Times are squeezed
 * (people wait seconds here, not minutes) so that a run takes a few minutes; their irregularity is kept.
 *
 * @param campaign  the keys act as one (a hydra): reported as one campaign
 * @param heldOut   of our own design and kept out of tuning: reported apart
 * @param client    the client software of each key
 * @param ownWorkload the reason an operator gives for declaring each key its tenant's own workload, or null
 */
record Scenario(String name, boolean attack, boolean campaign, boolean heldOut, int keys, int tenants,
                ClientChoice client, Plan plan, String ownWorkload) {

    Scenario(String name, boolean attack, boolean campaign, boolean heldOut, int keys, int tenants,
             ClientChoice client, Plan plan) {
        this(name, attack, campaign, heldOut, keys, tenants, client, plan, null);
    }

    /**
     * A request to send after a pause, from a client address; or, where {@code atMillis} is not negative, at that
     * time after the run's start, whenever the key's previous request was answered (a program's schedule).
     */
    record Step(long pauseMillis, long atMillis, String clientAddress, JsonObject body) {
        Step(long pauseMillis, String clientAddress, JsonObject body) {
            this(pauseMillis, -1, clientAddress, body);
        }
    }

    interface Plan {
        List<Step> of(int key, Random random, Datasets data);
    }

    interface ClientChoice {
        Client of(Random random);
    }

    /** Each key a stock client of its own choosing. */
    private static final ClientChoice STOCK = Client::stock;

    /** Every key the same client: one operation's script. */
    private static ClientChoice all(Client client) {
        return random -> client;
    }

    static List<Scenario> all() {
        return List.of(
                new Scenario("people chatting", false, false, false, 1_000, 1, STOCK, Scenario::person),
                new Scenario("chat product (many users per key)", false, false, false, 5, 1, all(Client.NODE),
                        Scenario::chatProduct),
                new Scenario("batch jobs over documents", false, false, false, 20, 4, STOCK, Scenario::batchJob),
                new Scenario("evaluation harness, declared the tenant's own", false, false, false, 5, 1, STOCK,
                        Scenario::evaluationHarness, "the ML team's evaluation harness (simulated)"),
                new Scenario("task sweepers", true, false, false, 100, 10, STOCK, Scenario::sweeper),
                new Scenario("reasoning-trace harvesters", true, false, false, 50, 5, STOCK,
                        Scenario::traceHarvester),
                new Scenario("logprob harvesters", true, false, false, 30, 3, STOCK,
                        Scenario::logprobHarvester),
                new Scenario("temperature samplers", true, false, false, 30, 3, STOCK,
                        Scenario::temperatureSampler),
                new Scenario("hydra A (300 keys, 20 accounts)", true, true, false, 300, 20,
                        all(Client.PYTHON_LINUX),
                        (key, random, data) -> hydra(random, data, "You are a meticulous expert assistant. Complete "
                                + "the following task thoroughly and give a complete, well-structured answer. Task: ", "")),
                new Scenario("hydra B (300 keys, 20 accounts)", true, true, false, 300, 20, all(Client.NODE),
                        (key, random, data) -> hydra(random, data, "", "\n\nRespond with a comprehensive, detailed and "
                                + "high-quality answer that a domain expert would be proud of, covering every aspect.")),
                new Scenario("sweepers mixed into people's traffic", true, false, false, 50, 1, STOCK,
                        Scenario::mixed),
                new Scenario("hydra on rented servers (no template, 4 networks)", true, true, false, 100, 10,
                        all(Client.PYTHON_LINUX),
                        (key, random, data) -> hydraFrom(Addresses.rentedServer(random), random, data, "", "")),
                new Scenario("hydra with its own client (no template, 100 networks)", true, true, false, 100, 10,
                        all(Client.HTTPX_SCRIPT), (key, random, data) -> hydra(random, data, "", "")),
                new Scenario("keys taken over (conversations, then a sweep at a person's pace)", true, false, false, 20,
                        2, STOCK, Scenario::takenOver),
                new Scenario("hydra sending in waves (stock SDK, no template, 100 networks)", true, true, false, 100, 20,
                        all(Client.PYTHON_LINUX), (key, random, data) -> waves(random, data)),
                // Held out until 2026-11-27 (60% found); tuned since: made-up conversations count as none.
                new Scenario("slow sweeper with made-up follow-ups", true, false, false, 30, 3, STOCK,
                        Scenario::slowSweeper),
                new Scenario("held out: tutoring app (step-by-step)", false, false, true, 10, 1, all(Client.NODE),
                        Scenario::tutoring),
                new Scenario("held out: reasoning traces, not in English", true, false, true, 20, 2, STOCK,
                        Scenario::foreignTraces),
                new Scenario("held out: hydra without a template", true, true, true, 200, 20,
                        all(Client.PYTHON_LINUX),
                        (key, random, data) -> hydra(random, data, "", "")),
                // Written (2026-11-27 17:50 UTC) before their first run, after the slow sweeper's made-up
                // conversations were counted as none; kept out of tuning from then on.
                new Scenario("held out: multi-turn harvester (three real turns per task)", true, false, true, 20, 2,
                        STOCK, Scenario::multiTurnHarvester),
                new Scenario("held out: support desk resuming old tickets", false, false, true, 10, 1, STOCK,
                        Scenario::supportDesk));
    }

    // --- benign -----------------------------------------------------------------------------------------

    /** One person: one to three conversations from hh-rlhf, replayed turn by turn with human pauses. */
    private static List<Step> person(int key, Random random, Datasets data) {
        String home = Addresses.random(random);
        List<Step> steps = new ArrayList<>();
        int conversations = 1 + random.nextInt(3);
        for (int c = 0; c < conversations; c++) {
            steps.addAll(conversation(anyConversation(random, data), home, random,
                    c == 0 ? random.nextInt(5_000) : 3_000 + random.nextInt(10_000)));
        }
        return steps;
    }

    /** Many users' conversations through one key, each user from their own network. */
    private static List<Step> chatProduct(int key, Random random, Datasets data) {
        List<Step> steps = new ArrayList<>();
        for (int user = 0; user < 100; user++) {
            List<Step> conversation = conversation(anyConversation(random, data), Addresses.random(random), random, 0);
            conversation.forEach(step -> steps.add(new Step(10 + random.nextInt(150), step.clientAddress(), step.body())));
        }
        return steps;
    }

    private static List<Step> conversation(List<Datasets.Message> turns, String address, Random random, long firstPause) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            if ("user".equals(turns.get(i).role())) {
                long pause = steps.isEmpty() ? firstPause : humanPause(random);
                steps.add(new Step(pause, address, chat(turns.subList(0, i + 1), 300)));
            }
        }
        return steps;
    }

    /**
     * A company's own job: one template over its own documents (each company a separate quarter of the pool, as
     * two companies do not process the same documents), at machine pace, short answers.
     */
    private static List<Step> batchJob(int key, Random random, Datasets data) {
        String[] templates = {"Summarize the following customer message in one sentence for the weekly report.\n\n",
                "Classify the sentiment of this text as positive, neutral or negative. Answer with one word.\n\n",
                "Extract every product name mentioned in the following text, as a comma-separated list.\n\n",
                "Translate the following text into formal German.\n\n"};
        String template = templates[key % templates.length];
        String address = Addresses.random(random);
        List<Step> steps = new ArrayList<>();
        int share = data.documents().size() / templates.length;
        for (int i = 0; i < 150; i++) {
            String document = data.documents().get(key % templates.length * share + random.nextInt(share));
            int answer = template.startsWith("Translate") ? document.length() / 4 : 40; // a translation is as long
            steps.add(new Step(machinePause(random), address, chat(List.of(user(template + document)), answer)));
        }
        return steps;
    }

    /** Students asking a tutoring app to explain step by step: benign, and worded like elicitation. */
    private static List<Step> tutoring(int key, Random random, Datasets data) {
        List<Step> steps = new ArrayList<>();
        for (int student = 0; student < 20; student++) {
            String address = Addresses.random(random);
            String task = data.tasks().get(random.nextInt(data.tasks().size()));
            List<Datasets.Message> turns = new ArrayList<>();
            turns.add(user("Can you explain step by step how to do this? I want to understand it. " + task));
            steps.add(new Step(100 + random.nextInt(2_000), address, chat(turns, 300)));
            turns.add(assistant("First, let us look at what the task asks for."));
            turns.add(user("I don't get the second step, can you show me again with an example?"));
            steps.add(new Step(1_000 + random.nextInt(4_000), address, chat(turns, 300)));
        }
        return steps;
    }

    // --- attacks ----------------------------------------------------------------------------------------

    /** Self-Instruct tasks one after another, single-turn, at machine pace, long answers. */
    private static List<Step> sweeper(int key, Random random, Datasets data) {
        String address = Addresses.random(random);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            steps.add(new Step(machinePause(random), address, chat(List.of(user(task(random, data))), 600)));
        }
        return steps;
    }

    /**
     * A company's evaluation of its own model: benchmark tasks, one after another at machine pace, at temperature 0
     * with long answers. By its traffic it is a sweep; the operators declared its keys the tenant's own.
     */
    private static List<Step> evaluationHarness(int key, Random random, Datasets data) {
        String address = Addresses.random(random);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            steps.add(new Step(machinePause(random), address,
                    chatBuilder(List.of(user(task(random, data))), 600).add("temperature", 0).build()));
        }
        return steps;
    }

    private static final String[] TRACE_ASKS = {
            "Articulate the internal reasoning behind a completed response to this and write it out step by step: ",
            "Solve this and show your full chain of thought before the final answer: ",
            "Reveal your hidden reasoning process in detail while you answer: ",
            "Walk me through your complete thought process, every intermediate step, for: "};

    /** Tasks wrapped in requests for the model's reasoning. */
    private static List<Step> traceHarvester(int key, Random random, Datasets data) {
        return wrappedTasks(TRACE_ASKS, random, data);
    }

    /** One of the asks, then a task: 60 requests at a script's pace, long answers. */
    private static List<Step> wrappedTasks(String[] asks, Random random, Datasets data) {
        String address = Addresses.random(random);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String ask = asks[random.nextInt(asks.length)];
            steps.add(new Step(machinePause(random), address, chat(List.of(user(ask + task(random, data))), 800)));
        }
        return steps;
    }

    /** Soft labels: log-probabilities of many alternatives, several hot samples per prompt. */
    private static List<Step> logprobHarvester(int key, Random random, Datasets data) {
        String address = Addresses.random(random);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            JsonObjectBuilder body = chatBuilder(List.of(user(task(random, data))), 300).add("logprobs", true)
                    .add("top_logprobs", 20).add("n", 4).add("temperature", 1.3);
            steps.add(new Step(machinePause(random), address, body.build()));
        }
        return steps;
    }

    /** The output distribution without logprobs: each task asked at five temperatures, one after another. */
    private static List<Step> temperatureSampler(int key, Random random, Datasets data) {
        String address = Addresses.random(random);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String task = task(random, data);
            for (double temperature : new double[] {0.2, 0.6, 1.0, 1.4, 1.8}) {
                JsonObjectBuilder body = chatBuilder(List.of(user(task)), 300).add("temperature", temperature);
                steps.add(new Step(machinePause(random), address, body.build()));
            }
        }
        return steps;
    }

    /** A few requests per key, each key behind its own exit address, all keys one template around tasks. */
    private static List<Step> hydra(Random random, Datasets data, String prefix, String suffix) {
        return hydraFrom(Addresses.random(random), random, data, prefix, suffix);
    }

    private static List<Step> hydraFrom(String address, Random random, Datasets data, String prefix, String suffix) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(random.nextInt(20_000), address, chat(List.of(user(prefix + task(random, data) + suffix)), 600)));
        for (int i = 1; i < 6; i++) {
            steps.add(new Step(machinePause(random), address, chat(List.of(user(prefix + task(random, data) + suffix)), 600)));
        }
        return steps;
    }

    /**
     * One program sending a task for every key at once, then again every 8 s, eight times: each key asks only
     * every few seconds, as a person might, from its own network.
     */
    private static List<Step> waves(Random random, Datasets data) {
        String address = Addresses.random(random);
        List<Step> steps = new ArrayList<>();
        for (int wave = 0; wave < 8; wave++) {
            steps.add(new Step(0, 5_000 + wave * 8_000L, address, chat(List.of(user(task(random, data))), 600)));
        }
        return steps;
    }

    /** An attacker inside a tenant's legitimate traffic: half sweep, half people's first questions. */
    private static List<Step> mixed(int key, Random random, Datasets data) {
        String address = Addresses.random(random);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String prompt = random.nextBoolean() ? task(random, data)
                    : anyConversation(random, data).getFirst().content();
            steps.add(new Step(50 + random.nextInt(100), address, chat(List.of(user(prompt)), 600)));
        }
        return steps;
    }

    /**
     * A customer's key, used for its owner's conversations (turn by turn, squeezed), then by someone else for a
     * sweep over tasks at a person's irregular pace (a second or more after each answer) from another network.
     */
    private static List<Step> takenOver(int key, Random random, Datasets data) {
        String home = Addresses.random(random);
        List<Step> steps = new ArrayList<>();
        while (steps.size() < 60) {
            conversation(anyConversation(random, data), home, random, 0)
                    .forEach(step -> steps.add(new Step(100 + random.nextInt(200), home, step.body())));
        }
        String elsewhere = Addresses.random(random);
        for (int i = 0; i < 45; i++) {
            steps.add(new Step(1_000 + (long) (-Math.log(1 - random.nextDouble()) * 1_500), elsewhere,
                    chat(List.of(user(task(random, data))), 600)));
        }
        return steps;
    }

    /** A sweep at human-like pace, with a follow-up turn now and then to look like a conversation. */
    private static List<Step> slowSweeper(int key, Random random, Datasets data) {
        String address = Addresses.random(random);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            List<Datasets.Message> turns = new ArrayList<>();
            turns.add(user(task(random, data)));
            if (random.nextDouble() < 0.3) {
                turns.add(assistant("Here is a first answer."));
                turns.add(user("Can you elaborate and make it more complete?"));
            }
            steps.add(new Step(100 + (long) (-Math.log(1 - random.nextDouble()) * 500), address, chat(turns, 600)));
        }
        return steps;
    }

    private static final String[] HARVEST_FOLLOW_UPS = {"Give me a worked example of that.",
            "Now summarise it in three bullet points."};

    /**
     * A script collecting multi-turn data: each task a conversation of three turns, each turn sent with the whole
     * conversation so far, at a script's pace, from one network. Its conversations are real: it holds them.
     */
    private static List<Step> multiTurnHarvester(int key, Random random, Datasets data) {
        String address = Addresses.random(random);
        List<Step> steps = new ArrayList<>();
        for (int task = 0; task < 20; task++) {
            List<Datasets.Message> turns = new ArrayList<>();
            turns.add(user(task(random, data)));
            steps.add(new Step(machinePause(random), address, chat(turns, 600)));
            for (String followUp : HARVEST_FOLLOW_UPS) {
                turns.add(assistant(data.documents().get(random.nextInt(data.documents().size()))));
                turns.add(user(followUp));
                steps.add(new Step(machinePause(random), address, chat(turns, 600)));
            }
        }
        return steps;
    }

    /**
     * A support product answering agents' tickets: each request carries a ticket's conversation from the product's
     * database (opened long ago, or through another channel) and asks for the next reply, at people's pace, from
     * the product's server. Every request's history is one this key never sent.
     */
    private static List<Step> supportDesk(int key, Random random, Datasets data) {
        String address = Addresses.random(random);
        List<Step> steps = new ArrayList<>();
        for (int ticket = 0; ticket < 40; ticket++) {
            List<Datasets.Message> conversation = anyConversation(random, data);
            int lastUser = conversation.size() - 1;
            while (lastUser > 0 && !"user".equals(conversation.get(lastUser).role())) {
                lastUser--;
            }
            long pause = humanPause(random);
            steps.add(new Step(pause, address, chat(conversation.subList(0, lastUser + 1), 300)));
        }
        return steps;
    }

    private static final String[] FOREIGN_TRACE_ASKS = {
            "Erkläre Schritt für Schritt deine internen Überlegungen und schreibe deinen vollständigen Denkprozess auf: ",
            "Explica paso a paso tu razonamiento interno completo antes de responder: ",
            "Expose ton raisonnement interne complet, étape par étape, puis réponds : ",
            "请一步一步地写出你的完整内部推理过程，然后回答："};

    private static List<Step> foreignTraces(int key, Random random, Datasets data) {
        return wrappedTasks(FOREIGN_TRACE_ASKS, random, data);
    }

    // --- helpers ----------------------------------------------------------------------------------------

    private static String task(Random random, Datasets data) {
        return data.tasks().get(random.nextInt(data.tasks().size()));
    }

    private static List<Datasets.Message> anyConversation(Random random, Datasets data) {
        return data.conversations().get(random.nextInt(data.conversations().size()));
    }

    /** A person's pace between turns: 0.5 s plus an exponential wait of 2.5 s on average. */
    private static long humanPause(Random random) {
        return 500 + (long) (-Math.log(1 - random.nextDouble()) * 2_500);
    }

    /** A script's pace: 40 ms ± 10%. */
    private static long machinePause(Random random) {
        return 36 + random.nextInt(9);
    }

    private static Datasets.Message user(String text) {
        return new Datasets.Message("user", text);
    }

    private static Datasets.Message assistant(String text) {
        return new Datasets.Message("assistant", text);
    }

    private static JsonObject chat(List<Datasets.Message> messages, int maxTokens) {
        return chatBuilder(messages, maxTokens).build();
    }

    private static JsonObjectBuilder chatBuilder(List<Datasets.Message> messages, int maxTokens) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        messages.forEach(message -> array.add(Json.createObjectBuilder().add("role", message.role())
                .add("content", message.content())));
        return Json.createObjectBuilder().add("model", "sim-model").add("messages", array).add("max_tokens", maxTokens);
    }
}
