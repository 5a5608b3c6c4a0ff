// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.Mode;
import dev.replay4j.fakeupstream.FakeUpstream;
import dev.replay4j.fakeupstream.testing.ChatBodies;
import dev.replay4j.fakeupstream.testing.Http;
import dev.replay4j.internal.proxy.ProxyConfig;
import dev.replay4j.internal.proxy.ProxyServer;
import dev.replay4j.internal.view.RunReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** serve's live view while requests flow, and a run report opened as the file it is, in a real browser. */
@Timeout(180)
class LiveAndReportBrowserTest {
    @TempDir
    static Path tmp;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start(LiveAndReportBrowserTest.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    private static List<WebElement> rows() {
        return browser.driver.findElements(By.cssSelector("#live-rows tr"));
    }

    @Test
    void the_live_view_shows_requests_as_they_arrive_with_a_miss_and_its_explanation() throws Exception {
        Path dir = tmp.resolve("live");
        try (FakeUpstream upstream = FakeUpstream.start();
             ProxyServer proxy = new ProxyServer(ProxyConfig.builder().recordings(dir).mode(Mode.RECORD_IF_MISSING)
                     .upstream(upstream.url()).build()).start()) {
            browser.driver.get(proxy.url() + "/_replay4j/");
            browser.waitFor(d -> d.findElement(By.id("live-status")).getText().equals("0 requests seen"));
            String base = proxy.baseUrl("com.acme.ChatTest::sun");
            Http.ok(base + "/v1/chat/completions", ChatBodies.openAi("hi"));
            browser.waitFor(d -> rows().size() == 1);
            Http.ok(base + "/v1/chat/completions", ChatBodies.openAi("hi"));
            browser.waitFor(d -> rows().size() == 2);
            assertThat(rows().get(0).getText()).contains("com.acme.ChatTest::sun", "POST /v1/chat/completions", "served", "200");
            assertThat(rows().get(1).getText()).contains("recorded");
        }
        try (ProxyServer replay = new ProxyServer(ProxyConfig.builder().recordings(dir).build()).start()) {
            browser.driver.get(replay.url() + "/_replay4j/");
            Http.post(replay.baseUrl("com.acme.ChatTest::sun") + "/v1/chat/completions", ChatBodies.openAi("<script>window.pwned=1</script>"));
            browser.waitFor(d -> rows().size() == 1);
            WebElement miss = rows().get(0);
            assertThat(miss.getText()).contains("missed", "404");
            miss.findElement(By.tagName("summary")).click();
            String explanation = browser.waitFor(d -> miss.findElement(By.tagName("pre")).getText());
            assertThat(explanation)
                    .contains("no recording for POST /v1/chat/completions", "+ messages[0].content: \"<script>window.pwned=1</script>\"");
            assertThat(browser.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
        }
    }

    @Test
    void a_run_report_opens_as_a_file_with_each_test_and_its_miss() throws Exception {
        Path dir = tmp.resolve("report");
        RunReport report = new RunReport();
        try (FakeUpstream upstream = FakeUpstream.start();
             ProxyServer proxy = new ProxyServer(ProxyConfig.builder().recordings(dir).mode(Mode.RECORD_IF_MISSING)
                     .upstream(upstream.url()).build()).start()) {
            proxy.seenRequests().listen(seen -> report.add(dir, seen));
            Http.ok(proxy.baseUrl("com.acme.ChatTest::sun") + "/v1/chat/completions", ChatBodies.openAi("hi"));
        }
        try (ProxyServer replay = new ProxyServer(ProxyConfig.builder().recordings(dir).build()).start()) {
            replay.seenRequests().listen(seen -> report.add(dir, seen));
            Http.ok(replay.baseUrl("com.acme.ChatTest::sun") + "/v1/chat/completions", ChatBodies.openAi("hi"));
            Http.post(replay.baseUrl("com.acme.ChatTest::moon") + "/v1/chat/completions", ChatBodies.openAi("<img src=x onerror=window.pwned=1>"));
        }
        Path file = tmp.resolve("replay4j-report.html");
        report.writeTo(file);
        browser.driver.get(file.toUri().toString());
        String page = browser.waitFor(d -> d.findElement(By.tagName("body")).getText());
        assertThat(page).contains("replay4j run report", "3 requests: 1 served, 1 recorded, 1 missed", "com.acme.ChatTest", "com/acme/ChatTest/");
        WebElement moon = browser.driver.findElements(By.cssSelector("details.test")).stream()
                .filter(d -> d.getText().startsWith("moon")).findFirst().orElseThrow();
        assertThat(moon.getAttribute("open")).isNotNull();
        assertThat(moon.findElement(By.cssSelector("pre.miss")).getText())
                .contains("no recording for POST /v1/chat/completions", "<img src=x onerror=window.pwned=1>");
        assertThat(browser.driver.findElements(By.cssSelector("body img"))).isEmpty();
        assertThat(browser.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
    }
}
