// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.internal.recording.Recording;
import dev.replay4j.internal.recording.RecordingFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Every stream kind replay4j records is joined into its answer; answers that are not text are described. */
class ConversationsTest {
    private static Recording recording(String endpoint, String requestBody, String response) throws Exception {
        String json = "{\"test_id\": \"t::m\", \"request\": {\"method\": \"POST\", \"url\": \"http://up" + endpoint
                + "\", \"headers\": {}, \"body\": " + requestBody + ", \"endpoint\": \"" + endpoint + "\", \"model\": \"m\"},"
                + " \"response\": " + response + "}";
        return RecordingFormat.read(json.getBytes(StandardCharsets.UTF_8), "test");
    }

    private static String lines(String... lines) {
        StringBuilder out = new StringBuilder("[");
        for (String line : lines) {
            out.append(out.length() > 1 ? ", " : "").append('"').append(line.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append(']').toString();
    }

    private static String shown(Recording r) {
        StringWriter out = new StringWriter();
        TextView.print(Conversations.of(r), new PrintWriter(out));
        return out.toString();
    }

    @Test
    void a_responses_event_stream_is_joined_with_its_tool_call() throws Exception {
        Recording r = recording("/v1/responses", "{\"model\": \"m\", \"input\": \"hi\", \"stream\": true}",
                "{\"body\": " + lines("event: response.created", "data: {\"type\":\"response.created\",\"response\":{}}", "",
                        "event: response.output_text.delta", "data: {\"type\":\"response.output_text.delta\",\"delta\":\"Hel\"}", "",
                        "event: response.output_text.delta", "data: {\"type\":\"response.output_text.delta\",\"delta\":\"lo\"}", "",
                        "data: {\"type\":\"response.output_item.added\",\"output_index\":1,\"item\":{\"type\":\"function_call\",\"name\":\"get_weather\"}}",
                        "data: {\"type\":\"response.function_call_arguments.delta\",\"output_index\":1,\"delta\":\"{\\\"city\\\":\"}",
                        "data: {\"type\":\"response.function_call_arguments.delta\",\"output_index\":1,\"delta\":\"\\\"Paris\\\"}\"}",
                        "event: response.completed", "data: {\"type\":\"response.completed\",\"response\":{\"status\":\"completed\"}}")
                        + ", \"is_streaming\": true}");
        Conversation.Answer a = Conversations.of(r).answer();
        assertThat(a.text()).isEqualTo("Hello");
        assertThat(a.chunks()).isEqualTo(7);
        assertThat(a.toolCalls()).containsExactly(new Conversation.ToolCall("get_weather", "{\"city\":\"Paris\"}"));
        assertThat(a.finish()).isEqualTo("completed");
        assertThat(shown(r)).contains("answer:    Hello\n").doesNotContain("event:");
    }

    @Test
    void an_anthropic_event_stream_is_joined_with_its_tool_input() throws Exception {
        Recording r = recording("/v1/messages", "{\"model\": \"m\", \"system\": \"be brief\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
                "{\"body\": " + lines("event: message_start", "data: {\"type\":\"message_start\",\"message\":{}}",
                        "event: content_block_start", "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                        "event: content_block_delta", "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Bon\"}}",
                        "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"jour\"}}",
                        "data: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"name\":\"lookup\"}}",
                        "data: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}",
                        "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"}}",
                        "event: message_stop", "data: {\"type\":\"message_stop\"}") + ", \"is_streaming\": true}");
        String shown = shown(r);
        assertThat(shown).contains("system:    be brief", "  user: hi", "answer:    Bonjour\n", "tool call: lookup {}", "finish:    tool_use")
                .doesNotContain("data:");
    }

    @Test
    void ollama_lines_and_completion_chunks_are_joined() throws Exception {
        Recording ollama = recording("/api/chat", "{\"model\": \"m\", \"messages\": []}", "{\"body\": "
                + lines("{\"message\":{\"role\":\"assistant\",\"content\":\"Pa\"},\"done\":false}",
                        "{\"message\":{\"role\":\"assistant\",\"content\":\"ris\"},\"done\":true,\"done_reason\":\"stop\"}")
                + ", \"is_streaming\": true}");
        assertThat(Conversations.of(ollama).answer().text()).isEqualTo("Paris");
        Recording completions = recording("/v1/completions", "{\"model\": \"m\", \"prompt\": \"Say\"}", "{\"body\": ["
                + "{\"__type__\": \"openai.types.completion.Completion\", \"__data__\": {\"choices\": [{\"text\": \"Hi\", \"index\": 0, \"finish_reason\": null}]}},"
                + "{\"__type__\": \"openai.types.completion.Completion\", \"__data__\": {\"choices\": [{\"text\": \" there\", \"index\": 0, \"finish_reason\": \"stop\"}]}}"
                + "], \"is_streaming\": true}");
        assertThat(shown(completions)).contains("prompt:    Say", "response:  streamed, 2 chunks", "answer:    Hi there", "finish:    stop");
    }

