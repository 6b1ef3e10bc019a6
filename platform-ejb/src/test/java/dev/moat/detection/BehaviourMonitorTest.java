package dev.moat.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moat.SharedTestData;
import dev.moat.incident.Detection;
import dev.moat.incident.Observable;
import dev.moat.inspection.DistillationRules;
import dev.moat.inspection.Inspector;
import dev.moat.inspection.RequestContext;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Behavioural detection over request sequences: a sweep over the Self-Instruct seed tasks is caught and says
 * why, while a batch job over documents and people in conversation are not; keys sharing a template are linked
 * into one campaign although each alone stays unremarkable.
 */
class BehaviourMonitorTest {

    private final BehaviourMonitor monitor = new BehaviourMonitor();
    private final Random random = new Random(7);
    private Instant now = Instant.parse("2026-11-26T10:00:00Z");
    /** The tenant of every key observed; null: each key an account of its own. */
    private String tenant;
    /** Keys declared their tenant's own workload. */
    private final Set<String> ownWorkload = new HashSet<>();

    @Test
    void a_sweep_over_unrelated_tasks_is_detected_within_its_first_requests_and_explained() throws IOException {
        List<String> tasks = seedTasks();
        List<Detection> detections = new ArrayList<>();
        int sent = 0;
        while (detections.isEmpty() && sent < 60) {
            now = now.plusMillis(900 + random.nextInt(200)); // a script: steady pace
            detections.addAll(monitor.observe(seen(key("sweeper"), "10.0.0.1", single(tasks.get(sent)), 40, 300)));
            sent++;
        }
        assertFalse(detections.isEmpty(), "the sweep was not detected in 60 requests");
        assertTrue(sent <= 20, "detected only after " + sent + " requests");
        Detection detection = detections.getFirst();
        assertEquals(key("sweeper"), detection.keyId());
        assertTrue(detection.evidence().contains("a sweep over tasks"), detection.evidence());
        assertTrue(detection.evidence().contains("detected after " + sent + " requests"), detection.evidence());
        assertEquals(60, monitor.assessment(key("sweeper")).orElseThrow().features().requestsPerMinute(), 6,
                "a request a second");
    }

    @Test
    void a_sweep_padding_its_questions_with_made_up_conversations_is_still_a_sweep() throws IOException {
        List<String> tasks = seedTasks();
        for (int i = 0; i < 40; i++) {
            now = now.plusMillis(600 + random.nextInt(800));
            List<RequestContext.Message> messages = i % 3 == 0
                    ? List.of(new RequestContext.Message("user", tasks.get(i)),
                    new RequestContext.Message("assistant", "Here is a first answer."),
                    new RequestContext.Message("user", "Can you elaborate and make it more complete?"))
                    : single(tasks.get(i));
            monitor.observe(seen(key("padder"), "10.0.0.5", messages, 40, 300));
        }
        Assessment padder = monitor.assessment(key("padder")).orElseThrow();
        assertEquals(1.0, padder.features().singleTurn(), "a history the key never sent is no conversation it holds");
        assertTrue(padder.explain().contains("a sweep over tasks"), padder.explain());
    }

    @Test
    void an_opening_sent_once_and_then_put_before_every_question_holds_no_conversation() throws IOException {
        List<String> tasks = seedTasks();
        monitor.observe(seen(key("opener"), "10.0.0.6", single("Hi"), 5, 5));
        for (int i = 0; i < 40; i++) {
            now = now.plusMillis(600 + random.nextInt(800));
            monitor.observe(seen(key("opener"), "10.0.0.6", List.of(new RequestContext.Message("user", "Hi"),
                    new RequestContext.Message("assistant", "Hello! How can I help?"),
                    new RequestContext.Message("user", tasks.get(i))), 40, 300));
        }
        Assessment opener = monitor.assessment(key("opener")).orElseThrow();
        assertTrue(opener.features().singleTurn() >= 0.95, "each earlier request is continued once: "
                + opener.explain());
        assertTrue(opener.explain().contains("a sweep over tasks"), opener.explain());
    }

