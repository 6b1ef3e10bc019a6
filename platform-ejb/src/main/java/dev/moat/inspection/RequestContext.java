package dev.moat.inspection;

import java.util.List;

/**
 * One request as inspection rules see it, immutable: the fields that matter to detection, and the text of its
 * messages normalized once (see {@link TextNormalizer}) so that every rule matches against the same form.
 *
 * @param text      all message texts, normalized, joined by newlines
 * @param userText  the last user message, normalized: what single-turn rules look at
 * @param conversation a hash of all its messages (roles and normalized texts)
 * @param continues    for a request ending in an answer and a new question, the {@code conversation} hash of the
 *                     messages before them: the earlier request it continues, if its key sent one; else 0
 * @param skeleton  {@code text} with confusable characters folded, for phrase lists
 */
public record RequestContext(String model, int messageCount, int userMessages, String systemPrompt, String text,
                             String userText, long conversation, long continues, String skeleton, Integer n,
                             boolean logprobs, Integer topLogprobs, Double temperature, Integer maxTokens) {

    public record Message(String role, String content) {
    }

    /** Builds the context from the request's fields and messages, normalizing the texts once. */
    public static RequestContext of(String model, List<Message> messages, Integer n, boolean logprobs,
                                    Integer topLogprobs, Double temperature, Integer maxTokens) {
        StringBuilder all = new StringBuilder();
        String system = "";
        String lastUser = "";
        int users = 0;
        long conversation = 0;
        long continues = 0;
        boolean endsInAnswerAndQuestion = messages.size() >= 3
                && "assistant".equals(messages.get(messages.size() - 2).role())
                && "user".equals(messages.getLast().role());
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            String normalized = TextNormalizer.normalize(message.content());
            conversation = mix(mix(conversation + message.role().hashCode()) + normalized.hashCode());
            if (endsInAnswerAndQuestion && i == messages.size() - 3) {
                continues = conversation;
            }
            if (!all.isEmpty()) {
                all.append('\n');
            }
            all.append(normalized);
            if ("system".equals(message.role()) || "developer".equals(message.role())) {
                system = system.isEmpty() ? normalized : system + "\n" + normalized;
            } else if ("user".equals(message.role())) {
                lastUser = normalized;
                users++;
            }
        }
        String text = all.toString();
        return new RequestContext(model, messages.size(), users, system, text, lastUser, conversation, continues,
                TextNormalizer.skeleton(text), n, logprobs, topLogprobs, temperature, maxTokens);
    }

    /** SplitMix64's finalizer: spreads each message's 32-bit hashes over 64 bits. */
    private static long mix(long value) {
        long z = (value + 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The same request with each text cut to {@code maxChars} characters, for keeping it in memory. */
    public RequestContext truncated(int maxChars) {
        return new RequestContext(model, messageCount, userMessages, cut(systemPrompt, maxChars), cut(text, maxChars),
                cut(userText, maxChars), conversation, continues, cut(skeleton, maxChars), n, logprobs, topLogprobs,
                temperature, maxTokens);
    }

    private static String cut(String value, int maxChars) {
        return value.length() <= maxChars ? value : value.substring(0, maxChars);
    }

    /** A prompt pasted into the test bench, as a single user message. */
    public static RequestContext ofPrompt(String prompt) {
        return of(null, List.of(new Message("user", prompt)), null, false, null, null, null);
    }
}
