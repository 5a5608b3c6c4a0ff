// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The expected keys were computed with the reference, ../shared/reference/reckey.py. */
class KeyCommandTest {
    private static final String DEFAULT_TAIL = ", \"endpoint\": \"/v1/chat/completions\", \"method\": \"POST\", \"test_id\": null}";

    @TempDir
    Path dir;

    @Test
    void the_defaults_are_post_chat_completions_no_test_and_version_2() {
        CliRunner.Result r = CliRunner.withInput("{\"model\":\"m\"}\n", "key");

        assertThat(r.outLines()).containsExactly(
                "7fd3dd650826e10c160424ac7e93e2d25918e50d1167f691cdca432159b10a9d",
                "{\"body\": {\"model\": \"m\"}" + DEFAULT_TAIL);
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void an_empty_or_blank_body_is_an_empty_object() {
        for (String input : new String[] {"", "\n", "  \r\n"}) {
            CliRunner.Result r = CliRunner.withInput(input, "key");

            assertThat(r.outLines()).containsExactly(
                    "afea7b74b7b73706ea0ea6e55e409420a730eab71760a0502990af3b6a3524cf", "{\"body\": {}" + DEFAULT_TAIL);
            assertThat(r.exitCode()).isZero();
        }
    }

    @Test
    void the_test_id_is_hashed() {
        CliRunner.Result r = CliRunner.withInput("{\"model\": \"m\"}", "key", "--test-id", "tests/x.py::test_y[p]");

        assertThat(r.outLines()).containsExactly(
                "c012edd9d8af377c1d1e074fafadfb94e59e52bbf1f7ecb5b106ea4ad4543b77",
                "{\"body\": {\"model\": \"m\"}, \"endpoint\": \"/v1/chat/completions\", \"method\": \"POST\", "
                        + "\"test_id\": \"tests/x.py::test_y[p]\"}");
    }

    @Test
    void a_bedrock_url_hashes_its_path_and_drops_stream_options() {
        String body = "{\"model\": \"m\", \"stream\": true, \"stream_options\": {\"include_usage\": true}}";

        CliRunner.Result bedrock = CliRunner.withInput(body, "key",
                "--endpoint", "https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1/chat/completions");
        CliRunner.Result path = CliRunner.withInput(body, "key", "--endpoint", "/openai/v1/chat/completions");

        assertThat(bedrock.outLines()).containsExactly(
                "9e6835b192222fea4f4bfa9b06d5d0177371a479b42e3fe46c1819b57742d3be",
                "{\"body\": {\"model\": \"m\", \"stream\": true}, \"endpoint\": \"/openai/v1/chat/completions\", "
                        + "\"method\": \"POST\", \"test_id\": null}");
        assertThat(path.outLines().get(0)).isEqualTo("455675259b71317445a0179c5086ae2b1f8e2ccfee9d8d9ea53e0ba95b23e873");
    }

    @Test
    void version_1_hashes_the_body_as_it_is() {
        String body = "{\"model\": \"m\", \"temperature\": 0.123456789}";

        CliRunner.Result v1 = CliRunner.withInput(body, "key", "--key-version", "1");
        CliRunner.Result v2 = CliRunner.withInput(body, "key", "--key-version", "2");

        assertThat(v1.outLines()).containsExactly("6c142e231cd15e4672cb6be5d828f76aa7ff236515135b74af983760faf6df0c",
                "{\"body\": {\"model\": \"m\", \"temperature\": 0.123456789}" + DEFAULT_TAIL);
        assertThat(v2.outLines()).containsExactly("48d8a644e5193c76fde1c8bca7a9042e18eb400f46c0595520a5cb9a6d5f6bb0",
                "{\"body\": {\"model\": \"m\", \"temperature\": 0.12346}" + DEFAULT_TAIL);
    }

    @Test
    void a_model_list_key_leaves_the_test_id_out() {
        CliRunner.Result r = CliRunner.withInput("", "key", "--method", "get", "--endpoint", "/v1/models", "--test-id", "t");

        assertThat(r.outLines()).containsExactly("fe6ec7355022a96382bc53857462b0dd784af5b4e7932d9e16bf4ab5514e8b35",
                "{\"body\": {}, \"endpoint\": \"/v1/models\", \"method\": \"GET\"}");
    }

    @Test
    void a_key_version_other_than_1_or_2_is_a_usage_error() {
        CliRunner.Result r = CliRunner.withInput("{}", "key", "--key-version", "3");

        assertThat(r.out()).isEmpty();
        assertThat(r.errLines().get(0)).isEqualTo("Invalid value for option '--key-version': the key version is 1 or 2, not '3'");
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void the_body_can_come_from_a_file() throws Exception {
        Path file = Files.writeString(dir.resolve("body.json"), "{\"model\": \"m\"}");

        CliRunner.Result r = CliRunner.run("key", file.toString());

        assertThat(r.outLines().get(0)).isEqualTo("7fd3dd650826e10c160424ac7e93e2d25918e50d1167f691cdca432159b10a9d");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void a_body_that_is_not_json_fails_naming_its_source() throws Exception {
        Path file = Files.writeString(dir.resolve("body.txt"), "{\"model\": ");

        CliRunner.Result fromStdin = CliRunner.withInput("model=m", "key");
        CliRunner.Result fromFile = CliRunner.run("key", file.toString());

        assertThat(fromStdin.out()).isEmpty();
        assertThat(fromStdin.errLines()).singleElement().asString()
                .startsWith("replay4j key: standard input: not valid JSON: Unrecognized token 'model'");
        assertThat(fromStdin.exitCode()).isEqualTo(1);
        assertThat(fromFile.errLines()).singleElement().asString()
                .startsWith("replay4j key: " + file + ": not valid JSON: Unexpected end-of-input");
        assertThat(fromFile.exitCode()).isEqualTo(1);
    }

    @Test
    void a_form_read_from_a_file_has_the_key_the_proxy_recorded_it_under_whatever_its_boundary() throws Exception {
        java.util.function.Function<String, byte[]> form = b -> ("--" + b + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n"
                + "whisper-1\r\n--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\nRIFF\u0001\u0002\r\n--" + b + "--\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path recordings = dir.resolve("recordings");
        try (dev.replay4j.fakeupstream.FakeUpstream upstream = dev.replay4j.fakeupstream.FakeUpstream.start();
             dev.replay4j.ReplayProxy proxy = dev.replay4j.ReplayProxy.builder().recordings(recordings)
                     .mode(dev.replay4j.Mode.RECORD).upstream(upstream.url()).build().start()) {
            java.net.http.HttpResponse<String> r = dev.replay4j.fakeupstream.testing.Http.send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create(proxy.baseUrl("com.acme.T::t") + "/v1/audio/transcriptions"))
                    .header("Content-Type", "multipart/form-data; boundary=run-one")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(form.apply("run-one"))));
            assertThat(r.statusCode()).isEqualTo(200);
        }
        String recorded = dev.replay4j.fakeupstream.testing.RecordingFiles.all(recordings).get(0).getFileName().toString()
                .replace(".json", "");
        Path file = Files.write(dir.resolve("form.bin"), form.apply("another-run"));

        CliRunner.Result inferred = CliRunner.run("key", "--endpoint", "/v1/audio/transcriptions", "--test-id", "com.acme.T::t",
                file.toString());
        CliRunner.Result given = CliRunner.run("key", "--endpoint", "/v1/audio/transcriptions", "--test-id", "com.acme.T::t",
                "--content-type", "multipart/form-data; boundary=another-run", file.toString());

        assertThat(inferred.outLines().get(0)).isEqualTo(recorded);
        assertThat(given.outLines().get(0)).isEqualTo(recorded);
        assertThat(inferred.outLines().get(1)).contains("{\"__form__\": {\"file\": {\"content_type\": \"audio/wav\"");
    }

    @Test
    void a_missing_file_is_a_usage_error() {
        Path missing = dir.resolve("missing.json");

        CliRunner.Result r = CliRunner.run("key", missing.toString());

        assertThat(r.errLines()).containsExactly("replay4j key: no such file: " + missing);
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void batch_keys_every_line_and_reports_bad_lines_then_fails() {
        String input = "{\"model\": \"m\"}\n[1, \"x\"]\nnot json\n\n{}\r\n";

        CliRunner.Result r = CliRunner.withInput(input, "key", "--batch");

        assertThat(r.outLines()).containsExactly(
                "{\"key\": \"7fd3dd650826e10c160424ac7e93e2d25918e50d1167f691cdca432159b10a9d\", \"canonical\": "
                        + "\"{\\\"body\\\": {\\\"model\\\": \\\"m\\\"}, \\\"endpoint\\\": \\\"/v1/chat/completions\\\", "
                        + "\\\"method\\\": \\\"POST\\\", \\\"test_id\\\": null}\"}",
                "{\"key\": \"855bda7f69945fdd8b4f6c570634611a9cc51fe3c9d1c7edd2097d2b5258a732\", \"canonical\": "
                        + "\"{\\\"body\\\": [1, \\\"x\\\"], \\\"endpoint\\\": \\\"/v1/chat/completions\\\", "
                        + "\\\"method\\\": \\\"POST\\\", \\\"test_id\\\": null}\"}",
                "{\"error\": \"standard input, line 3: not valid JSON: Unrecognized token 'not': was expecting "
                        + "(JSON String, Number (or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or 'false') (column 1)\"}",
                "{\"error\": \"standard input, line 4: blank line, no JSON text\"}",
                "{\"key\": \"afea7b74b7b73706ea0ea6e55e409420a730eab71760a0502990af3b6a3524cf\", \"canonical\": "
                        + "\"{\\\"body\\\": {}, \\\"endpoint\\\": \\\"/v1/chat/completions\\\", "
                        + "\\\"method\\\": \\\"POST\\\", \\\"test_id\\\": null}\"}");
        assertThat(r.errLines()).containsExactly("replay4j key: 2 of 5 lines of standard input are not JSON");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void batch_of_good_lines_passes_and_a_bad_utf8_line_fails_alone() {
        byte[] input = "{\"a\": 1}\n{\"a\": \"\u00ff\"}\n{\"a\": 2}".getBytes(StandardCharsets.ISO_8859_1);

        CliRunner.Result good = CliRunner.withInput("{\"a\": 1}\n{\"a\": 2}", "key", "--batch");
        CliRunner.Result bad = CliRunner.run(input, false, "key", "--batch");

        assertThat(good.outLines()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"key\": "));
        assertThat(good.exitCode()).isZero();
        assertThat(bad.outLines()).hasSize(3);
        assertThat(bad.outLines().get(0)).isEqualTo(good.outLines().get(0));
        assertThat(bad.outLines().get(1)).startsWith("{\"error\": \"standard input, line 2: not valid JSON: Invalid UTF-8");
        assertThat(bad.outLines().get(2)).isEqualTo(good.outLines().get(1));
        assertThat(bad.exitCode()).isEqualTo(1);
    }
}