    @Test
    void a_script_pausing_after_each_answer_keeps_machine_timing_however_long_the_answers_take() throws IOException {
        List<String> tasks = seedTasks();
        for (int i = 0; i < 30; i++) {
            long answer = random.nextBoolean() ? 5 : 1_500; // a loaded gateway: some answers at once, some slow
            monitor.observe(seen(key("pauser"), "10.0.0.4", single(tasks.get(i)), 40, 300, answer));
            now = now.plusMillis(answer + 40 + random.nextInt(4)); // the script waits 40 ms after each answer
        }
        String explained = monitor.assessment(key("pauser")).orElseThrow().explain();
        assertTrue(explained.contains("machine-like timing"), explained);
    }

    @Test
    void replies_within_a_second_of_each_answer_are_no_person_s_however_they_jitter() throws IOException {
        List<String> tasks = seedTasks();
        for (int i = 0; i < 30; i++) {
            monitor.observe(seen(key("quick"), "10.0.0.5", single(tasks.get(i)), 40, 300, 20));
            // a script on a busy machine: pauses as irregular as a person's, but never long enough to read
            now = now.plusMillis(20 + (long) (-Math.log(1 - random.nextDouble()) * 300));
        }
        String quick = monitor.assessment(key("quick")).orElseThrow().explain();
        assertTrue(quick.contains("faster than a person"), quick);
        for (int i = 0; i < 30; i++) {
            monitor.observe(seen(key("reader"), "10.0.0.7", single(tasks.get(i)), 40, 300, 20));
            // a person: reads the answer, then writes the next question
            now = now.plusMillis(20 + 1_500 + (long) (-Math.log(1 - random.nextDouble()) * 20_000));
        }
        String reader = monitor.assessment(key("reader")).orElseThrow().explain();
        assertFalse(reader.contains("faster than a person") || reader.contains("machine-like timing"), reader);
    }

    @Test
    void a_key_that_held_conversations_and_then_sweeps_at_a_person_s_pace_has_drifted_from_its_history()
            throws IOException {
        List<String> tasks = seedTasks();
        List<Detection> detections = new ArrayList<>();
        for (int i = 0; i < 60; i++) { // its owner's conversations
            now = now.plusSeconds(20 + random.nextInt(60));
            detections.addAll(monitor.observe(seen(key("takenover"), "192.0.2.7", conversing(tasks, i, 4), 60, 200)));
        }
        assertEquals(List.of(), detections);
        int swept = 0;
        while (detections.isEmpty() && swept < 60) { // then someone else's sweep, at a person's irregular pace
            now = now.plusMillis(3_000 + (long) (-Math.log(1 - random.nextDouble()) * 20_000));
            detections.addAll(monitor.observe(seen(key("takenover"), "203.0.113.9", single(tasks.get(60 + swept)),
                    40, 300)));
            swept++;
        }
        String explained = monitor.assessment(key("takenover")).orElseThrow().explain();
        assertFalse(detections.isEmpty(), explained);
        assertTrue(detections.getFirst().evidence().contains("a key that held conversations (27% single questions "
                + "before) now sweeps"), explained); // its window's first questions of four-question conversations
    }

    @Test
    void a_key_sweeping_where_its_tenant_s_other_keys_hold_conversations_stands_out_from_its_tenant()
            throws IOException {
        tenant = "acme";
        List<String> tasks = seedTasks();
        for (int i = 0; i < 30; i++) {
            now = now.plusSeconds(5 + random.nextInt(60)); // a person's pace: nothing machine-like
            monitor.observe(seen(key("mixed"), "192.0.2.99", single(tasks.get(i)), 40, 300));
        }
        String alone = monitor.assessment(key("mixed")).orElseThrow().explain();
        assertFalse(alone.contains("its tenant's other keys"), "no baseline yet: " + alone);
        for (int person = 0; person < 6; person++) {
            for (int i = 0; i < 25; i++) {
                now = now.plusSeconds(5 + random.nextInt(60));
                monitor.observe(seen(key("person" + person), "192.0.2." + person, conversing(tasks, i, 4), 60, 200));
            }
        }
        for (int i = 30; i < 35; i++) {
            now = now.plusSeconds(5 + random.nextInt(60));
            monitor.observe(seen(key("mixed"), "192.0.2.99", single(tasks.get(i)), 40, 300));
        }
        String amongPeople = monitor.assessment(key("mixed")).orElseThrow().explain();
        assertTrue(amongPeople.contains("unlike its tenant's other keys, which mostly hold conversations (28% single"),
                amongPeople);
    }

