package dev.moat.inspection;

import java.util.List;

/**
 * One request as inspection rules see it, immutable: the fields that matter to detection, and the text of its
 * messages normalized once (see {@link TextNormalizer}) so that every rule matches against the same form.
 *
 * @param text      all message texts, normalized, joined by newlines
 * @param userText  the last user message, normalized: what single-turn rules look at
 * @param openingUserText the first user message, normalized: which conversation a multi-turn request continues
 * @param skeleton  {@code text} with confusable characters folded, for phrase lists
 */
public record RequestContext(String model, int messageCount, int userMessages, String systemPrompt, String text,
                             String userText, String openingUserText, String skeleton, Integer n, boolean logprobs,
                             Integer topLogprobs, Double temperature, Integer maxTokens) {

    public record Message(String role, String content) {
    }

    /** Builds the context from the request's fields and messages, normalizing the texts once. */
    public static RequestContext of(String model, List<Message> messages, Integer n, boolean logprobs,
                                    Integer topLogprobs, Double temperature, Integer maxTokens) {
        StringBuilder all = new StringBuilder();
        String system = "";
        String lastUser = "";
        String firstUser = "";
        int users = 0;
        for (Message message : messages) {
            String normalized = TextNormalizer.normalize(message.content());
            if (!all.isEmpty()) {
                all.append('\n');
            }
            all.append(normalized);
            if ("system".equals(message.role()) || "developer".equals(message.role())) {
                system = system.isEmpty() ? normalized : system + "\n" + normalized;
            } else if ("user".equals(message.role())) {
                lastUser = normalized;
                firstUser = users == 0 ? normalized : firstUser;
                users++;
            }
        }
        String text = all.toString();
        return new RequestContext(model, messages.size(), users, system, text, lastUser, firstUser,
                TextNormalizer.skeleton(text), n, logprobs, topLogprobs, temperature, maxTokens);
    }

    /** The same request with each text cut to {@code maxChars} characters, for keeping it in memory. */
    public RequestContext truncated(int maxChars) {
        return new RequestContext(model, messageCount, userMessages, cut(systemPrompt, maxChars), cut(text, maxChars),
                cut(userText, maxChars), cut(openingUserText, maxChars), cut(skeleton, maxChars), n, logprobs,
                topLogprobs, temperature, maxTokens);
    }

    private static String cut(String value, int maxChars) {
        return value.length() <= maxChars ? value : value.substring(0, maxChars);
    }

    /** A prompt pasted into the test bench, as a single user message. */
    public static RequestContext ofPrompt(String prompt) {
        return of(null, List.of(new Message("user", prompt)), null, false, null, null, null);
    }
}
