// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.internal.json.Json;
import dev.replay4j.internal.json.JsonFormatException;

/**
 * The JSON a request body is keyed (and recorded) by, whatever its kind: a body that parses as JSON is itself (as it
 * always was, whatever its content type says); a multipart form is {@code {"__form__": FIELDS}} ({@link MultipartForm});
 * any other body is {@code {"__bytes__": {"content_type": MEDIA TYPE, "sha256": HEX}}}.
 */
public final class RequestBodies {
    /** The member that holds a multipart form's fields. */
    public static final String FORM = "__form__";
    /** The member that describes a body neither JSON nor a form. */
    public static final String BYTES = "__bytes__";

    private RequestBodies() {
    }

    /**
     * @param contentType the request's {@code Content-Type}, or {@code null}
     * @throws BodyFormatException for a body declared multipart that does not parse as one
     */
    public static JsonNode keyed(byte[] body, String contentType) throws BodyFormatException {
        if (isBlank(body)) {
            return Json.object();
        }
        try {
            return Json.parse(body);
        } catch (JsonFormatException e) {
            // not JSON: a form, or bytes
        }
        ObjectNode out = Json.object();
        if (MultipartForm.isMultipart(contentType)) {
            out.set(FORM, MultipartForm.parse(body, MultipartForm.boundaryOf(contentType)));
            return out;
        }
        ObjectNode bytes = out.putObject(BYTES);
        bytes.put("content_type", contentType == null ? null : mediaType(contentType));
        bytes.put("sha256", Sha256.hex(body));
        return out;
    }

    private static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
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
