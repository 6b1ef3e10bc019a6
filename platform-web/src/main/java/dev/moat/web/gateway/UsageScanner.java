package dev.moat.web.gateway;

import java.nio.charset.StandardCharsets;

/**
 * Reads the token counts that an answer reports in its {@code usage} object while the bytes pass through,
 * without parsing or buffering the answer; counts server-sent events for an estimate when there is none.
 */
final class UsageScanner {

    private static final byte[] PROMPT_TOKENS = ascii("\"prompt_tokens\"");
    private static final byte[] COMPLETION_TOKENS = ascii("\"completion_tokens\"");
    private static final byte[] TOTAL_TOKENS = ascii("\"total_tokens\"");

    private final NumberAfter promptTokens = new NumberAfter(PROMPT_TOKENS);
    private final NumberAfter completionTokens = new NumberAfter(COMPLETION_TOKENS);
    private final NumberAfter totalTokens = new NumberAfter(TOTAL_TOKENS);
    private long bytes;
    private long events;
    private byte previous = '\n';

    void scan(byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            byte b = buffer[i];
            promptTokens.accept(b);
            completionTokens.accept(b);
            totalTokens.accept(b);
            if (previous == '\n' && b == 'd') {
                events++;
            }
            previous = b;
        }
        bytes += length;
    }

    /** The answer's own count, else about four bytes of text per token. */
    Usage usage(int requestBytes, boolean streamed) {
        if (totalTokens.value() >= 0) {
            return new Usage(Math.max(0, promptTokens.value()), Math.max(0, completionTokens.value()), totalTokens.value(), false);
        }
        long prompt = (requestBytes + 3) / 4;
        long completion = streamed ? Math.max(0, events - 1) : (bytes + 3) / 4;
        return new Usage(prompt, completion, prompt + completion, true);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    record Usage(long promptTokens, long completionTokens, long totalTokens, boolean estimated) {
    }

    /** The last number that followed a given JSON field name; -1 while none did. */
    private static final class NumberAfter {
        private final byte[] field;
        private int matched;
        private boolean inValue;
        private long current = -1;
        private long value = -1;

        NumberAfter(byte[] field) {
            this.field = field;
        }

        void accept(byte b) {
            if (inValue) {
                if (b >= '0' && b <= '9') {
                    current = (current < 0 ? 0 : current * 10) + (b - '0');
                    return;
                }
                if (b == ':' || b == ' ' || current < 0 && (b == '\t' || b == '\n' || b == '\r')) {
                    return;
                }
                if (current >= 0) {
                    value = current;
                }
                inValue = false;
                current = -1;
            }
            if (b == field[matched]) {
                matched++;
                if (matched == field.length) {
                    inValue = true;
                    matched = 0;
                }
            } else {
                matched = b == field[0] ? 1 : 0;
            }
        }

        long value() {
            return value;
        }
    }
}
