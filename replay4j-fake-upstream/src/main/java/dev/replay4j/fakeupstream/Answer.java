// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.fakeupstream;

/** A whole response: streams are written at once, which is all a recording proxy needs to see. */
record Answer(int status, String contentType, String body) {
    static Answer json(Object value) {
        return new Answer(200, "application/json", Conversation.write(value));
    }
}
