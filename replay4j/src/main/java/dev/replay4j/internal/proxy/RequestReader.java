// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static dev.replay4j.internal.proxy.Responses.sendError;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.replay4j.ApiFamily;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.JsonFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request's body within the size limit, and parses it as the JSON the key is computed from. */
final class RequestReader {
    private final long maxBodyBytes;
    private final Secrets secrets;

    RequestReader(long maxBodyBytes, Secrets secrets) {
        this.maxBodyBytes = maxBodyBytes;
        this.secrets = secrets;
    }

    /** The body's bytes, or {@code null} when it was refused (the client has its answer then). */
    byte[] read(HttpExchange ex, ApiFamily family) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                sendError(ex, family, 400, "replay4j_bad_request", "Content-Length is not a number: " + length);
                return null;
            }
            if (declared > maxBodyBytes) {
                tooLarge(ex, family, declared + " bytes");
                return null;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared >= 0 ? (int) Math.min(declared, 1 << 20) : 1024);
        byte[] buffer = new byte[16384];
        try (InputStream in = ex.getRequestBody()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > maxBodyBytes) {
                    tooLarge(ex, family, "more than " + maxBodyBytes + " bytes");
                    return null;
                }
            }
        }
        return out.toByteArray();
    }

    private void tooLarge(HttpExchange ex, ApiFamily family, String size) throws IOException {
        sendError(ex, family, 413, "replay4j_body_too_large", "the request body (" + size + ") is larger than replay4j's limit of "
                + maxBodyBytes + " bytes (serve --max-body-bytes)");
    }

    /**
     * The call with its body parsed and the redacted fields replaced, or {@code null} when the body is not JSON
     * (the client has its answer then).
     */
    Call parse(HttpExchange ex, Call call) throws IOException {
        JsonNode json;
        try {
            json = isBlank(call.body()) ? Json.object() : Json.parse(call.body());
        } catch (JsonFormatException e) {
            sendError(ex, call.family(), 400, "replay4j_body_not_json", "replay4j keys requests by their JSON body, but the body of "
                    + call + " is not JSON: " + e.getMessage() + ". Calls with other bodies work in mode live only.");
            return null;
        }
        secrets.redactBody(json);
        return call.withJson(json);
    }

    static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
