/*
 * Moat's DEMO upstream: a stand-in for an OpenAI-compatible model server, so that Moat can be tried without a
 * GPU. It is not a language model: it replays canned answers (a built-in corpus, or a JSONL file) and derives
 * embeddings from a hash. One self-contained source file, JDK only, run with the source launcher:
 *
 *   $JAVA_HOME/bin/java ops/demo-upstream/DemoUpstream.java --port 8090 [--responses FILE] [--word-delay-ms 15]
 *
 * Endpoints: GET /v1/models, GET /v1/models/{id}, POST /v1/chat/completions, POST /v1/completions,
 * POST /v1/embeddings. Errors come in OpenAI's shape {"error":{"message","type","param","code"}}.
 */

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class DemoUpstream {

    static final String CHAT_MODEL = "moat-demo";
    static final String EMBEDDING_MODEL = "moat-demo-embed";
    static final String OWNER = "moat-demo-upstream";
    static final long MODELS_CREATED = 1767225600L; // 2026-01-01T00:00:00Z, fixed so /v1/models never changes
    static final int MAX_CHOICES = 4;
    static final int EMBEDDING_DIMENSIONS = 64;
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    static final List<String> TEXT_FIELDS = List.of("response", "output", "completion", "text");
    static final Pattern WORD_WITH_LEADING_SPACE = Pattern.compile("\\s*\\S+");

    static final String USAGE = """
            usage: java ops/demo-upstream/DemoUpstream.java [options]
              --port N             port to listen on (default 8090)
              --bind ADDRESS       address to bind (default 127.0.0.1; 0.0.0.0 for every interface)
              --responses FILE     JSONL corpus: per line the first string field among response, output,
                                   completion, text (default: a built-in corpus of 15 answers)
              --word-delay-ms N    pause between streamed words (default 15)
              --help               this text""";

    private final List<String> corpus;
    private final long wordDelayMillis;

    DemoUpstream(List<String> corpus, long wordDelayMillis) {
        this.corpus = List.copyOf(corpus);
        this.wordDelayMillis = wordDelayMillis;
    }

    // --- start -------------------------------------------------------------------------------------------------

    record Options(String bind, int port, Path responses, long wordDelayMillis) {

        static Options parse(String[] args) {
            String bind = "127.0.0.1";
            int port = 8090;
            Path responses = null;
            long delay = 15;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--help") || name.equals("-h")) {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--port" -> port = number(name, value, 0, 65535);
                    case "--bind" -> bind = value;
                    case "--responses" -> responses = Path.of(value);
                    case "--word-delay-ms" -> delay = number(name, value, 0, 60_000);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return new Options(bind, port, responses, delay);
        }

        private static int number(String name, String value, int min, int max) {
            try {
                int n = Integer.parseInt(value);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " needs a whole number from " + min + " to " + max
                    + ", got '" + value + "'");
        }
    }

    public static void main(String[] args) throws IOException {
        Options options;
        List<String> corpus;
        try {
            options = Options.parse(args);
            corpus = options.responses() == null ? BUILT_IN_CORPUS : loadCorpus(options.responses());
        } catch (IllegalArgumentException e) {
            System.err.println("moat-demo-upstream: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.bind(), options.port()), 0);
        } catch (BindException e) {
            System.err.println("moat-demo-upstream: cannot listen on " + options.bind() + ":" + options.port()
                    + " (" + e.getMessage() + "); is it already running?");
            System.exit(1);
            return;
        }
        server.createContext("/", new DemoUpstream(corpus, options.wordDelayMillis())::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));

        String source = options.responses() == null ? "the built-in corpus" : options.responses().toString();
        System.out.printf("moat-demo-upstream: DEMO model server (NOT a language model: it replays %d canned answers"
                        + " from %s) listening on http://%s:%d/v1, models %s and %s, word delay %d ms%n",
                corpus.size(), source, options.bind(), server.getAddress().getPort(), CHAT_MODEL, EMBEDDING_MODEL,
                options.wordDelayMillis());
    }

    /** One answer per JSONL line: the first non-blank string among {@link #TEXT_FIELDS}; other lines skipped. */
    static List<String> loadCorpus(Path file) {
        List<String> answers = new ArrayList<>();
        int skipped = 0;
        int lineNumber = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Object value;
                try {
                    value = Json.parse(line);
                } catch (Json.SyntaxError e) {
                    throw new IllegalArgumentException(file + " line " + lineNumber + " is not JSON: " + e.getMessage());
                }
                String text = value instanceof Map<?, ?> object ? firstText(object) : null;
                if (text == null) {
                    skipped++;
                } else {
                    answers.add(text);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e);
        }
        if (answers.isEmpty()) {
            throw new IllegalArgumentException(file + " has no line with a string field among " + TEXT_FIELDS);
        }
        if (skipped > 0) {
            System.out.println("moat-demo-upstream: skipped " + skipped + " line(s) of " + file
                    + " without a string field among " + TEXT_FIELDS);
        }
        return answers;
    }

    private static String firstText(Map<?, ?> object) {
        for (String field : TEXT_FIELDS) {
            // Some data sets (self-instruct's predictions) start every response with a space: strip it.
            if (object.get(field) instanceof String text && !text.isBlank()) {
                return text.strip();
            }
        }
        return null;
    }

    // --- routing -----------------------------------------------------------------------------------------------

    /** An answer in OpenAI's error shape; thrown before anything was sent. */
    static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String type;
        final String param;
        final String code;

        ApiError(int status, String type, String message, String param, String code) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
            this.param = param;
            this.code = code;
        }

        static ApiError invalid(String message, String param, String code) {
            return new ApiError(400, "invalid_request_error", message, param, code);
        }
    }

    void handle(HttpExchange exchange) {
        try (exchange) {
            try {
                route(exchange);
            } catch (ApiError e) {
                sendError(exchange, e);
            } catch (RuntimeException e) {
                System.out.println("moat-demo-upstream: internal error on " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath() + ": " + e);
                sendError(exchange, new ApiError(500, "server_error", "The demo upstream failed: " + e, null, null));
            }
        } catch (IOException e) {
            // The client went away while we answered: nothing left to do.
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/v1/models" -> {
                requireMethod(exchange, "GET");
                sendJson(exchange, 200, obj("object", "list", "data", List.of(model(CHAT_MODEL), model(EMBEDDING_MODEL))));
            }
            case "/v1/chat/completions" -> {
                requireMethod(exchange, "POST");
                chatCompletions(exchange, readJsonObject(exchange));
            }
            case "/v1/completions" -> {
                requireMethod(exchange, "POST");
                completions(exchange, readJsonObject(exchange));
            }
            case "/v1/embeddings" -> {
                requireMethod(exchange, "POST");
                embeddings(exchange, readJsonObject(exchange));
            }
            default -> {
                if (path.startsWith("/v1/models/")) {
                    requireMethod(exchange, "GET");
                    String id = path.substring("/v1/models/".length());
                    if (!id.equals(CHAT_MODEL) && !id.equals(EMBEDDING_MODEL)) {
                        throw new ApiError(404, "invalid_request_error", "The model '" + id
                                + "' does not exist: this demo upstream serves " + CHAT_MODEL + " and "
                                + EMBEDDING_MODEL + ".", "model", "model_not_found");
                    }
                    sendJson(exchange, 200, model(id));
                    return;
                }
                throw new ApiError(404, "invalid_request_error", "Unknown request URL: " + method + " " + path
                        + ". This demo upstream serves /v1/models, /v1/chat/completions, /v1/completions and"
                        + " /v1/embeddings.", null, "unknown_url");
            }
        }
    }

    private static void requireMethod(HttpExchange exchange, String allowed) {
        String method = exchange.getRequestMethod();
        if (!method.equals(allowed)) {
            exchange.getResponseHeaders().set("Allow", allowed);
            throw new ApiError(405, "invalid_request_error", "Method " + method + " is not allowed on "
                    + exchange.getRequestURI().getPath() + "; use " + allowed + ".", null, "method_not_allowed");
        }
    }

    private static Map<String, Object> model(String id) {
        return obj("id", id, "object", "model", "created", MODELS_CREATED, "owned_by", OWNER);
    }

    // --- chat completions and completions ----------------------------------------------------------------------

    /** One choice: the answer cut into words (each with the whitespace before it) and why it ended. */
    record Answer(List<String> words, String finishReason) {
        String text() {
            return String.join("", words);
        }
    }

    /** What both completion endpoints need from a request, validated. */
    record Generation(String id, long created, List<Answer> answers, int promptTokens, boolean stream,
                      boolean includeUsage) {

        int completionTokens() {
            return answers.stream().mapToInt(answer -> tokens(answer.words().size())).sum();
        }

        Map<String, Object> usage() {
            int completion = completionTokens();
            return obj("prompt_tokens", promptTokens, "completion_tokens", completion,
                    "total_tokens", promptTokens + completion);
        }
    }

    private void chatCompletions(HttpExchange exchange, Map<String, Object> request) throws IOException {
        requireModel(request);
        if (!(request.get("messages") instanceof List<?> messages) || messages.isEmpty()) {
            throw ApiError.invalid(request.get("messages") == null ? "Missing required parameter: 'messages'."
                    : "'messages' must be a non-empty array of message objects.", "messages",
                    request.get("messages") == null ? "missing_required_parameter" : "invalid_type");
        }
        String lastUserText = null;
        String lastText = "";
        int promptWords = 0;
        for (int i = 0; i < messages.size(); i++) {
            if (!(messages.get(i) instanceof Map<?, ?> message) || !(message.get("role") instanceof String role)) {
                throw ApiError.invalid("messages[" + i + "] must be an object with a string 'role'.",
                        "messages[" + i + "]", "invalid_type");
            }
            String text = contentText(message.get("content"));
            promptWords += countWords(text);
            lastText = text;
            if (role.equals("user")) {
                lastUserText = text;
            }
        }
        Generation generation = generation(request, "chatcmpl-",
                lastUserText != null ? lastUserText : lastText, promptWords);
        if (generation.stream()) {
            streamChat(exchange, generation);
            return;
        }
        List<Object> choices = new ArrayList<>();
        for (int i = 0; i < generation.answers().size(); i++) {
            Answer answer = generation.answers().get(i);
            choices.add(obj("index", i,
                    "message", obj("role", "assistant", "content", answer.text(), "refusal", null),
                    "logprobs", null, "finish_reason", answer.finishReason()));
        }
        sendJson(exchange, 200, obj("id", generation.id(), "object", "chat.completion", "created",
                generation.created(), "model", CHAT_MODEL, "choices", choices, "usage", generation.usage()));
    }

    private void completions(HttpExchange exchange, Map<String, Object> request) throws IOException {
        requireModel(request);
        Object prompt = request.get("prompt");
        if (!(prompt instanceof String promptText)) {
            throw ApiError.invalid(prompt == null ? "Missing required parameter: 'prompt'."
                    : "This demo upstream accepts 'prompt' only as a string.", "prompt",
                    prompt == null ? "missing_required_parameter" : "invalid_type");
        }
        Generation generation = generation(request, "cmpl-", promptText, countWords(promptText));
        if (generation.stream()) {
            streamCompletions(exchange, generation);
            return;
        }
        List<Object> choices = new ArrayList<>();
        for (int i = 0; i < generation.answers().size(); i++) {
            Answer answer = generation.answers().get(i);
            choices.add(obj("text", answer.text(), "index", i, "logprobs", null,
                    "finish_reason", answer.finishReason()));
        }
        sendJson(exchange, 200, obj("id", generation.id(), "object", "text_completion", "created",
                generation.created(), "model", CHAT_MODEL, "choices", choices, "usage", generation.usage()));
    }

    private static void requireModel(Map<String, Object> request) {
        if (!(request.get("model") instanceof String model) || model.isBlank()) {
            throw ApiError.invalid(request.get("model") == null ? "You must provide a model parameter."
                    : "'model' must be a non-empty string.", "model",
                    request.get("model") == null ? "missing_required_parameter" : "invalid_type");
        }
        // Any model name is accepted; the answer always names moat-demo, so nobody mistakes it for a real model.
    }

    /** Text of a message's content: a string, or an array of parts whose "text" parts are joined. */
    private static String contentText(Object content) {
        if (content instanceof String text) {
            return text;
        }
        StringBuilder joined = new StringBuilder();
        if (content instanceof List<?> parts) {
            for (Object part : parts) {
                if (part instanceof Map<?, ?> map && map.get("text") instanceof String text) {
                    joined.append(joined.isEmpty() ? "" : "\n").append(text);
                }
            }
        }
        return joined.toString();
    }

    private Generation generation(Map<String, Object> request, String idPrefix, String question, int promptWords) {
        int n = intParam(request, "n", 1);
        if (n < 1 || n > MAX_CHOICES) {
            throw ApiError.invalid("'n' must be from 1 to " + MAX_CHOICES + " on this demo upstream, got " + n + ".",
                    "n", "invalid_value");
        }
        String maxName = request.get("max_completion_tokens") != null ? "max_completion_tokens" : "max_tokens";
        int maxWords = intParam(request, maxName, Integer.MAX_VALUE);
        if (maxWords < 1) {
            throw ApiError.invalid("'" + maxName + "' must be at least 1, got " + maxWords + ".", maxName,
                    "invalid_value");
        }
        boolean stream = boolParam(request, "stream");
        boolean includeUsage = false;
        Object streamOptions = request.get("stream_options");
        if (streamOptions instanceof Map<?, ?> options) {
            includeUsage = Boolean.TRUE.equals(options.get("include_usage"));
        } else if (streamOptions != null) {
            throw ApiError.invalid("'stream_options' must be an object.", "stream_options", "invalid_type");
        }

        // Same question, same answer: the corpus entry comes from a hash of the question; the n choices take
        // the following entries, so they differ as long as the corpus has at least n entries.
        int first = Math.floorMod(ByteBuffer.wrap(sha256(question.getBytes(StandardCharsets.UTF_8))).getLong(),
                corpus.size());
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // max_tokens is honoured in words: this server has no tokenizer (see tokens(int)).
            List<String> words = words(corpus.get((first + i) % corpus.size()));
            answers.add(words.size() > maxWords ? new Answer(List.copyOf(words.subList(0, maxWords)), "length")
                    : new Answer(words, "stop"));
        }
        return new Generation(idPrefix + randomId(), Instant.now().getEpochSecond(), answers, tokens(promptWords),
                stream, includeUsage);
    }

    private static int intParam(Map<String, Object> request, String name, int absent) {
        Object value = request.get(name);
        if (value == null) {
            return absent;
        }
        if (value instanceof BigDecimal number) {
            // Guard the size first: 1e999999999 must not become a billion-digit integer.
            if (number.signum() == 0) {
                return 0;
            }
            if (number.precision() - number.scale() <= 10) {
                BigDecimal whole = number.stripTrailingZeros();
                if (whole.scale() <= 0) {
                    try {
                        return whole.intValueExact();
                    } catch (ArithmeticException e) {
                        // reported below
                    }
                }
            }
        }
        throw ApiError.invalid("'" + name + "' must be an integer.", name, "invalid_type");
    }

    private static boolean boolParam(Map<String, Object> request, String name) {
        Object value = request.get(name);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        throw ApiError.invalid("'" + name + "' must be a boolean.", name, "invalid_type");
    }

    /** The words of a text, each with the whitespace before it, so that joining them gives the text back. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD_WITH_LEADING_SPACE.matcher(text);
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    static int countWords(String text) {
        int count = 0;
        Matcher matcher = WORD_WITH_LEADING_SPACE.matcher(text);
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /**
     * Token counts without a tokenizer: whitespace-separated words × 4/3, rounded up (English text averages
     * about 0.75 words per token). Because max_tokens cuts whole words, completion_tokens can exceed it.
     */
    static int tokens(int words) {
        return (words * 4 + 2) / 3;
    }

    // --- streaming ---------------------------------------------------------------------------------------------

    /** Server-sent events, one flushed event per call; an IOException means the client went away. */
    private static final class EventStream {
        private final OutputStream out;

        EventStream(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0); // 0: chunked, no length known in advance
            out = exchange.getResponseBody();
        }

        void send(String data) throws IOException {
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private void streamChat(HttpExchange exchange, Generation generation) throws IOException {
        List<Answer> answers = generation.answers();
        EventStream events = new EventStream(exchange);
        int sent = 0;
        try {
            for (int i = 0; i < answers.size(); i++) {
                events.send(chatChunk(generation, i, obj("role", "assistant", "content", ""), null));
            }
            for (int w = 0; w < longest(answers); w++) {
                pause();
                for (int i = 0; i < answers.size(); i++) {
                    if (w < answers.get(i).words().size()) {
                        events.send(chatChunk(generation, i, obj("content", answers.get(i).words().get(w)), null));
                    }
                }
                sent = w + 1;
            }
            for (int i = 0; i < answers.size(); i++) {
                events.send(chatChunk(generation, i, obj(), answers.get(i).finishReason()));
            }
            finishStream(events, generation, "chat.completion.chunk");
        } catch (IOException e) {
            clientLeft(generation, sent, longest(answers));
        }
    }

    private void streamCompletions(HttpExchange exchange, Generation generation) throws IOException {
        List<Answer> answers = generation.answers();
        EventStream events = new EventStream(exchange);
        int sent = 0;
        try {
            for (int w = 0; w < longest(answers); w++) {
                pause();
                for (int i = 0; i < answers.size(); i++) {
                    if (w < answers.get(i).words().size()) {
                        events.send(completionChunk(generation, i, answers.get(i).words().get(w), null));
                    }
                }
                sent = w + 1;
            }
            for (int i = 0; i < answers.size(); i++) {
                events.send(completionChunk(generation, i, "", answers.get(i).finishReason()));
            }
            finishStream(events, generation, "text_completion");
        } catch (IOException e) {
            clientLeft(generation, sent, longest(answers));
        }
    }

    private static String chatChunk(Generation generation, int index, Map<String, Object> delta, String finishReason) {
        Map<String, Object> chunk = obj("id", generation.id(), "object", "chat.completion.chunk",
                "created", generation.created(), "model", CHAT_MODEL,
                "choices", List.of(obj("index", index, "delta", delta, "logprobs", null,
                        "finish_reason", finishReason)));
        if (generation.includeUsage()) {
            chunk.put("usage", null); // as OpenAI does: every chunk but the last carries "usage": null
        }
        return Json.write(chunk);
    }

    private static String completionChunk(Generation generation, int index, String text, String finishReason) {
        Map<String, Object> chunk = obj("id", generation.id(), "object", "text_completion",
                "created", generation.created(), "model", CHAT_MODEL,
                "choices", List.of(obj("text", text, "index", index, "logprobs", null,
                        "finish_reason", finishReason)));
        if (generation.includeUsage()) {
            chunk.put("usage", null);
        }
        return Json.write(chunk);
    }

    private static void finishStream(EventStream events, Generation generation, String object) throws IOException {
        if (generation.includeUsage()) {
            events.send(Json.write(obj("id", generation.id(), "object", object, "created", generation.created(),
                    "model", CHAT_MODEL, "choices", List.of(), "usage", generation.usage())));
        }
        events.send("[DONE]");
    }

    private static int longest(List<Answer> answers) {
        return answers.stream().mapToInt(answer -> answer.words().size()).max().orElse(0);
    }

    private void pause() throws IOException {
        if (wordDelayMillis > 0) {
            try {
                Thread.sleep(wordDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
    }

    private static void clientLeft(Generation generation, int sent, int total) {
        System.out.println("moat-demo-upstream: client closed the stream " + generation.id() + " after " + sent
                + " of " + total + " words");
    }

    // --- embeddings --------------------------------------------------------------------------------------------

    private void embeddings(HttpExchange exchange, Map<String, Object> request) throws IOException {
        requireModel(request);
        Object input = request.get("input");
        List<String> inputs = new ArrayList<>();
        if (input instanceof String text) {
            inputs.add(text);
        } else if (input instanceof List<?> list && !list.isEmpty()) {
            for (Object item : list) {
                if (!(item instanceof String text)) {
                    inputs.clear();
                    break;
                }
                inputs.add(text);
            }
        }
        if (inputs.isEmpty()) {
            throw ApiError.invalid(input == null ? "Missing required parameter: 'input'."
                    : "This demo upstream accepts 'input' only as a string or a non-empty array of strings.",
                    "input", input == null ? "missing_required_parameter" : "invalid_type");
        }
        int dimensions = intParam(request, "dimensions", EMBEDDING_DIMENSIONS);
        if (dimensions < 1 || dimensions > EMBEDDING_DIMENSIONS) {
            throw ApiError.invalid("'dimensions' must be from 1 to " + EMBEDDING_DIMENSIONS + ", got " + dimensions
                    + ".", "dimensions", "invalid_value");
        }
        Object format = request.get("encoding_format");
        boolean base64 = "base64".equals(format);
        if (format != null && !base64 && !"float".equals(format)) {
            throw ApiError.invalid("'encoding_format' must be 'float' or 'base64'.", "encoding_format",
                    "invalid_value");
        }
        List<Object> data = new ArrayList<>();
        int words = 0;
        for (int i = 0; i < inputs.size(); i++) {
            float[] vector = embedding(inputs.get(i), dimensions);
            // The official SDKs ask for base64 by default: little-endian float32, as OpenAI sends it.
            Object encoded = vector;
            if (base64) {
                ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (float component : vector) {
                    bytes.putFloat(component);
                }
                encoded = Base64.getEncoder().encodeToString(bytes.array());
            }
            data.add(obj("object", "embedding", "index", i, "embedding", encoded));
            words += countWords(inputs.get(i));
        }
        sendJson(exchange, 200, obj("object", "list", "data", data, "model", EMBEDDING_MODEL,
                "usage", obj("prompt_tokens", tokens(words), "total_tokens", tokens(words))));
    }

    /** A unit vector that depends only on the text: SHA-256 in counter mode, components in [-1, 1), normalised. */
    static float[] embedding(String text, int dimensions) {
        byte[] seed = sha256(("moat-demo-embed\0" + text).getBytes(StandardCharsets.UTF_8));
        float[] full = new float[EMBEDDING_DIMENSIONS];
        for (int block = 0; block * 8 < EMBEDDING_DIMENSIONS; block++) {
            byte[] input = ByteBuffer.allocate(seed.length + 4).put(seed).putInt(block).array();
            ByteBuffer digest = ByteBuffer.wrap(sha256(input));
            for (int j = 0; j < 8 && block * 8 + j < EMBEDDING_DIMENSIONS; j++) {
                full[block * 8 + j] = digest.getInt() / 2147483648f;
            }
        }
        float[] vector = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            norm += (double) full[i] * full[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < dimensions; i++) {
            vector[i] = norm == 0 ? (i == 0 ? 1f : 0f) : (float) (full[i] / norm);
        }
        return vector;
    }

    // --- HTTP and JSON helpers ---------------------------------------------------------------------------------

    private static Map<String, Object> readJsonObject(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiError(413, "invalid_request_error", "The request body is larger than "
                    + MAX_BODY_BYTES + " bytes.", null, "request_too_large");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.invalid("The request body is not valid UTF-8.", null, "invalid_json");
        }
        Object value;
        try {
            value = Json.parse(text);
        } catch (Json.SyntaxError e) {
            throw ApiError.invalid("We could not parse the JSON body of your request: " + e.getMessage()
                    + ". The body must be a JSON object.", null, "invalid_json");
        }
        if (!(value instanceof Map<?, ?>)) {
            throw ApiError.invalid("The request body must be a JSON object.", null, "invalid_json");
        }
        @SuppressWarnings("unchecked") // Json.parse builds objects as Map<String, Object>
        Map<String, Object> object = (Map<String, Object>) value;
        return object;
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sendError(HttpExchange exchange, ApiError error) throws IOException {
        sendJson(exchange, error.status, obj("error", obj("message", error.getMessage(), "type", error.type,
                "param", error.param, "code", error.code)));
    }

    /** An ordered JSON object from alternating keys and values (values may be null). */
    static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String randomId() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Just enough JSON (RFC 8259): a strict parser into Map (LinkedHashMap), List, String, BigDecimal, Boolean
     * and null, and a writer for those types plus Integer, Long and float[].
     */
    static final class Json {
        private static final int MAX_DEPTH = 200;

        static final class SyntaxError extends Exception {
            private static final long serialVersionUID = 1L;

            SyntaxError(String message) {
                super(message, null, false, false);
            }
        }

        private final String text;
        private int pos;
        private int depth;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) throws SyntaxError {
            Json parser = new Json(text);
            parser.skipWhitespace();
            Object value = parser.value();
            parser.skipWhitespace();
            if (parser.pos < text.length()) {
                throw parser.error("unexpected content after the JSON value");
            }
            return value;
        }

        private Object value() throws SyntaxError {
            if (pos >= text.length()) {
                throw error("unexpected end of input");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unexpected character '" + c + "'");
                }
            };
        }

        private Map<String, Object> object() throws SyntaxError {
            enter();
            pos++; // {
            Map<String, Object> object = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                depth--;
                return object;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("expected a string key");
                }
                String key = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                object.put(key, value());
                skipWhitespace();
                char c = peek();
                pos++;
                if (c == '}') {
                    depth--;
                    return object;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> array() throws SyntaxError {
            enter();
            pos++; // [
            List<Object> array = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                depth--;
                return array;
            }
            while (true) {
                skipWhitespace();
                array.add(value());
                skipWhitespace();
                char c = peek();
                pos++;
                if (c == ']') {
                    depth--;
                    return array;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String string() throws SyntaxError {
            pos++; // opening quote
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw error("unescaped control character in a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char escaped = text.charAt(pos++);
                switch (escaped) {
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("incomplete \\u escape");
                        }
                        int code = 0;
                        for (int k = 0; k < 4; k++) {
                            int digit = Character.digit(text.charAt(pos++), 16);
                            if (digit < 0) {
                                throw error("invalid \\u escape");
                            }
                            code = code * 16 + digit;
                        }
                        out.append((char) code); // surrogate pairs arrive as two escapes and join up here
                    }
                    default -> throw error("invalid escape \\" + escaped);
                }
            }
        }

        private BigDecimal number() throws SyntaxError {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (isDigit(peek())) {
                skipDigits();
            } else {
                throw error("invalid number");
            }
            if (peek() == '.') {
                pos++;
                if (!isDigit(peek())) {
                    throw error("invalid number");
                }
                skipDigits();
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw error("invalid number");
                }
                skipDigits();
            }
            try {
                return new BigDecimal(text.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("number out of range");
            }
        }

        private Object literal(String word, Object value) throws SyntaxError {
            if (!text.startsWith(word, pos)) {
                throw error("invalid literal");
            }
            pos += word.length();
            return value;
        }

        private void enter() throws SyntaxError {
            if (++depth > MAX_DEPTH) {
                throw error("nested more than " + MAX_DEPTH + " levels deep");
            }
        }

        private void expect(char c) throws SyntaxError {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private void skipDigits() {
            while (isDigit(peek())) {
                pos++;
            }
        }

        private void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private SyntaxError error(String message) {
            return new SyntaxError(message + " at character " + pos);
        }

        static String write(Object value) {
            StringBuilder out = new StringBuilder();
            write(out, value);
            return out.toString();
        }

        private static void write(StringBuilder out, Object value) {
            switch (value) {
                case null -> out.append("null");
                case String s -> quote(out, s);
                case Boolean b -> out.append(b);
                case Integer i -> out.append(i);
                case Long l -> out.append(l);
                case BigDecimal d -> out.append(d);
                case float[] floats -> {
                    out.append('[');
                    for (int i = 0; i < floats.length; i++) {
                        if (!Float.isFinite(floats[i])) {
                            throw new IllegalArgumentException("JSON has no " + floats[i]);
                        }
                        out.append(i == 0 ? "" : ",").append(floats[i]);
                    }
                    out.append(']');
                }
                case Map<?, ?> map -> {
                    out.append('{');
                    boolean first = true;
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        out.append(first ? "" : ",");
                        first = false;
                        quote(out, (String) entry.getKey());
                        out.append(':');
                        write(out, entry.getValue());
                    }
                    out.append('}');
                }
                case List<?> list -> {
                    out.append('[');
                    for (int i = 0; i < list.size(); i++) {
                        out.append(i == 0 ? "" : ",");
                        write(out, list.get(i));
                    }
                    out.append(']');
                }
                default -> throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
            }
        }

        /** A JSON string: quotes, backslashes and control characters escaped; lone surrogates as \\u escapes. */
        private static void quote(StringBuilder out, String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1));
                        if (pairedHigh) {
                            out.append(c).append(s.charAt(++i));
                        } else if (c < 0x20 || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }

    // --- the built-in corpus: original answers written for this demo ------------------------------------------

    static final List<String> BUILT_IN_CORPUS = List.of(
            """
            HTTP caching lets a browser or a proxy reuse a response instead of downloading it again, and the \
            server controls it with response headers:

            - `Cache-Control: max-age=3600` keeps the response fresh for an hour; during that time the browser \
            uses its copy without asking the server at all.
            - `ETag` gives the response a version tag. Once the copy is stale, the browser sends the tag back in \
            `If-None-Match`, and the server can answer `304 Not Modified` with an empty body.
            - `Cache-Control: no-store` forbids keeping a copy, which is right for personal or sensitive data.
            - `private` lets the browser cache the response but not shared proxies or CDNs.

            A common pattern for static files is to put a content hash in the file name (`app.3f9c2.js`) and \
            serve it with `max-age=31536000, immutable`, while the HTML page that refers to it uses `no-cache`, \
            so the page is revalidated on every visit and picks up new file names immediately.""",
            """
            Here is a simple red lentil soup for four people; it takes about 35 minutes.

            Ingredients: 250 g red lentils, 1 onion, 2 carrots, 2 garlic cloves, 1 tablespoon of olive oil, \
            1 teaspoon of ground cumin, 1 can (400 g) of chopped tomatoes, 1.2 litres of vegetable stock, salt, \
            pepper and the juice of half a lemon.

            1. Chop the onion and carrots and soften them in the oil over medium heat for about 8 minutes.
            2. Add the crushed garlic and the cumin and stir for a minute until fragrant.
            3. Rinse the lentils, add them with the tomatoes and the stock, and simmer for 20 minutes, until the \
            lentils fall apart.
            4. Blend half of the soup for a creamier texture, then season with salt, pepper and lemon juice.

            It keeps for four days in the fridge and freezes well.""",
            """
            A small Java habit that prevents resource leaks: open everything that must be closed in a \
            try-with-resources statement.

            ```java
            try (var reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                return reader.lines().filter(line -> !line.isBlank()).count();
            }
            ```

            The reader is closed when the block ends, whether normally or with an exception, and if closing \
            fails as well, that second exception is attached to the first as a "suppressed" exception instead \
            of hiding it. You can declare several resources separated by semicolons; they are closed in reverse \
            order. Any class that implements `AutoCloseable` works, so it is worth implementing that interface \
            on your own types that hold connections, locks or temporary files.""",
            """
            A good commit message helps the next reader (often you, months later) understand why a change was \
            made.

            - Start with a summary line of about 50 characters in the imperative mood: "Fix rounding of invoice \
            totals", not "Fixed stuff".
            - Leave a blank line, then explain the reason for the change and anything surprising about it. The \
            diff already shows what changed; the message should say why.
            - Mention the issue or ticket number if your team uses one.
            - Keep each commit to one logical change, so that it can be reviewed, reverted or cherry-picked on \
            its own.

            If you find yourself writing "and" several times in the summary line, that is usually a sign that the \
            commit should be split.""",
            """
            Compound interest means you earn interest not only on the money you put in but also on the interest \
            already added to it. The formula is A = P × (1 + r/n)^(n·t), where P is the starting amount, r the \
            yearly rate, n how many times a year interest is added and t the number of years.

            For example, 1,000 invested at 5% a year, compounded yearly, grows to about 1,629 after 10 years and \
            about 2,653 after 20, whereas simple interest would give 1,500 and 2,000. The gap widens with time, \
            which is why starting early matters more than the exact amount you save. A handy rule of thumb is the \
            rule of 72: divide 72 by the interest rate to estimate how many years it takes to double your money, \
            so about 12 years at 6%.""",
            """
            If you would like to fall asleep more easily, a few habits make a real difference:

            1. Keep a regular schedule, weekends included; your body clock adapts to consistency.
            2. Get daylight in the morning and dim the lights during the last hour before bed.
            3. Avoid caffeine after early afternoon, since its effect lasts six hours or more.
            4. Keep the bedroom cool, dark and quiet; around 18 °C suits most people.
            5. If you are still awake after about 20 minutes, get up and do something calm in low light, and go \
            back to bed when you feel sleepy.

            Alcohol may help you fall asleep, but it makes sleep lighter later in the night. If poor sleep lasts \
            for weeks despite these changes, it is worth talking to a doctor.""",
            """
            A database index is a separate data structure, usually a B-tree, that keeps the values of one or more \
            columns in sorted order together with pointers to the rows. It lets the database find matching rows \
            without scanning the whole table.

            Indexes help most on large tables, for columns used in `WHERE` filters, joins and `ORDER BY` clauses. \
            A composite index on `(customer_id, created_at)` serves queries that filter by customer and sort by \
            date, but not queries that filter by date alone, because the leftmost column comes first.

            They are not free: every insert, update and delete has to maintain them, and they take disk space. \
            Look at the query plan with `EXPLAIN` before and after adding an index, and drop indexes that no query \
            uses.""",
            """
            The sky looks blue because of Rayleigh scattering. Sunlight contains all visible colours, and on its \
            way through the atmosphere it meets nitrogen and oxygen molecules that are much smaller than the \
            wavelength of light. Such small particles scatter short wavelengths far more strongly than long ones: \
            the effect grows with the inverse fourth power of the wavelength, so blue light is scattered several \
            times more than red.

            That scattered blue light reaches your eyes from every part of the sky. Violet is scattered even more, \
            but sunlight contains less of it and our eyes are less sensitive to it, so the sky looks blue rather \
            than violet. At sunrise and sunset the light crosses much more air, most of the blue is scattered away \
            before it reaches you, and the remaining reds and oranges dominate.""",
            """
            To prepare for a job interview, focus on three things.

            First, research the company: what it sells, who its customers are and any recent news. Read the job \
            description line by line and note which of your experiences match each requirement.

            Second, prepare stories. For common questions about a difficult project, a disagreement or a mistake \
            you made, write short examples following the situation, task, action, result structure, and practise \
            telling each of them aloud in two minutes or less.

            Third, prepare questions of your own, for example how success is measured in the first six months or \
            what the team is working on right now. Thoughtful questions show genuine interest.

            On the day, arrive or log in ten minutes early, and afterwards send a brief thank-you note.""",
            """
            Both `git merge` and `git rebase` bring the changes of one branch into another, but they record \
            history differently.

            A merge creates a new commit with two parents. The history shows exactly what happened, including \
            when the branches diverged, but it can fill up with merge commits.

            A rebase replays your commits on top of the target branch, producing new commits with new hashes. \
            The result is a straight, readable history, as if you had started from the latest version.

            A safe rule: rebase your own local branch to bring it up to date before you share it, and never \
            rebase commits that others have already pulled, because rewriting shared history forces everyone else \
            to repair their copies. To integrate a finished feature, many teams prefer a merge or a squash merge \
            through a pull request.""",
            """
            Pothos is one of the easiest houseplants to keep alive. A few tips:

            - Light: bright, indirect light is ideal. It tolerates shade but grows slowly there and loses the \
            pale patterns on its leaves. Keep it out of strong afternoon sun, which scorches them.
            - Water: let the top few centimetres of soil dry out, then water thoroughly and empty the saucer. \
            Yellow leaves usually mean too much water; limp, dry leaves mean too little.
            - Feeding: a diluted liquid fertiliser once a month in spring and summer is plenty.
            - Pruning: trim long vines just above a leaf node to make the plant bushier. The cuttings root \
            easily in a glass of water within two or three weeks.

            Keep it out of reach of cats and dogs, as the leaves are toxic when chewed.""",
            """
            If you are starting from little or no running, an eight-week plan with three sessions a week is a \
            realistic way to reach 5 km.

            Weeks 1–2: alternate 1 minute of easy running with 2 minutes of walking, eight times.
            Weeks 3–4: run 3 minutes, walk 90 seconds, six times.
            Weeks 5–6: run 5 minutes, walk 1 minute, five times.
            Weeks 7–8: run 10 minutes, walk 1 minute, three times, then try 25 to 30 minutes without stopping.

            Run at a pace at which you could still hold a conversation; going too fast is the most common reason \
            beginners give up or get injured. Leave a rest day between sessions, wear shoes that fit well, and if \
            a week feels too hard, simply repeat it before moving on.""",
            """
            When your browser connects to a site over HTTPS, a TLS handshake happens before any page data is \
            sent. In TLS 1.3 it takes a single round trip:

            1. The client sends a "hello" listing the cipher suites it supports, together with a key share for a \
            Diffie-Hellman exchange.
            2. The server picks the parameters and replies with its own key share, its certificate and a \
            signature proving that it holds the certificate's private key.
            3. Both sides combine the key shares to derive the same session keys, which never travel over the \
            network.
            4. The client checks that the certificate is valid for the host name and chains up to an authority \
            it trusts.

            From then on, all traffic is encrypted and protected against tampering. Because the key shares are \
            ephemeral, someone who records the traffic today learns nothing even if they steal the server's \
            private key later.""",
            """
            Here is a polite way to decline a meeting while keeping the door open:

            Subject: Re: Project kickoff on Thursday

            Hi Maria,

            Thank you for the invitation. Unfortunately I can't join on Thursday, as I am running a customer \
            workshop all afternoon. I don't want to hold things up, so please go ahead without me.

            Could you share the notes afterwards? I am happy to send my input on the timeline in writing by \
            Wednesday evening, and if it helps, I am free on Friday morning for a short follow-up call.

            Best regards,
            Daniel

            Keep it short, give a brief reason without over-explaining, and offer a concrete alternative, so the \
            refusal comes across as helpful rather than dismissive.""",
            """
            Big-O notation describes how the running time or memory of an algorithm grows with the size of its \
            input, ignoring constant factors.

            - O(1): constant, such as reading an array element by its index.
            - O(log n): the problem halves at each step, as in binary search over a sorted list.
            - O(n): each element is looked at once, as when finding the largest value.
            - O(n log n): efficient sorting algorithms such as merge sort.
            - O(n²): every pair is compared, as in a naive duplicate check with two nested loops.

            For a million items, an O(n log n) algorithm needs around twenty million steps while an O(n²) one \
            needs a trillion: the difference between milliseconds and hours. Big-O is about large inputs, though; \
            for small ones a simple O(n²) loop can beat a cleverer algorithm.""");
}