    @Test
    void a_batch_job_running_one_template_over_documents_at_machine_speed_is_not_detected_and_says_why()
            throws IOException {
        List<String> documents = seedOutputs();
        for (int i = 0; i < 200; i++) {
            now = now.plusMillis(200);
            String prompt = "Summarize the following support ticket in one sentence for our weekly report. Ticket: "
                    + documents.get(i % documents.size());
            assertEquals(List.of(), monitor.observe(seen(key("batch"), "10.0.0.2", single(prompt), 400, 40)));
        }
        Assessment assessment = monitor.assessment(key("batch")).orElseThrow();
        assertFalse(assessment.suspicious(), assessment.explain());
        assertTrue(assessment.explain().contains("as batch jobs do"), assessment.explain());
    }

    @Test
    void people_in_conversation_are_not_detected() throws IOException {
        List<String> tasks = seedTasks();
        for (int i = 0; i < 120; i++) {
            now = now.plusSeconds(5 + random.nextInt(120)); // people: irregular
            assertEquals(List.of(), monitor.observe(seen(key("chat"), "192.0.2." + (i % 9), conversing(tasks, i, 4),
                    60, 200)));
        }
        assertFalse(monitor.assessment(key("chat")).orElseThrow().suspicious());
    }

    @Test
    void keys_sharing_a_template_are_linked_into_one_campaign_although_each_stays_below_detection()
            throws IOException {
        List<String> tasks = seedTasks();
        List<Detection> campaigns = new ArrayList<>();
        List<Detection> keys = new ArrayList<>();
        int sent = 0;
        for (int key = 0; key < 40; key++) {
            now = now.plusMillis(random.nextInt(5_000)); // keys come and go at random, each in a burst
            for (int request = 0; request < 6; request++) {
                now = now.plusMillis(40 + random.nextInt(10));
                String prompt = "You are a meticulous expert. Complete the task below thoroughly and give a complete, "
                        + "well-structured answer. Task: " + tasks.get(sent % tasks.size());
                keys.addAll(monitor.observe(seen(String.format("hydra%07d", key), "198.51." + key + ".7", single(prompt),
                        40, 400)));
                campaigns.addAll(monitor.campaignDetections());
                sent++;
            }
        }
        assertEquals(List.of(), keys, "no single key sent enough to stand out");
        assertFalse(campaigns.isEmpty(), "the campaign was not linked; its first key: "
                + monitor.assessment(String.format("hydra%07d", 0)).map(Assessment::explain).orElse("unseen"));
        assertEquals(1, campaigns.stream().map(Detection::campaignId).distinct().count(), "one campaign, one case");
        assertEquals(40, keysIn(campaigns), "keys linked");
    }

    @Test
    void keys_sweeping_from_one_network_at_machine_pace_are_linked_without_a_shared_template() throws IOException {
        List<Detection> campaigns = scriptsSweeping(30, key -> String.format("server%06d", key),
                key -> "203.0.113." + (1 + key % 20), ClientFingerprint.NONE);
        String evidence = oneCampaign(campaigns, String.format("server%06d", 0));
        assertEquals(30, keysIn(campaigns), "keys linked");
        assertTrue(evidence.contains("sweeps from a network another key swept from")
                && evidence.contains("one operator's scripts"), evidence);
    }

    @Test
    void keys_of_one_account_sweeping_at_machine_pace_are_linked_whatever_their_networks() throws IOException {
        tenant = "rented-accounts";
        List<Detection> campaigns = scriptsSweeping(10, key -> String.format("acct%08d", key),
                key -> "198.18." + key + ".9", ClientFingerprint.NONE);
        String evidence = oneCampaign(campaigns, String.format("acct%08d", 0));
        assertTrue(keysIn(campaigns) >= 8, "keys linked: " + keysIn(campaigns));
        assertTrue(evidence.contains("whose account another key swept for"), evidence);
    }

