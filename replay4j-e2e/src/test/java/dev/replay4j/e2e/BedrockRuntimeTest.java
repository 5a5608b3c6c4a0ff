// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * AWS's Bedrock runtime SDK, pointed at replay4j with an endpoint override: converse, invokeModel (sync client),
 * converseStream and invokeModelWithResponseStream (the async client, switched to HTTP/1.1), whose event-stream
 * decoder checks every replayed frame.
 */
@Timeout(90)
class BedrockRuntimeTest {
    private static final String TEST_ID = "dev.replay4j.e2e.BedrockRuntimeTest::calls";
    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    @TempDir
    Path recordings;

    @Test
    void converse_records_then_replays() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, base -> List.of(converse(base, "hello")),
                base -> List.of(converse(base, "something new")));
        assertThat(answers.get(0)).matches("Echo: hello #\\d+");
    }

    @Test
    void converse_stream_records_then_replays_frames_the_sdk_accepts() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, base -> List.of(converseStream(base, "stream this")),
                base -> List.of(converseStream(base, "stream more")));
        assertThat(answers.get(0)).isEqualTo("messageStart|Echo: stream this #1|stop:end_turn|tokens:8");
    }

    @Test
    void invoke_model_records_then_replays() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, base -> List.of(invoke(base, "hello")),
                base -> List.of(invoke(base, "new")));
        assertThat(answers.get(0)).contains("Echo: hello #");
    }

    @Test
    void invoke_model_with_response_stream_records_then_replays_frames_the_sdk_accepts() throws Exception {
        List<String> answers = RecordReplayCheck.check(recordings, TEST_ID, base -> List.of(invokeStream(base, "stream this")),
                base -> List.of(invokeStream(base, "stream more")));
        assertThat(answers.get(0)).isEqualTo("Echo: stream this #1");
    }

    private static StaticCredentialsProvider credentials() {
        // The access key id travels in the signed Authorization header: the check looks for it upstream and on disk.
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(RecordReplayCheck.API_KEY, "secret-access-key-DUMMY-KEY"));
    }

    /** The test id as a header: the SDK's endpoint override is a host, and the header needs no path prefix. */
    private static ClientOverrideConfiguration testIdHeader(String base) {
        return ClientOverrideConfiguration.builder().putHeader("X-Replay4j-Test-Id", RecordReplayCheck.testIdOf(base)).build();
    }

    private static BedrockRuntimeClient client(String base) {
        return BedrockRuntimeClient.builder().endpointOverride(URI.create(RecordReplayCheck.rootOf(base))).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).overrideConfiguration(testIdHeader(base))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static Message user(String text) {
        return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build();
    }

    private static String converse(String base, String text) {
        try (BedrockRuntimeClient client = client(base)) {
            ConverseResponse r = client.converse(b -> b.modelId(MODEL).messages(user(text)));
            return r.output().message().content().get(0).text();
        }
    }

    private static String invoke(String base, String text) {
        String body = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}]}";
        try (BedrockRuntimeClient client = client(base)) {
            String answer = client.invokeModel(b -> b.modelId(MODEL).contentType("application/json")
                    .body(SdkBytes.fromUtf8String(body))).body().asUtf8String();
            // The model's own JSON; its id is quieted in the recording (rec-...), so compare the text.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"text\":\"([^\"]*)\"").matcher(answer);
            return m.find() ? m.group(1) : answer;
        }
    }

    private static BedrockRuntimeAsyncClient asyncClient(String base) {
        // The async client speaks HTTP/2 to an http:// endpoint unless told otherwise; replay4j speaks HTTP/1.1.
        return BedrockRuntimeAsyncClient.builder().endpointOverride(URI.create(RecordReplayCheck.rootOf(base))).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).overrideConfiguration(testIdHeader(base))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build();
    }

    /** The model's own stream (Anthropic's events, each base64 in a chunk frame): the text deltas joined. */
    private static String invokeStream(String base, String text) throws Exception {
        String body = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}]}";
        StringBuilder out = new StringBuilder();
        java.util.regex.Pattern delta = java.util.regex.Pattern.compile("\"text_delta\",\"text\":\"([^\"]*)\"");
        try (BedrockRuntimeAsyncClient client = asyncClient(base)) {
            InvokeModelWithResponseStreamResponseHandler handler = InvokeModelWithResponseStreamResponseHandler.builder()
                    .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder().onChunk(chunk -> {
                        java.util.regex.Matcher m = delta.matcher(chunk.bytes().asUtf8String());
                        if (m.find()) {
                            out.append(m.group(1));
                        }
                    }).build())
                    .build();
            client.invokeModelWithResponseStream(InvokeModelWithResponseStreamRequest.builder().modelId(MODEL)
                    .contentType("application/json").body(SdkBytes.fromUtf8String(body)).build(), handler).get(30, TimeUnit.SECONDS);
        }
        return out.toString();
    }

    private static String converseStream(String base, String text) throws Exception {
        // The async client speaks HTTP/2 to an http:// endpoint unless told otherwise; replay4j speaks HTTP/1.1.
        try (BedrockRuntimeAsyncClient client = BedrockRuntimeAsyncClient.builder()
                .endpointOverride(URI.create(RecordReplayCheck.rootOf(base))).region(Region.US_EAST_1).credentialsProvider(credentials())
                .overrideConfiguration(testIdHeader(base))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build()) {
            List<String> events = new ArrayList<>();
            StringBuilder textOut = new StringBuilder();
            ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                    .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                            .onMessageStart(e -> events.add("messageStart"))
                            .onContentBlockDelta(e -> textOut.append(e.delta().text()))
                            .onMessageStop(e -> events.add(textOut + "|stop:" + e.stopReasonAsString()))
                            .onMetadata(e -> events.add("tokens:" + e.usage().totalTokens()))
                            .build())
                    .build();
            client.converseStream(ConverseStreamRequest.builder().modelId(MODEL).messages(user(text)).build(), handler)
                    .get(30, TimeUnit.SECONDS);
            return String.join("|", events);
        }
    }
}
