package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.Headers;

/** A REST answer before it becomes a MockResponse; status 0 means "no response at all" (a hung request). */
record Answer(int status, JsonNode body, Headers headers) {

    static Answer json(int status, JsonNode body) {
        return new Answer(status, body, Headers.of());
    }

    static Answer noContent() {
        return new Answer(204, null, Headers.of());
    }

    /** Discord's error shape: {@code {"message": ..., "code": ...}}. */
    static Answer error(int status, int code, String message) {
        return json(status, errorBody(code, message));
    }

    static Answer methodNotAllowed() {
        return error(405, 0, "405: Method Not Allowed");
    }

    static ObjectNode errorBody(int code, String message) {
        ObjectNode e = Fixture.JSON.objectNode();
        e.put("message", message);
        e.put("code", code);
        return e;
    }

    /** 400 code 50035 with Discord's nested {@code errors} object. */
    static Answer invalidForm(ObjectNode errors) {
        ObjectNode e = errorBody(50035, "Invalid Form Body");
        e.set("errors", errors);
        return json(400, e);
    }

    /** {@link #invalidForm} when {@code errors} has any, else null: the common "check, then go on" step. */
    static Answer invalidFormIfAny(ObjectNode errors) {
        return errors.isEmpty() ? null : invalidForm(errors);
    }
}
