package dev.moat.web.problem;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;

/** The version an If-Match header names: a change without one would overwrite changes it never saw. */
public final class IfMatch {

    private IfMatch() {
    }

    /**
     * @param what what the ETag belongs to, for the message ("the case", "the rule")
     * @throws ClientErrorException 428 without the header, 400 when it is no ETag this API gave out
     */
    public static long version(String ifMatch, String what) {
        if (ifMatch == null) {
            throw new ClientErrorException("If-Match with " + what + "'s ETag is required (read " + what + " first)",
                    428);
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new BadRequestException("If-Match must carry an ETag this API gave out, such as \"3\"");
        }
    }
}
