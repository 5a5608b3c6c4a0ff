// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.models.audio.AudioModel;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.audio.speech.SpeechModel;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.replay4j.Mode;
import dev.replay4j.ReplayProxy;
import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.RecordingFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * openai-java's calls that are not one JSON body and one JSON answer: uploads (multipart, a random boundary per run),
 * audio bytes, a polled batch, a rate limit. Recorded against the fake upstream, then replayed with it stopped.
 */
@Timeout(60)
class OpenAiJavaExchangesTest {
    private static final String TEST_ID = "dev.replay4j.e2e.OpenAiJavaExchangesTest::calls";

    @TempDir
    Path recordings;

    @TempDir
    Path work;

    private static OpenAIClient client(ReplayProxy proxy, int maxRetries) {
        return OpenAIOkHttpClient.builder().baseUrl(proxy.baseUrl(TEST_ID) + "/v1").apiKey(RecordReplayCheck.API_KEY)
                .maxRetries(maxRetries).build();
    }

    /** Records with the fake upstream, then replays in a new proxy with the upstream stopped; both results. */
    private <T> List<T> recordThenReplay(int maxRetries, java.util.function.Consumer<FakeUpstream> setUp,
                                         java.util.function.Function<OpenAIClient, T> calls) throws Exception {
        T live;
        try (FakeUpstream upstream = FakeUpstream.start();
             ReplayProxy proxy = RecordReplayCheck.proxy(recordings, Mode.RECORD, upstream)) {
            setUp.accept(upstream);
            live = calls.apply(client(proxy, maxRetries));
        }
        for (Path file : RecordingFiles.all(recordings)) {
            assertThat(RecordingFiles.read(file)).doesNotContain(RecordReplayCheck.API_KEY);
        }
        T replayed;
        try (ReplayProxy proxy = RecordReplayCheck.proxy(recordings, Mode.REPLAY, null)) {
            replayed = calls.apply(client(proxy, maxRetries));
            assertThat(proxy.takeMisses(TEST_ID)).isEmpty();
        }
        return List.of(live, replayed);
    }

    @Test
    void files_create_uploads_a_form_and_replays_it_under_another_boundary() throws Exception {
        Path input = Files.writeString(work.resolve("requests.jsonl"), "{\"custom_id\": \"1\", \"method\": \"POST\","
                + " \"url\": \"/v1/chat/completions\", \"body\": {\"model\": \"gpt-test\"}}\n");
        List<String> runs = recordThenReplay(0, u -> { }, client -> {
            FileObject file = client.files().create(FileCreateParams.builder().file(input).purpose(FilePurpose.BATCH).build());
            return file.id() + " " + file.filename() + " " + file.bytes();
        });
        assertThat(runs.get(0)).isEqualTo("file-1 requests.jsonl " + Files.size(input));
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        String recorded = RecordingFiles.read(RecordingFiles.all(recordings).get(0));
        assertThat(recorded).contains("\"__form__\"").contains("\"purpose\": \"batch\"").doesNotContain("custom_id");
    }

    @Test
    void audio_transcriptions_record_then_replay() throws Exception {
        Path audio = Files.write(work.resolve("hello.mp3"), new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0, 1, 2, 3});
        List<String> runs = recordThenReplay(0, u -> { }, client -> client.audio().transcriptions()
                .create(TranscriptionCreateParams.builder().file(audio).model(AudioModel.WHISPER_1).build())
                .asTranscription().text());
        assertThat(runs.get(0)).isEqualTo("Transcript of hello.mp3 (7 bytes)");
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
    }

    @Test
    void audio_speech_replays_the_very_same_bytes() throws Exception {
        List<String> runs = recordThenReplay(0, u -> { }, client -> {
            try (HttpResponse response = client.audio().speech().create(SpeechCreateParams.builder().model(SpeechModel.TTS_1)
                    .voice("alloy").input("Hello from replay4j").build())) {
                byte[] bytes = response.body().readAllBytes();
                return response.headers().values("Content-Type") + " " + Base64.getEncoder().encodeToString(bytes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(runs.get(0)).startsWith("[audio/mpeg] ");
        assertThat(Base64.getDecoder().decode(runs.get(0).substring("[audio/mpeg] ".length()))).hasSize(2062);
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
    }

    @Test
    void a_batch_polled_until_completed_replays_every_status_in_order() throws Exception {
        List<List<String>> runs = recordThenReplay(0, u -> { }, client -> {
            Batch batch = client.batches().create(BatchCreateParams.builder().inputFileId("file-1")
                    .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                    .completionWindow(BatchCreateParams.CompletionWindow._24H).build());
            List<String> statuses = new ArrayList<>();
            statuses.add(batch.status().asString());
            while (!batch.status().equals(Batch.Status.COMPLETED) && statuses.size() < 10) {
                batch = client.batches().retrieve(batch.id());
                statuses.add(batch.status().asString());
            }
            return statuses;
        });
        assertThat(runs.get(0)).containsExactly("validating", "in_progress", "finalizing", "completed");
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(RecordingFiles.names(recordings)).anyMatch(n -> n.endsWith(".3.json"));
    }

    @Test
    void a_429_whose_retry_after_the_sdk_honours_live_is_honoured_in_replay() throws Exception {
        long[] waited = new long[2];
        int[] run = {0};
        List<String> runs = recordThenReplay(1, u -> u.rateLimitNext(1), client -> {
            long start = System.nanoTime();
            String text = client.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-test")
                    .addUserMessage("slowly").build()).choices().get(0).message().content().orElseThrow();
            waited[run[0]++] = (System.nanoTime() - start) / 1_000_000;
            return text;
        });
        assertThat(runs.get(0)).matches("Echo: slowly #2");
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        // The SDK waited for Retry-After (1 s) both times: a lower bound only, never a speed.
        assertThat(waited[0]).isGreaterThanOrEqualTo(900);
        assertThat(waited[1]).isGreaterThanOrEqualTo(900);
        List<String> files = RecordingFiles.names(recordings);
        assertThat(files).hasSize(2).anyMatch(n -> n.endsWith(".2.json"));
        String limited = files.stream().filter(n -> !n.endsWith(".2.json")).findFirst().map(n -> RecordingFiles.read(
                recordings.resolve(n))).orElseThrow();
        assertThat(limited).contains("\"retry-after\": \"1\"").doesNotContain("fake-session-cookie");
    }
}
