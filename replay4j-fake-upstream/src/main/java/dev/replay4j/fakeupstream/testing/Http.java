// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plain HTTP/1.1 calls, as a test makes them against a proxy or an upstream. Headers are given as name, value
 * pairs; JSON bodies go with {@code Content-Type: application/json}. Failures to connect or read are unchecked.
 */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /** The client the helpers use: HTTP/1.1, a 5-second connect timeout. */
    public static HttpClient client() {
        return CLIENT;
    }

    public static HttpResponse<String> post(String url, String json, String... headers) {
        return send(request(url, headers).POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json"));
    }

    public static HttpResponse<String> get(String url, String... headers) {
        return send(request(url, headers).GET());
    }

    /** Posts and hands back the answer as it arrives, for a test that reads a stream line by line. */
    public static HttpResponse<InputStream> postForStream(String url, String json, String... headers) {
        return send(request(url, headers).POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json"), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Posts and fails unless the answer is 200, as a client library would throw on a 404; returns the body. */
    public static String ok(String url, String json, String... headers) {
        HttpResponse<String> response = post(url, json, headers);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + url + ": " + response.body());
        }
        return response.body();
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        HttpRequest built = request.build();
        try {
            return CLIENT.send(built, body);
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + built.method() + " " + built.uri(), e);
        }
    }

    private static HttpRequest.Builder request(String url, String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name, value pairs; got " + headers.length + " strings");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }
}