    @Test
    void keys_declared_their_tenant_s_own_workload_sweep_without_a_case_and_join_no_campaign() throws IOException {
        tenant = "acme-ml";
        IntFunction<String> evaluation = key -> String.format("eval%08d", key);
        for (int key = 0; key < 10; key++) {
            ownWorkload.add(evaluation.apply(key));
        }
        assertEquals(List.of(), accountSweeping(10, evaluation), "an evaluation harness the operator declared");
        Assessment seen = monitor.assessment(evaluation.apply(0)).orElseThrow();
        assertTrue(seen.suspicious(), "still assessed as it is: " + seen.explain());
        List<Detection> undeclared = accountSweeping(10, key -> String.format("swpr%08d", key));
        assertFalse(undeclared.isEmpty(), "the same traffic, undeclared");
        assertTrue(undeclared.stream().noneMatch(detection -> names(detection, evaluation.apply(0))),
                "a declared key joins no campaign: " + undeclared);
    }

    @Test
    void a_key_declared_after_it_swept_joins_no_campaign_of_the_sweepers_that_follow() throws IOException {
        tenant = "acme-ml";
        String evaluation = "eval00000099";
        assertFalse(accountSweeping(1, key -> evaluation).isEmpty(), "reported while undeclared");
        ownWorkload.add(evaluation);
        accountSweeping(1, key -> evaluation);

        List<Detection> sweepers = accountSweeping(10, key -> String.format("swpr%08d", key));

        assertTrue(sweepers.stream().anyMatch(detection -> detection.campaignId() != null), "the sweepers are linked");
        assertTrue(sweepers.stream().noneMatch(detection -> names(detection, evaluation)),
                "the declared key left traces before; no link may follow them: " + sweepers);
    }

    private static boolean names(Detection detection, String keyId) {
        return detection.observables().contains(new Observable(Observable.Kind.API_KEY, keyId));
    }

    /** Keys of one account sweeping at machine pace: every detection, of keys and of campaigns. */
    private List<Detection> accountSweeping(int keys, IntFunction<String> keyId) throws IOException {
        List<String> tasks = seedTasks();
        List<Detection> detections = new ArrayList<>();
        for (int request = 0; request < 30; request++) {
            for (int key = 0; key < keys; key++) {
                now = now.plusMillis(40 + random.nextInt(10));
                detections.addAll(monitor.observe(seen(keyId.apply(key), "198.18." + key + ".9", ClientFingerprint.NONE,
                        single(tasks.get(random.nextInt(tasks.size()))), 40, 400, 0)));
                detections.addAll(monitor.campaignDetections());
            }
        }
        return detections;
    }

    @Test
    void people_of_one_account_asking_single_questions_at_a_person_s_pace_are_not_linked() throws IOException {
        tenant = "office";
        peopleAskingSingleQuestions(person -> String.format("staff%07d", person), person -> "198.51." + person + ".1");
    }

    @Test
    void people_asking_single_questions_from_one_office_network_are_not_linked() throws IOException {
        peopleAskingSingleQuestions(person -> String.format("office%06d", person),
                person -> "198.51.100." + (1 + person));
    }

    @Test
    void keys_sweeping_with_their_own_client_build_are_linked_across_networks() throws IOException {
        ClientFingerprint fork = new ClientFingerprint(42, "harvester/0.3 (fork of OpenAI/Python 1.54.4)");
        List<Detection> campaigns = scriptsSweeping(30, key -> String.format("fork%08d", key),
                key -> "198.18." + key + ".9", fork);
        String evidence = oneCampaign(campaigns, String.format("fork%08d", 0));
        assertTrue(keysIn(campaigns) >= 25, "keys linked: " + keysIn(campaigns));
        assertTrue(evidence.contains("sweeps with a client build no ordinary key uses (harvester/0.3"), evidence);
    }

    @Test
    void independent_sweepers_on_the_stock_sdk_that_people_use_too_are_not_linked() throws IOException {
        List<String> tasks = seedTasks();
        ClientFingerprint sdk = new ClientFingerprint(7, "OpenAI/Python 1.54.4");
        for (int person = 0; person < 3; person++) { // people in conversation use the SDK first
            List<RequestContext.Message> turns = new ArrayList<>();
            for (int turn = 0; turn < 3; turn++) {
                now = now.plusSeconds(20);
                turns.add(new RequestContext.Message("user", tasks.get(random.nextInt(tasks.size()))));
                monitor.observe(seen(key("person" + person), "192.0.2." + (1 + person), sdk, List.copyOf(turns), 40,
                        300, 0));
                turns.add(new RequestContext.Message("assistant", "An answer."));
            }
        }
        assertEquals(List.of(), scriptsSweeping(30, key -> String.format("lone%08d", key), key -> "198.18." + key + ".9",
                sdk));
    }

