// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.key.KeyVersion;
import dev.replay4j.internal.key.RequestKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What verify says of one file, by its name and content. */
class VerifierTest {
    private static final String BODY = "{\"model\": \"m\", \"temperature\": 0.7000001}";

    private static String recording(String testId) {
        return "{\"test_id\": " + (testId == null ? "null" : "\"" + testId + "\"") + ", \"request\": {\"method\": \"POST\","
                + " \"url\": \"http://h/v1/chat/completions\", \"body\": " + BODY + "}, \"response\": {\"body\": {}}}";
    }

    private static String key(String testId, KeyVersion version) throws Exception {
        return RequestKey.compute("POST", "http://h/v1/chat/completions", Json.parse(BODY), testId, version).hex();
    }

    private static FileReport verify(String file, String content) {
        return Verifier.verify(file, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_file_named_by_its_version_two_key_is_current_and_by_its_version_one_key_legacy() throws Exception {
        String v2 = key("t::a", KeyVersion.V2);
        String v1 = key("t::a", KeyVersion.V1);
        assertThat(v1).isNotEqualTo(v2);
        assertThat(verify("x/" + v2 + ".json", recording("t::a"))).isEqualTo(new FileReport("x/" + v2 + ".json", FileKind.INFERENCE,
                Verdict.CURRENT, v2, null));
        assertThat(verify(v1 + ".json", recording("t::a"))).isEqualTo(new FileReport(v1 + ".json", FileKind.INFERENCE,
                Verdict.LEGACY, v2, null));
        FileReport mismatch = verify("a/b/" + v2 + ".json", recording("t::other"));
        assertThat(mismatch.verdict()).isEqualTo(Verdict.MISMATCH);
        assertThat(mismatch.key()).isEqualTo(key("t::other", KeyVersion.V2));
        assertThat(mismatch.message()).isEqualTo("the name is not the key of the request inside; its version-2 key is " + mismatch.key());
        assertThat(verify(v2, recording("t::a")).verdict()).as("a name without .json").isEqualTo(Verdict.CURRENT);
    }

    @Test
    void the_nth_answer_of_a_sequence_is_judged_by_its_key_and_changed_bytes_are_broken() throws Exception {
        String v2 = key("t::a", KeyVersion.V2);
        assertThat(verify("x/" + v2 + ".3.json", recording("t::a")).verdict()).isEqualTo(Verdict.CURRENT);
        assertThat(verify("x/" + v2 + ".0.json", recording("t::a")).verdict()).isEqualTo(Verdict.MISMATCH);
        String bytes = recording("t::a").replace("\"response\": {\"body\": {}}", "\"response\": {\"body\": \"AAEC\","
                + " \"body_encoding\": \"base64\", \"body_sha256\": \""
                + dev.replay4j.internal.key.Sha256.hex(new byte[] {0, 1, 2}) + "\"}");
        assertThat(verify(v2 + ".json", bytes).verdict()).isEqualTo(Verdict.CURRENT);
        FileReport changed = verify(v2 + ".json", bytes.replace("AAEC", "AAED"));
        assertThat(changed.verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(changed.message()).contains("does not match response.body_sha256");
        assertThat(verify(v2 + ".json", bytes.replace("AAEC", "not base64!")).verdict()).isEqualTo(Verdict.BROKEN);
    }

    @Test
    void a_model_list_is_judged_by_the_key_in_its_name() throws Exception {
        String body = "{\"test_id\": null, \"request\": {\"method\": \"GET\", \"url\": \"/v1/models\", \"body\": {}}, \"response\": {\"body\": []}}";
        String key = RequestKey.compute("GET", "/v1/models", Json.object(), null, KeyVersion.V2).hex();
        FileReport list = verify("_shared/models-" + key + "-0123abcd.json", body);
        assertThat(list.kind()).isEqualTo(FileKind.MODELS);
        assertThat(list.verdict()).isEqualTo(Verdict.CURRENT);
        assertThat(verify("_shared/models-.json", body).verdict()).isEqualTo(Verdict.MISMATCH);
        assertThat(verify("_shared/models" + key + ".json", body).kind()).isEqualTo(FileKind.INFERENCE);
    }

    @Test
    void a_file_that_is_not_json_or_whose_request_is_malformed_is_broken_and_another_kind_is_other() {
        FileReport notJson = verify("a.json", "{\"test_id\": ");
        assertThat(notJson.kind()).isEqualTo(FileKind.BROKEN);
        assertThat(notJson.verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(notJson.message()).startsWith("a.json: not valid JSON");
        FileReport badMethod = verify("b.json", "{\"request\": {\"method\": 1, \"url\": \"/v1/x\", \"body\": {}}}");
        assertThat(badMethod).isEqualTo(new FileReport("b.json", FileKind.BROKEN, Verdict.BROKEN, null,
                "b.json: request.method and request.url must be strings"));
        assertThat(verify("c.json", "{\"request\": {\"method\": \"POST\", \"url\": null, \"body\": {}}}").verdict()).isEqualTo(Verdict.BROKEN);
        assertThat(verify("d.json", "{\"tool\": \"x\"}")).isEqualTo(new FileReport("d.json", FileKind.OTHER, Verdict.OTHER, null, null));
    }

    @Test
    void only_a_mismatch_or_a_broken_file_is_a_problem() {
        assertThat(Verdict.MISMATCH.isProblem()).isTrue();
        assertThat(Verdict.BROKEN.isProblem()).isTrue();
        assertThat(Verdict.CURRENT.isProblem()).isFalse();
        assertThat(Verdict.LEGACY.isProblem()).isFalse();
        assertThat(Verdict.OTHER.isProblem()).isFalse();
        assertThat(Verdict.MISMATCH.wireName()).isEqualTo("mismatch");
    }
}
