package dev.moat.simulator;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The client software a key sends with, as the headers that describe it. Most keys, attackers included, use a
 * stock release of an SDK or a common HTTP library; an operation may run its own build.
 */
record Client(String name, Map<String, String> headers) {

    static final Client PYTHON_LINUX = openAiPython("1.54.4", "Linux", "x64", "3.11.9");
    static final Client PYTHON_MAC = openAiPython("1.55.3", "MacOS", "arm64", "3.12.7");
    static final Client NODE = new Client("OpenAI Node.js SDK", Map.of("User-Agent", "OpenAI/JS 4.73.0",
            "Accept", "application/json", "X-Stainless-Lang", "js", "X-Stainless-Package-Version", "4.73.0",
            "X-Stainless-OS", "Linux", "X-Stainless-Arch", "x64", "X-Stainless-Runtime", "node",
            "X-Stainless-Runtime-Version", "v20.18.0"));
    static final Client REQUESTS = new Client("python-requests", Map.of("User-Agent", "python-requests/2.32.3",
            "Accept", "*/*", "Accept-Encoding", "gzip, deflate"));
    static final Client CURL = new Client("curl", Map.of("User-Agent", "curl/8.5.0", "Accept", "*/*"));
    /** An operation's own harvesting client, built on httpx: no stock SDK sends these headers. */
    static final Client HTTPX_SCRIPT = new Client("a script on httpx", Map.of("User-Agent", "python-httpx/0.27.2",
            "Accept", "*/*", "Accept-Encoding", "gzip, deflate, br"));

    private static final List<Client> STOCK = List.of(PYTHON_LINUX, PYTHON_LINUX, PYTHON_MAC, NODE, NODE, REQUESTS,
            CURL);

    /** One of the stock clients, the official SDKs the most likely. */
    static Client stock(Random random) {
        return STOCK.get(random.nextInt(STOCK.size()));
    }

    private static Client openAiPython(String version, String os, String arch, String python) {
        return new Client("OpenAI Python SDK " + version, Map.of("User-Agent", "OpenAI/Python " + version,
                "Accept", "application/json", "X-Stainless-Lang", "python", "X-Stainless-Package-Version", version,
                "X-Stainless-OS", os, "X-Stainless-Arch", arch, "X-Stainless-Runtime", "CPython",
                "X-Stainless-Runtime-Version", python, "X-Stainless-Async", "false"));
    }
}