    @Test
    void keys_whose_requests_set_off_together_burst_after_burst_are_linked_whatever_else_they_differ_in()
            throws IOException {
        // one program fanning out a request per key every few seconds: 12 accounts, 12 networks, the stock SDK
        List<String> tasks = seedTasks();
        ClientFingerprint sdk = new ClientFingerprint(7, "OpenAI/Python 1.54.4");
        List<Detection> campaigns = new ArrayList<>();
        for (int wave = 0; wave < 12; wave++) {
            Instant fired = now.plusMillis(3_000 + random.nextInt(2_000));
            for (int key = 0; key < 12; key++) {
                now = fired.plusMillis(2L * key + random.nextInt(2)); // arriving within 25 ms of each other
                monitor.observe(seen(String.format("wave%08d", key), "198.18." + key + ".9", sdk,
                        single(tasks.get(random.nextInt(tasks.size()))), 40, 400, 1_000));
                campaigns.addAll(monitor.campaignDetections());
            }
        }
        String evidence = oneCampaign(campaigns, String.format("wave%08d", 0));
        assertEquals(12, keysIn(campaigns), "keys linked");
        assertTrue(evidence.contains("burst after burst") && evidence.contains("one program sending for them all"),
                evidence);
    }

    @Test
    void scripts_waiting_for_a_stalled_gateway_are_not_taken_for_keys_sent_off_together() throws IOException {
        // independent sweepers, each 40 ms after its answer; a stalling gateway releases all answers at once, so
        // their requests arrive together round after round (the detection benchmark linked 1,379 keys so)
        List<String> tasks = seedTasks();
        Instant round = now;
        for (int r = 0; r < 12; r++) {
            Instant next = round.plusMillis(1_500 + random.nextInt(1_000));
            for (int key = 0; key < 20; key++) {
                now = round.plusMillis(key);
                monitor.observe(seen(String.format("stall%07d", key), "198.18." + key + ".9",
                        single(tasks.get(random.nextInt(tasks.size()))), 40, 400,
                        Duration.between(now, next).toMillis() - 40));
                assertEquals(List.of(), monitor.campaignDetections());
            }
            round = next;
        }
    }

    @Test
    void people_whose_questions_now_and_then_arrive_at_the_same_moment_are_not_linked() throws IOException {
        List<String> tasks = seedTasks();
        record Question(long atMillis, int person) {
        }
        List<Question> questions = new ArrayList<>();
        for (int person = 0; person < 10; person++) {
            for (int i = 0; i < 8; i++) { // two of each person's eight questions come at shared moments
                long at = i % 4 == 0 ? i * 60_000L + person : i * 60_000L + random.nextInt(50_000);
                questions.add(new Question(at, person));
            }
        }
        questions.sort(Comparator.comparingLong(Question::atMillis));
        Instant start = now;
        for (Question question : questions) {
            now = start.plusMillis(question.atMillis());
            monitor.observe(seen(String.format("asks%08d", question.person()), "198.51.100." + (1 + question.person()),
                    single(tasks.get(random.nextInt(tasks.size()))), 40, 400));
            assertEquals(List.of(), monitor.campaignDetections());
        }
    }

    /**
     * Each key a script sending six unrelated single tasks 40–49 ms apart, the keys one after another (up to 2 s
     * between them); answers the campaign detections that came of it.
     */
    private List<Detection> scriptsSweeping(int keys, IntFunction<String> keyId, IntFunction<String> address,
                                            ClientFingerprint software) throws IOException {
        List<String> tasks = seedTasks();
        List<Detection> campaigns = new ArrayList<>();
        for (int key = 0; key < keys; key++) {
            now = now.plusMillis(random.nextInt(2_000));
            for (int request = 0; request < 6; request++) {
                now = now.plusMillis(40 + random.nextInt(10));
                monitor.observe(seen(keyId.apply(key), address.apply(key), software,
                        single(tasks.get(random.nextInt(tasks.size()))), 40, 400, 0));
                campaigns.addAll(monitor.campaignDetections());
            }
        }
        return campaigns;
    }

