// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replay4j.internal.json.Json;
import java.util.List;

/** A {@link Conversation} as the JSON the page reads; the page sets it as text, never as markup. */
public final class ConversationJson {
    private ConversationJson() {
    }

    public static ObjectNode of(Conversation c) {
        ObjectNode out = Json.object();
        out.put("test_id", c.testId());
        out.put("method", c.method());
        out.put("endpoint", c.endpoint());
        out.put("model", c.model());
        out.put("url", c.url());
        out.put("sequence", c.sequence());
        ArrayNode turns = out.putArray("request");
        for (Conversation.Turn t : c.request()) {
            ObjectNode turn = turns.addObject().put("role", t.role()).put("text", t.text());
            toolCalls(turn, t.toolCalls());
        }
        out.put("other", c.other());
        Conversation.Answer a = c.answer();
        ObjectNode answer = out.putObject("answer");
        answer.put("kind", a.kind().name().toLowerCase(java.util.Locale.ROOT));
        answer.put("status", a.status());
        answer.put("streamed", a.streamed());
        answer.put("chunks", a.chunks());
        answer.put("text", a.text());
        toolCalls(answer, a.toolCalls());
        answer.put("finish", a.finish());
        answer.put("summary", a.summary());
        ArrayNode items = answer.putArray("items");
        a.items().forEach(items::add);
        ObjectNode headers = answer.putObject("headers");
        a.headers().forEach(headers::put);
        answer.put("usage", a.usage());
        if (a.pace() != null) {
            answer.put("pace", TextView.pace(a));
        }
        if (a.media() != null) {
            answer.putObject("media").put("content_type", a.media().contentType()).put("bytes", a.media().bytes())
                    .put("description", TextView.describe(a.media())).put("base64", a.media().base64());
        }
        return out;
    }

    private static void toolCalls(ObjectNode parent, List<Conversation.ToolCall> calls) {
        ArrayNode list = parent.putArray("tool_calls");
        calls.forEach(call -> list.addObject().put("name", call.name()).put("arguments", call.arguments()));
    }
}
