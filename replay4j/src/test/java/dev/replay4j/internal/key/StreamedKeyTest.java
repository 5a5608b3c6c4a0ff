// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.PythonJson;
import dev.replay4j.fakeupstream.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Keys are hashed from the tree through a small buffer, and the digest after the body is cloned for each key: the
 * hex must be the SHA-256 of the very text the spec defines, built here the plain way (whole strings), for every
 * version, host rule, method, path and test id, on bodies small and larger than every buffer on the way.
 */
class StreamedKeyTest {
    private static final String[][] CALLS = {
        {"POST", "/v1/chat/completions"}, {"post", "https://bedrock-runtime.us-east-1.amazonaws.com/v1/chat/completions"},
        {"GET", "/v1/models"}, {"POST", "http://0.0.0.0:11434/v1/v1/chat/completions"},
    };
    private static final String[] TEST_IDS = {null, "com.acme.ChatTest::answers \u00e9\u4e2d"};

    @Test
    void every_key_is_the_sha256_of_the_spec_text_for_the_conformance_vectors() throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(SharedData.vectors(), StandardCharsets.UTF_8)) {
                bodies.add(Json.parse(Json.parse(line).get("input").textValue()));
            }
        } catch (TestAbortedException missing) {
            bodies.add(Json.parse("{\"a\": 0.1234567, \"stream_options\": {\"x\": 1}, \"b\": [\"score: 0.5\", null, true]}"));
        }
        for (JsonNode body : bodies) {
            RequestKeys keys = RequestKeys.of(body);
            for (KeyVersion version : KeyVersion.values()) {
                check(keys, body, CALLS[0], TEST_IDS[1], version); // the writer on every vector; the tails below
                check(keys, body, CALLS[1], null, version);
            }
        }
        checkEveryKey(bodies.get(bodies.size() - 1));
    }

    @Test
    void a_body_larger_than_every_buffer_hashes_to_the_same_key_as_its_whole_text() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 7000; big.length() < 400_000; i += 37) {
            // plain runs of every length around the 8 KiB buffer, with escapes and non-ASCII between them
            big.append("x".repeat(i % 9000)).append(i % 3 == 0 ? "\"\\\n" : i % 3 == 1 ? "\u00e9\u4e2d" : "\ud83d\ude00");
        }
        JsonNode body = Json.object().put("model", "m").put("z", big.toString()).put("temperature", 0.70000001)
                .set("messages", Json.parse("[{\"role\": \"user\", \"content\": \"document_id: 123e4567-e89b-12d3-a456-426614174000\"}]"));
        checkEveryKey(body);
    }

    @Test
    void a_canonical_prefix_is_the_beginning_of_the_canonical_text() throws Exception {
        JsonNode body = Json.parse("{\"b\": \"" + "y".repeat(10_000) + "\", \"a\": [1, 2.5, \"\u00e9\"]}");
        String whole = PythonJson.canonical(body);
        for (int n : new int[] {1, 15, 16, 17, 161, 4096, 4097, 10_000, whole.length(), whole.length() + 5}) {
            assertThat(PythonJson.canonical(body, n)).isEqualTo(whole.substring(0, Math.min(n, whole.length())));
        }
    }

    private static void checkEveryKey(JsonNode body) throws Exception {
        RequestKeys keys = RequestKeys.of(body); // one instance for all: the digests it keeps are cloned, never reused
        for (KeyVersion version : KeyVersion.values()) {
            for (String[] call : CALLS) {
                for (String testId : TEST_IDS) {
                    check(keys, body, call, testId, version);
                }
            }
        }
    }

    private static void check(RequestKeys keys, JsonNode body, String[] call, String testId, KeyVersion version) throws Exception {
        String text = specText(call[0], call[1], body, testId, version);
        RequestKey key = keys.key(call[0], call[1], testId, version);
        assertThat(key.hex()).as("%s %s %s %s", version, call[0], call[1], testId).isEqualTo(sha256(text));
        assertThat(RequestKey.compute(call[0], call[1], body, testId, version)).isEqualTo(key);
        assertThat(keys.canonicalText(call[0], call[1], testId, version)).isEqualTo(text);
    }

    /** The spec's text, the plain way: whole strings, concatenated. */
    private static String specText(String method, String urlOrPath, JsonNode body, String testId, KeyVersion version) {
        UrlParts url = UrlParts.of(urlOrPath);
        JsonNode b = version == KeyVersion.V1 ? body : BodyNormalizer.normalize(body, url.isBedrock());
        String text = "{\"body\": " + PythonJson.canonical(b) + ", \"endpoint\": " + str(url.path()) + ", \"method\": "
                + str(method.toUpperCase(Locale.ROOT));
        if (!dev.replay4j.internal.api.Endpoints.isModelList(url.path())) {
            text += ", \"test_id\": " + (testId == null ? "null" : str(testId));
        }
        return text + "}";
    }

    private static String str(String s) {
        return PythonJson.canonical(TextNode.valueOf(s));
    }

    private static String sha256(String ascii) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ascii.getBytes(StandardCharsets.US_ASCII)));
    }
}