    /** That the detections are of one campaign (saying why not, if none); answers the first one's evidence. */
    private String oneCampaign(List<Detection> campaigns, String firstKey) {
        assertFalse(campaigns.isEmpty(), "not linked; the first key: "
                + monitor.assessment(firstKey).map(Assessment::explain).orElse("unseen"));
        assertEquals(1, campaigns.stream().map(Detection::campaignId).distinct().count(), "one campaign, one case");
        return campaigns.getFirst().evidence();
    }

    /** Twenty people asking single questions at a person's pace, eight rounds: no campaign may come of it. */
    private void peopleAskingSingleQuestions(IntFunction<String> keyId, IntFunction<String> address)
            throws IOException {
        List<String> tasks = seedTasks();
        for (int round = 0; round < 8; round++) {
            for (int person = 0; person < 20; person++) {
                now = now.plusMillis(1_000 + random.nextInt(5_000)); // people read the answer before they ask again
                monitor.observe(seen(keyId.apply(person), address.apply(person),
                        single(tasks.get(random.nextInt(tasks.size()))), 40, 400));
                assertEquals(List.of(), monitor.campaignDetections());
            }
        }
    }

    @Test
    void single_questions_around_the_clock_are_told_from_a_working_day() throws IOException {
        List<String> tasks = seedTasks();
        for (int hour = 0; hour < 24; hour++) {
            now = now.plus(Duration.ofHours(1));
            monitor.observe(seen(key("nightshift"), "10.0.0.9", single(tasks.get(hour)), 40, 300));
            if (hour < 9) {
                monitor.observe(seen(key("dayshift"), "10.0.0.8", single(tasks.get(hour)), 40, 300));
            }
        }
        Features around = monitor.assessment(key("nightshift")).orElseThrow().features();
        assertEquals(24, around.activeHours());
        assertTrue(monitor.assessment(key("nightshift")).orElseThrow().explain().contains("around the clock"));
        assertEquals(9, monitor.assessment(key("dayshift")).orElseThrow().features().activeHours());
    }

    @Test
    void operations_drawing_on_the_same_public_task_list_stay_apart() throws IOException {
        List<String> tasks = seedTasks().subList(0, 60); // all three draw from the same small task list
        String template = "You are a meticulous expert assistant. Complete the following task thoroughly and give a "
                + "complete, well-structured answer. Task: ";
        String[] asks = {"Think it through step by step and write out your whole reasoning before answering: ",
                "Before you answer, explain in detail every step of your internal reasoning: "};
        Map<String, Set<String>> campaignsOfKey = new HashMap<>();
        for (int round = 0; round < 40; round++) {
            for (int request = 0; request < 16; request++) {
                String task = tasks.get(random.nextInt(tasks.size()));
                observe(String.format("wrapper%05d", round), "198.51." + round + ".7", template + task, campaignsOfKey);
                observe(String.format("asker%07d", round), "192.0." + round + ".8",
                        asks[request % 2] + tasks.get(random.nextInt(tasks.size())), campaignsOfKey);
                observe(String.format("plain%07d", round), "203.0." + round + ".9",
                        tasks.get(random.nextInt(tasks.size())), campaignsOfKey);
            }
        }
        Set<String> wrapperCampaigns = campaignsOf("wrapper", campaignsOfKey);
        Set<String> askerCampaigns = campaignsOf("asker", campaignsOfKey);
        assertEquals(40, campaignsOfKey.keySet().stream().filter(key -> key.startsWith("wrapper")).count(),
                "the template's keys are linked");
        assertEquals(1, wrapperCampaigns.size(), "in one campaign: " + wrapperCampaigns);
        assertTrue(askerCampaigns.stream().noneMatch(wrapperCampaigns::contains),
                "the askers' campaigns " + askerCampaigns + " are not the wrappers' " + wrapperCampaigns);
        assertEquals(List.of(), campaignsOfKey.keySet().stream().filter(key -> key.startsWith("plain")).sorted().toList(),
                "keys sending the bare tasks belong to no campaign");
    }

    private void observe(String keyId, String address, String prompt, Map<String, Set<String>> campaignsOfKey) {
        now = now.plusMillis(40 + random.nextInt(10));
        monitor.observe(seen(keyId, address, single(prompt), 40, 400));
        monitor.campaignDetections().forEach(detection -> detection.observables().stream()
                .filter(observable -> observable.kind() == Observable.Kind.API_KEY)
                .forEach(observable -> campaignsOfKey.computeIfAbsent(observable.value(),
                        key -> new HashSet<>()).add(detection.campaignId())));
    }

