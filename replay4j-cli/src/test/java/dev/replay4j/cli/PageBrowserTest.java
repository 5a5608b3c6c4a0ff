// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.fakeupstream.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** replay4j ui in a real browser over the conformance sample, plus a few hostile recordings beside it. */
@Timeout(180)
class PageBrowserTest {
    private static final String STREAMED = "tests/integration/agents/recordings/"
            + "00bf38cb0b6eef2963c49f52798781840456635d0510be615cda65f93cd1cdfb.json";
    private static final String HOSTILE_TEXT = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";

    @TempDir
    static Path tmp;
    private static Browser browser;
    private static RunningUi ui;
    private static RunningUi hostileUi;

    @BeforeAll
    static void start() throws Exception {
        Path sample = SharedData.llamaStack();
        browser = Browser.start(PageBrowserTest.class);
        ui = new RunningUi(sample.toString());
        Path dir = tmp.resolve("recordings");
        Path hostile = Files.createDirectories(dir.resolve("hostile"));
        Files.writeString(hostile.resolve("script.json"), "{\"test_id\": \"hostile::" + escape(HOSTILE_TEXT) + "\", \"request\": {\"method\": \"POST\","
                + " \"url\": \"http://up/v1/chat/completions\", \"headers\": {}, \"body\": {\"model\": \"<b>m</b>\", \"messages\": [{\"role\":"
                + " \"<script>window.pwned=3</script>\", \"content\": \"" + escape(HOSTILE_TEXT) + "\"}]}, \"endpoint\": \"/v1/chat/completions\","
                + " \"model\": \"<b>m</b>\"}, \"response\": {\"body\": {\"choices\": [{\"index\": 0, \"finish_reason\": \"stop\", \"message\":"
                + " {\"role\": \"assistant\", \"content\": \"</div>" + escape(HOSTILE_TEXT) + "\"}}]}, \"is_streaming\": false}}");
        Files.writeString(hostile.resolve("broken.json"), "{\"test_id\": \"<script>window.pwned=4</script>\", \"request\": ");
        Files.writeString(hostile.resolve("huge.json"), "{\"test_id\": \"h::huge\", \"request\": {\"method\": \"POST\", \"url\": \"http://up/v1/completions\","
                + " \"headers\": {}, \"body\": {\"model\": \"m\", \"prompt\": \"" + "<i>pwned</i> ".repeat(200_000) + "\"}, \"endpoint\":"
                + " \"/v1/completions\", \"model\": \"m\"}, \"response\": {\"body\": {\"choices\": [{\"text\": \"ok\", \"index\": 0}]},"
                + " \"is_streaming\": false}}");
        hostileUi = new RunningUi(dir.toString());
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @AfterAll
    static void stop() throws Exception {
        if (ui != null) {
            ui.close();
        }
        if (hostileUi != null) {
            hostileUi.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    private String text(String id) {
        return browser.waitFor(d -> {
            var found = d.findElements(By.id(id));
            return found.isEmpty() || found.get(0).getText().isEmpty() ? null : found.get(0).getText();
        });
    }

    @Test
    void the_page_lists_the_conformance_sample_by_test_and_searches_it() {
        browser.driver.get(ui.url);
        assertThat(text("counts")).startsWith("814 of 814 recordings");
        assertThat(browser.driver.findElements(By.cssSelector(".recording-row")).size()).isGreaterThan(100);

        WebElement q = browser.driver.findElement(By.id("q"));
        q.sendKeys("capital of France", Keys.ENTER);
        browser.waitFor(d -> d.getCurrentUrl().contains("?q=capital"));
        String counts = text("counts");
        assertThat(counts).doesNotStartWith("814 of");
        assertThat(browser.driver.findElements(By.cssSelector(".recording-row .title")))
                .hasSizeLessThan(100).extracting(t -> t.getAttribute("title")).contains(STREAMED);
    }

    @Test
    void a_streamed_recording_reads_as_its_joined_answer() {
        browser.driver.get(ui.url + "r/" + STREAMED);
        assertThat(text("answer")).isEqualTo("The capital of France is Paris.");
        assertThat(text("answer-meta")).contains("streamed, 8 chunks", "finish stop");
        assertThat(text("request")).contains("user", "What is the capital of France?");
        browser.driver.findElement(By.cssSelector("#raw-card summary")).click();
        assertThat(text("raw")).contains("\"is_streaming\": true");
    }

    @Test
    void a_diff_of_two_recordings_shows_the_fields_that_differ() {
        String other = "tests/integration/agents/recordings/43b0260adbbee6e8e5e174fecd285648392889662235b3c685bcc89f9602ee5b.json";
        browser.driver.get(ui.url + "diff?a=" + STREAMED + "&b=" + other);
        String request = text("diff-request");
        assertThat(request).contains("- body.messages[0].content: \"What is the capital of France?\"");
        assertThat(browser.driver.findElements(By.cssSelector("#diff-request .add"))).isNotEmpty();
        assertThat(text("diff-answer")).contains("- text: \"The capital of France is Paris.\"");
    }

    @Test
    void a_hostile_recording_renders_as_text_and_runs_no_script() {
        browser.driver.get(hostileUi.url + "r/hostile/script.json");
        assertThat(text("answer")).isEqualTo("</div>" + HOSTILE_TEXT);
        assertThat(text("request")).contains(HOSTILE_TEXT, "<script>window.pwned=3</script>");
        assertThat(browser.driver.findElements(By.cssSelector("main img, main script, main b"))).isEmpty();
        browser.driver.get(hostileUi.url + "?q=pwned");
        assertThat(text("counts")).startsWith("2 of 3");
        assertThat(browser.driver.findElements(By.cssSelector("main img, main script, main b, main i"))).isEmpty();
        browser.driver.get(hostileUi.url + "r/hostile/huge.json");
        assertThat(text("answer")).isEqualTo("ok");
        browser.driver.get(hostileUi.url + "r/hostile/broken.json");
        assertThat(text("error")).contains("not a recording");
        assertThat(browser.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
        assertThat(browser.driver.findElements(By.tagName("script"))).hasSize(1);
    }
}
