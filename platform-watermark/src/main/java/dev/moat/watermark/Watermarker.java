package dev.moat.watermark;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Watermarks one answer as it streams: {@link #accept} each piece of text and pass on what it returns (all but
 * the word still being written), then {@link #finish}. Writes the key's synonym choices, and the invisible mark
 * after the first space and then after every {@value #MARK_EVERY_WORDS} words. Keeps a fingerprint of what it
 * wrote: the SHA-256 of the text and a tag of every marked position, never the text. (A text that never has a
 * space outside quotations, such as an answer that is one quoted slogan, gets the mark at its end.)
 */
public final class Watermarker {

    private static final int MARK_EVERY_WORDS = 150;
    /** Characters kept of the end of the text: enough to see a closing fence. */
    private static final int TAIL = 4;
    private static final MessageDigest SHA256;

    static {
        try {
            SHA256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private final LexicalKey key;
    private final String mark;
    private final TextWalker walker;
    private final MessageDigest sha256;
    private final ByteArrayOutputStream tags = new ByteArrayOutputStream();
    private int positions;
    private int changed;
    private long lastMarkAt = -MARK_EVERY_WORDS;
    /** The last characters passed on, to see whether a text ends with a code fence. */
    private String tail = "";

    /**
     * @param key  the lexical watermark, or null for none
     * @param mark the invisible mark's payload ({@link InvisibleMark#PAYLOAD_BYTES} bytes), or null for none
     */
    public Watermarker(LexicalKey key, byte[] mark) {
        this(Lexicon.standard(), key, mark);
    }

    Watermarker(Lexicon lexicon, LexicalKey key, byte[] mark) {
        this.key = key;
        this.mark = mark == null ? null : InvisibleMark.encode(mark);
        this.walker = new TextWalker(lexicon, new Marking());
        try {
            this.sha256 = (MessageDigest) SHA256.clone(); // a provider lookup per answer otherwise
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    /** Watermarks a whole text at once. */
    public String mark(String text) {
        return accept(text) + finish();
    }

    public String accept(CharSequence piece) {
        return digested(walker.accept(piece));
    }

    /** Passes on the held-back word; an answer that never had a space outside quotes gets its mark at the end. */
    public String finish() {
        String rest = walker.finish();
        String end = (tail + rest).strip();
        // not after a closing fence: CommonMark allows only spaces there, and the code block would stay open
        if (mark != null && lastMarkAt < 0 && walker.inProse() && !end.isEmpty() && !end.endsWith("```")
                && !end.endsWith("~~~")) {
            lastMarkAt = 0;
            rest += mark;
        }
        return digested(rest);
    }

    public Fingerprint fingerprint() {
        return new Fingerprint(HexFormat.of().formatHex(sha256.digest()), positions, changed, tags.toByteArray());
    }

    private String digested(String out) {
        if (out.length() >= TAIL) {
            tail = out.substring(out.length() - TAIL);
        } else if (!out.isEmpty()) {
            String joined = tail + out;
            tail = joined.substring(Math.max(0, joined.length() - TAIL));
        }
        sha256.update(out.getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /**
     * What was written, for verification against known outputs: {@code positionTags} holds a four-byte tag per
     * marked position (its context and group under the key).
     */
    public record Fingerprint(String sha256, int positions, int changed, byte[] positionTags) {

        /** The four-byte tags of {@link #positionTags()} (or of tags stored elsewhere) as numbers. */
        public static int[] tags(byte[] positionTags) {
            int[] tags = new int[positionTags.length / 4];
            for (int i = 0; i < tags.length; i++) {
                tags[i] = (positionTags[4 * i] & 0xFF) << 24 | (positionTags[4 * i + 1] & 0xFF) << 16
                        | (positionTags[4 * i + 2] & 0xFF) << 8 | positionTags[4 * i + 3] & 0xFF;
            }
            return tags;
        }
    }

    private final class Marking implements TextWalker.Visitor {
        @Override
        public int choose(String context, Lexicon.Group group, int found) {
            if (key == null) {
                return found;
            }
            long hash = key.hash(context, group);
            int chosen = key.pick(hash, group);
            if (chosen < 0) {
                return found;
            }
            positions++;
            int tag = LexicalKey.tag(hash);
            tags.write(tag >>> 24);
            tags.write(tag >>> 16);
            tags.write(tag >>> 8);
            tags.write(tag);
            if (chosen != found) {
                changed++;
            }
            return chosen;
        }

        @Override
        public String afterSpace(long words) {
            if (mark == null || words - lastMarkAt < MARK_EVERY_WORDS) {
                return null;
            }
            lastMarkAt = words;
            return mark;
        }
    }
}