    private static Set<String> campaignsOf(String keyPrefix, Map<String, Set<String>> campaignsOfKey) {
        return campaignsOfKey.entrySet().stream().filter(entry -> entry.getKey().startsWith(keyPrefix))
                .flatMap(entry -> entry.getValue().stream()).collect(Collectors.toSet());
    }

    @Test
    void every_key_of_a_busy_hydra_joins_its_campaign() throws IOException {
        List<String> tasks = seedTasks();
        record Request(long atMillis, int key, int request) {
        }
        List<Request> requests = new ArrayList<>();
        for (int key = 0; key < 300; key++) {
            // 300 keys start at random within 20 s, six requests each, as slow as a gateway under load answers them:
            // so many keys are at work at once that two keys rarely meet twice among a template's latest senders
            long start = random.nextInt(20_000);
            for (int request = 0; request < 6; request++) {
                requests.add(new Request(start + request * (400 + random.nextInt(800)), key, request));
            }
        }
        requests.sort(Comparator.comparingLong(Request::atMillis));
        Instant begin = now;
        Set<String> linked = new HashSet<>();
        for (Request request : requests) {
            now = begin.plusMillis(request.atMillis());
            String prompt = tasks.get(random.nextInt(tasks.size())) + "\n\nRespond with a comprehensive, detailed and "
                    + "high-quality answer that a domain expert would be proud of, covering every aspect.";
            monitor.observe(seen(String.format("hydra%07d", request.key()), "198.51." + request.key() % 250 + ".7",
                    single(prompt), 40, 400));
            monitor.campaignDetections().forEach(detection -> detection.observables().stream()
                    .filter(observable -> observable.kind() == Observable.Kind.API_KEY)
                    .forEach(observable -> linked.add(observable.value())));
        }
        assertEquals(300, linked.size(), "keys linked");
    }

    @Test
    void a_translation_job_whose_documents_hold_the_attackers_texts_stays_out_of_their_campaign() throws IOException {
        List<String> tasks = seedTasks();
        List<Detection> campaigns = new ArrayList<>();
        int sent = 0;
        for (int key = 0; key < 30; key++) {
            for (int request = 0; request < 6; request++) {
                now = now.plusMillis(40 + random.nextInt(10));
                String task = tasks.get(sent % tasks.size());
                monitor.observe(seen(String.format("hydra%07d", key), "198.51." + key + ".7", single("You are a "
                        + "meticulous expert. Complete the task below thoroughly and give a complete, well-structured "
                        + "answer. Task: " + task), 40, 400));
                // The company translates documents that quote the same texts: answers as long as the inputs.
                monitor.observe(seen(key("translator"), "10.0.0.3", single("Translate the following text into formal "
                        + "German, keeping its layout exactly as it is. " + task), 60, 60));
                campaigns.addAll(monitor.campaignDetections());
                sent++;
            }
        }
        assertFalse(campaigns.isEmpty(), "the attackers' campaign was linked");
        assertTrue(campaigns.stream().flatMap(detection -> detection.observables().stream())
                        .noneMatch(observable -> observable.value().equals(key("translator"))),
                "the translation job joined the attackers' campaign");
    }

    @Test
    void a_prompt_asked_at_one_temperature_after_another_is_harvesting_and_a_regenerated_answer_is_not()
            throws IOException {
        List<String> tasks = seedTasks();
        double[] sweep = {0.2, 0.6, 1.0, 1.4, 1.8};
        for (int task = 0; task < 10; task++) {
            for (double temperature : sweep) {
                now = now.plusMillis(900 + random.nextInt(200));
                monitor.observe(seen(key("sampler"), "10.0.0.1", single(tasks.get(task)), temperature));
            }
            now = now.plusSeconds(20 + random.nextInt(40)); // a person asks, then asks once more a little warmer
            monitor.observe(seen(key("person"), "10.0.0.2", single(tasks.get(task)), 0.7));
            now = now.plusSeconds(20 + random.nextInt(40));
            monitor.observe(seen(key("person"), "10.0.0.2", single(tasks.get(task)), 1.0));
        }
        Assessment sampler = monitor.assessment(key("sampler")).orElseThrow();
        assertEquals(0.6, sampler.features().harvesting(), 1e-9, "from the third temperature of each prompt on");
        assertTrue(sampler.explain().contains("third temperature"), sampler.explain());
        assertEquals(0, monitor.assessment(key("person")).orElseThrow().features().harvesting());
    }

