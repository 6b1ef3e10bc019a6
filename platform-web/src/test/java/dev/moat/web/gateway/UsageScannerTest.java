package dev.moat.web.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UsageScannerTest {

    private static UsageScanner scanInPieces(String answer, int pieceSize) {
        UsageScanner scanner = new UsageScanner();
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        for (int from = 0; from < bytes.length; from += pieceSize) {
            byte[] piece = java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + pieceSize));
            scanner.scan(piece, piece.length);
        }
        return scanner;
    }

    @Test
    void reads_the_usage_of_an_answer_split_anywhere() {
        String answer = "{\"choices\":[],\"usage\":{\"prompt_tokens\": 12,\"completion_tokens\":30,\"total_tokens\":42}}";
        for (int pieceSize = 1; pieceSize <= answer.length(); pieceSize++) {
            assertEquals(new UsageScanner.Usage(12, 30, 42, false), scanInPieces(answer, pieceSize).usage(100, false),
                    "pieces of " + pieceSize);
        }
    }

    @Test
    void reads_the_usage_chunk_at_the_end_of_a_stream() {
        String stream = "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}\n\n"
                + "data: [DONE]\n\n";
        assertEquals(new UsageScanner.Usage(5, 1, 6, false), scanInPieces(stream, 7).usage(100, true));
    }

    @Test
    void estimates_when_the_answer_reports_nothing() {
        String stream = "data: {\"delta\":\"a\"}\n\ndata: {\"delta\":\"b\"}\n\ndata: [DONE]\n\n";
        assertEquals(new UsageScanner.Usage(25, 2, 27, true), scanInPieces(stream, 5).usage(100, true));
        assertEquals(new UsageScanner.Usage(25, 3, 28, true), scanInPieces("0123456789", 3).usage(100, false));
    }
}