    @Test
    void base64_embeddings_are_counted_by_their_decoded_floats() throws Exception {
        ByteBuffer floats = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2).putFloat(3).putFloat(4);
        String b64 = Base64.getEncoder().encodeToString(floats.array());
        Recording r = recording("/v1/embeddings", "{\"model\": \"m\", \"input\": \"x\", \"encoding_format\": \"base64\"}",
                "{\"body\": {\"__type__\": \"openai.types.create_embedding_response.CreateEmbeddingResponse\", \"__data__\": "
                        + "{\"data\": [{\"embedding\": \"" + b64 + "\", \"index\": 0, \"object\": \"embedding\"}], \"object\": \"list\"}},"
                        + " \"is_streaming\": false}");
        assertThat(shown(r)).contains("response:  1 embeddings of 4 dimensions (base64)");
    }

    @Test
    void an_audio_answer_is_described_as_its_size_and_type() throws Exception {
        String audio = Base64.getEncoder().encodeToString(new byte[2062]);
        Recording r = recording("/v1/chat/completions", "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"say hi\"}]}",
                "{\"body\": {\"choices\": [{\"index\": 0, \"finish_reason\": \"stop\", \"message\": {\"role\": \"assistant\", \"content\": null,"
                        + " \"audio\": {\"data\": \"" + audio + "\", \"format\": \"mp3\", \"transcript\": \"hi\"}}}]}, \"is_streaming\": false}");
        Conversation.Answer a = Conversations.of(r).answer();
        assertThat(a.kind()).isEqualTo(Conversation.Kind.MEDIA);
        assertThat(shown(r)).contains("media:     2,062 bytes of audio/mp3", "answer:    hi");
    }

    @Test
    void an_error_shows_its_status_and_message() throws Exception {
        Recording r = recording("/v1/chat/completions", "{\"model\": \"m\", \"messages\": []}",
                "{\"body\": {\"__type__\": \"builtins.NoneType\", \"__data__\": null}, \"is_exception\": true, \"exception_data\":"
                        + " {\"status_code\": 429, \"body\": {}, \"message\": \"slow down\"}, \"exception_message\": \"slow down\"}");
        assertThat(shown(r)).contains("response:  upstream error 429", "message:   slow down");
    }

    @Test
    void an_image_of_bytes_goes_to_the_page_as_an_image_and_to_show_as_its_size() throws Exception {
        byte[] png = new byte[1234];
        png[0] = (byte) 0x89;
        String b64 = Base64.getEncoder().encodeToString(png);
        Recording r = recording("/v1/images/raw", "{\"model\": \"m\", \"prompt\": \"a cat\"}", "{\"body\": \"" + b64
                + "\", \"is_streaming\": false, \"headers\": {\"content-type\": \"image/png\"}, \"body_encoding\": \"base64\"}");
        assertThat(shown(r)).contains("prompt:    a cat", "response:  1,234 bytes of image/png\n").doesNotContain(b64);
        var media = ConversationJson.of(Conversations.of(r)).at("/answer/media");
        assertThat(media.path("content_type").asText()).isEqualTo("image/png");
        assertThat(media.path("base64").asText()).isEqualTo(b64);
    }

    @Test
    void gemini_and_converse_tool_calls_are_shown_in_requests_and_answers() throws Exception {
        Recording gemini = recording("/v1beta/models/g:generateContent", "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"weather?\"}]},"
                + " {\"role\": \"model\", \"parts\": [{\"functionCall\": {\"name\": \"get_weather\", \"args\": {\"city\": \"Paris\"}}}]}]}",
                "{\"body\": {\"candidates\": [{\"content\": {\"role\": \"model\", \"parts\": [{\"functionCall\": {\"name\": \"get_time\","
                        + " \"args\": {}}}]}, \"finishReason\": \"STOP\"}]}, \"is_streaming\": false}");
        assertThat(shown(gemini)).contains("  user: weather?\n", "  model: [tool call get_weather {\"city\":\"Paris\"}]\n",
                "tool call: get_time {}\n", "finish:    STOP");
        Recording converse = recording("/model/m/converse", "{\"messages\": [{\"role\": \"assistant\", \"content\": [{\"toolUse\":"
                + " {\"toolUseId\": \"t1\", \"name\": \"lookup\", \"input\": {\"q\": 1}}}]}]}",
                "{\"body\": {\"output\": {\"message\": {\"role\": \"assistant\", \"content\": [{\"text\": \"Done\"}, {\"toolUse\":"
                        + " {\"toolUseId\": \"t2\", \"name\": \"save\", \"input\": {}}}]}}, \"stopReason\": \"tool_use\","
                        + " \"usage\": {\"inputTokens\": 7, \"outputTokens\": 2}}, \"is_streaming\": false}");
        assertThat(shown(converse)).contains("  assistant: [tool call lookup {\"q\":1}]\n", "answer:    Done\n", "tool call: save {}\n",
                "finish:    tool_use", "usage:     7 in, 2 out");
    }
}