    @Test
    void prompts_asked_again_and_again_are_no_sweep_over_topics() throws IOException {
        List<String> tasks = seedTasks();
        for (int i = 0; i < 11; i++) {
            now = now.plusSeconds(30);
            monitor.observe(seen(key("repeater"), "10.0.0.1", single(tasks.get(i < 5 ? 0 : i < 10 ? 1 : 2)), 40, 300));
        }
        double diversity = monitor.assessment(key("repeater")).orElseThrow().features().topicDiversity();
        assertFalse(diversity >= 0.9, "two prompts asked five times each and a third read as a sweep: " + diversity);
    }

    private Observation seen(String keyId, String address, List<RequestContext.Message> messages,
                             double temperature) {
        RequestContext request = RequestContext.of("m", messages, null, false, null, temperature, null);
        return new Observation(now, accountOf(keyId), keyId, InetAddress.ofLiteral(address), ClientFingerprint.NONE, "DE",
                request,
                Inspector.inspect(request, DistillationRules.pack()), 40, 300, 0, false);
    }

    private Observation seen(String keyId, String address, List<RequestContext.Message> messages, long promptTokens,
                             long completionTokens) {
        return seen(keyId, address, messages, promptTokens, completionTokens, 0);
    }

    private Observation seen(String keyId, String address, List<RequestContext.Message> messages, long promptTokens,
                             long completionTokens, long answeredAfterMillis) {
        return seen(keyId, address, ClientFingerprint.NONE, messages, promptTokens, completionTokens, answeredAfterMillis);
    }

    private Observation seen(String keyId, String address, ClientFingerprint software,
                             List<RequestContext.Message> messages, long promptTokens, long completionTokens,
                             long answeredAfterMillis) {
        RequestContext request = RequestContext.of("m", messages, null, false, null, null, null);
        return new Observation(now, accountOf(keyId), keyId, InetAddress.ofLiteral(address), software, "DE", request,
                Inspector.inspect(request, DistillationRules.pack()), promptTokens, completionTokens,
                answeredAfterMillis, ownWorkload.contains(keyId));
    }

    private String accountOf(String keyId) {
        return tenant != null ? tenant : "account-" + keyId;
    }

    /** The distinct keys the campaign cases name. */
    private static long keysIn(List<Detection> campaigns) {
        return campaigns.stream().flatMap(detection -> detection.observables().stream())
                .filter(observable -> observable.kind() == Observable.Kind.API_KEY).distinct().count();
    }

        /** Key ids are twelve lower-case letters or digits. */
    private static String key(String name) {
        return (name + "000000000000").substring(0, 12);
    }

    private static final String[] FOLLOW_UPS = {"Why is that?", "Can you give an example?",
            "And if it were the other way round?"};

    /**
     * The {@code i}-th request of someone holding conversations of {@code turns} questions each: each request
     * repeats its conversation so far, as chat clients send it.
     */
    private static List<RequestContext.Message> conversing(List<String> tasks, int i, int turns) {
        List<RequestContext.Message> messages = new ArrayList<>();
        messages.add(new RequestContext.Message("user", tasks.get(i / turns % tasks.size())));
        for (int turn = 1; turn <= i % turns; turn++) {
            messages.add(new RequestContext.Message("assistant", "Here is what I think."));
            messages.add(new RequestContext.Message("user", FOLLOW_UPS[(turn - 1) % FOLLOW_UPS.length]));
        }
        return messages;
    }

    private static List<RequestContext.Message> single(String prompt) {
        return List.of(new RequestContext.Message("user", prompt));
    }

    private static List<String> seedTasks() throws IOException {
        return seeds().stream().map(task -> task.getString("instruction")).toList();
    }

    private static List<String> seedOutputs() throws IOException {
        return seeds().stream().map(task -> task.getJsonArray("instances").getJsonObject(0).getString("output"))
                .filter(output -> output.length() > 200).toList();
    }

    private static List<JsonObject> seeds() throws IOException {
        return Files.readAllLines(SharedTestData.dataset("self-instruct-seed-tasks.jsonl")).stream()
                .map(line -> Json.createReader(new StringReader(line)).readObject()).toList();
    }
}
