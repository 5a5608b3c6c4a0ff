// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The response half of a recording: one body, the chunks of a stream (a list), or an upstream error.
 *
 * @param body             the stored body ({@code null} JSON for an error), with {@code __type__} wrappers
 * @param exceptionData    for an error: {@code status_code}, {@code body}, {@code message} and whatever
 *                         else the recorder kept; {@code null} otherwise
 * @param exceptionMessage for an error, its message; {@code null} otherwise
 * @param timing           when the answer came ({@code --record-timing}), or {@code null}: not recorded
 *
 * <p>An immutable value: the trees are copied in, and each accessor hands out a copy of its own.
 */
public record RecordedResponse(JsonNode body, boolean streaming, ObjectNode exceptionData, String exceptionMessage,
                               ResponseTiming timing) {
    public RecordedResponse(JsonNode body, boolean streaming, ObjectNode exceptionData, String exceptionMessage) {
        this(body, streaming, exceptionData, exceptionMessage, null);
    }

    public RecordedResponse {
        Objects.requireNonNull(body, "body");
        body = body.deepCopy();
        exceptionData = exceptionData == null ? null : exceptionData.deepCopy();
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
        return new RecordedResponse(body, streaming, exceptionData, exceptionMessage, timing);
    }

    public boolean isError() {
        return exceptionData != null;
    }

    /** The recorded HTTP status of an error, or 200. */
    public int status() {
        if (!isError()) {
            return 200;
        }
        JsonNode status = exceptionData.get("status_code");
        return status != null && status.canConvertToInt() ? status.intValue() : 500;
    }
}
