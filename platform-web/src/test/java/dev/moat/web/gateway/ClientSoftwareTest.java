package dev.moat.web.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.moat.detection.ClientFingerprint;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fingerprint follows the client software, not the request, the key or the proxies on the way. */
class ClientSoftwareTest {

    /** The headers the OpenAI Python SDK sends, in its order. */
    private static Map<String, String> pythonSdk() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "moat.example.com");
        headers.put("Accept-Encoding", "gzip, deflate");
        headers.put("Connection", "keep-alive");
        headers.put("Accept", "application/json");
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "OpenAI/Python 1.54.4");
        headers.put("X-Stainless-Lang", "python");
        headers.put("X-Stainless-Package-Version", "1.54.4");
        headers.put("X-Stainless-OS", "Linux");
        headers.put("X-Stainless-Arch", "x64");
        headers.put("X-Stainless-Runtime", "CPython");
        headers.put("X-Stainless-Runtime-Version", "3.11.9");
        headers.put("Authorization", "Bearer moat_aaaaaaaaaaaa_secret1");
        headers.put("X-Stainless-Async", "false");
        headers.put("x-stainless-retry-count", "0");
        headers.put("Content-Length", "312");
        return headers;
    }

    private static ClientFingerprint of(Map<String, String> headers) {
        return ClientSoftware.of(headers.keySet(), headers::get);
    }

    @Test
    void the_same_software_with_another_key_body_retry_proxy_or_header_case_has_the_same_fingerprint() {
        Map<String, String> other = new LinkedHashMap<>(); // HTTP ignores the case of header names; so does this
        pythonSdk().forEach((name, value) -> other.put(name.equals("User-Agent") ? "user-agent" : name, value));
        other.put("Authorization", "Bearer moat_bbbbbbbbbbbb_secret2");
        other.put("Content-Length", "9000");
        other.put("x-stainless-retry-count", "2");
        other.put("X-Forwarded-For", "203.0.113.9");
        other.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertEquals(of(pythonSdk()), of(other));
        assertEquals("OpenAI/Python 1.54.4", of(other).software());
    }

    @Test
    void another_release_runtime_or_header_order_is_another_fingerprint() {
        Map<String, String> release = pythonSdk();
        release.put("X-Stainless-Package-Version", "1.55.0");
        Map<String, String> runtime = pythonSdk();
        runtime.put("X-Stainless-Runtime-Version", "3.12.1");
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("User-Agent", "OpenAI/Python 1.54.4");
        pythonSdk().forEach(reordered::putIfAbsent);
        long stock = of(pythonSdk()).hash();
        assertNotEquals(stock, of(release).hash());
        assertNotEquals(stock, of(runtime).hash());
        assertNotEquals(stock, of(reordered).hash());
    }

    @Test
    void a_request_without_headers_still_has_a_fingerprint_and_no_software() {
        ClientFingerprint bare = of(Map.of());
        assertNotEquals(0, bare.hash());
        assertEquals("", bare.software());
    }
}
