// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Base64;
import java.util.Objects;

/**
 * The response half of a recording: one body, the chunks of a stream (a list), or an upstream error.
 *
 * @param body             the stored body ({@code null} JSON for an error), with {@code __type__} wrappers
 * @param exceptionData    for an error: {@code status_code}, {@code body}, {@code message} and whatever
 *                         else the recorder kept; {@code null} otherwise
 * @param exceptionMessage for an error, its message; {@code null} otherwise
 * @param timing           when the answer came ({@code --record-timing}), or {@code null}: not recorded
 * @param statusCode       the status of an answer that is not an error, when it is not 200 ({@code 0}: 200)
 * @param headers          the answer headers kept ({@link AnswerHeaders}), names in lower case; empty for none
 * @param base64           true when {@code body} is the base64 text of an answer's bytes (neither JSON nor text)
 *
 * <p>An immutable value: the trees are copied in, and each accessor hands out a copy of its own.
 */
public record RecordedResponse(JsonNode body, boolean streaming, ObjectNode exceptionData, String exceptionMessage,
                               ResponseTiming timing, int statusCode, ObjectNode headers, boolean base64) {
    public RecordedResponse(JsonNode body, boolean streaming, ObjectNode exceptionData, String exceptionMessage) {
        this(body, streaming, exceptionData, exceptionMessage, null);
    }

    public RecordedResponse(JsonNode body, boolean streaming, ObjectNode exceptionData, String exceptionMessage,
                            ResponseTiming timing) {
        this(body, streaming, exceptionData, exceptionMessage, timing, 0, null, false);
    }

    public RecordedResponse {
        Objects.requireNonNull(body, "body");
        body = body.deepCopy();
        exceptionData = exceptionData == null ? null : exceptionData.deepCopy();
        headers = headers == null ? JsonNodeFactory.instance.objectNode() : headers.deepCopy();
        statusCode = statusCode == 200 ? 0 : statusCode;
    }

    /** A copy: changing it changes nothing here. */
    @Override
    public ObjectNode headers() {
        return headers.deepCopy();
    }

    /** An answer's bytes, stored as base64 text, with their content type when it is not {@code application/octet-stream}. */
    public static RecordedResponse bytes(byte[] bytes) {
        return new RecordedResponse(TextNode.valueOf(Base64.getEncoder().encodeToString(bytes)), false, null, null, null, 0, null, true);
    }

    /** The bytes of a {@link #base64} answer. */
    public byte[] decodedBytes() {
        return Base64.getDecoder().decode(body.asText(""));
    }

    /** This response with the status of a successful answer. */
    public RecordedResponse withStatus(int status) {
        return new RecordedResponse(body, streaming, exceptionData, exceptionMessage, timing, status, headers, base64);
    }

    /** This response with these answer headers (lower-case names). */
    public RecordedResponse withHeaders(ObjectNode answerHeaders) {
        return new RecordedResponse(body, streaming, exceptionData, exceptionMessage, timing, statusCode, answerHeaders, base64);
    }

    /** A copy: changing it changes nothing here. */
    @Override
    public JsonNode body() {
        return body.deepCopy();
    }

    /** A copy, or {@code null} for an answer that is not an error. */
    @Override
    public ObjectNode exceptionData() {
        return exceptionData == null ? null : exceptionData.deepCopy();
    }

    public static RecordedResponse of(JsonNode body, boolean streaming) {
        return new RecordedResponse(body, streaming, null, null);
    }

    public static RecordedResponse error(ObjectNode exceptionData, String message) {
        return new RecordedResponse(NullNode.getInstance(), false, exceptionData, message);
    }

    /** This response with its timing ({@code null}: none). */
    public RecordedResponse withTiming(ResponseTiming timing) {
        return new RecordedResponse(body, streaming, exceptionData, exceptionMessage, timing, statusCode, headers, base64);
    }

    public boolean isError() {
        return exceptionData != null;
    }

    /** The recorded HTTP status: an error's, a success's other than 200, or 200. */
    public int status() {
        if (!isError()) {
            return statusCode > 0 ? statusCode : 200;
        }
        JsonNode status = exceptionData.get("status_code");
        return status != null && status.canConvertToInt() ? status.intValue() : 500;
    }
}
