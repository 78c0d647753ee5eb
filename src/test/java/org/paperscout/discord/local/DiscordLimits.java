package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Discord's documented limits on message bodies, checked the way Discord reports them: an
 * {@code errors} object mirroring the body's shape with {@code _errors} leaves, as in a real
 * {@code 400 {"code":50035,"message":"Invalid Form Body","errors":{...}}}. Lengths count code points, like JSON Schema.
 */
final class DiscordLimits {

    static final int CONTENT = 2000;
    static final int EMBEDS = 10;
    static final int EMBED_TITLE = 256;
    static final int EMBED_DESCRIPTION = 4096;
    static final int EMBED_FIELDS = 25;
    static final int FIELD_NAME = 256;
    static final int FIELD_VALUE = 1024;
    static final int FOOTER_TEXT = 2048;
    static final int AUTHOR_NAME = 256;
    static final int EMBED_TOTAL = 6000;
    static final int ACTION_ROWS = 5;
    static final int BUTTONS_PER_ROW = 5;
    static final int CUSTOM_ID = 100;
    static final int BUTTON_LABEL = 80;
    static final int SELECT_OPTIONS = 25;
    static final int CHOICES = 25;
    static final int CHOICE_NAME = 100;
    static final int CHOICE_VALUE = 100;
    static final int COMMAND_NAME = 32;
    static final int COMMAND_DESCRIPTION = 100;
    static final int COMMAND_OPTIONS = 25;

    private DiscordLimits() {
    }

    /** Errors of a message body (create, edit, callback data), or an empty object when it is within limits. */
    static ObjectNode checkMessage(JsonNode body) {
        ObjectNode errors = Fixture.JSON.objectNode();
        if (body == null || !body.isObject()) {
            return errors;
        }
        maxLength(errors, body.path("content"), CONTENT, "content");
        JsonNode embeds = body.path("embeds");
        if (embeds.isArray()) {
            if (embeds.size() > EMBEDS) {
                add(errors, "BASE_TYPE_MAX_LENGTH", "Must be " + EMBEDS + " or fewer in length.", "embeds");
            }
            int total = 0;
            for (int i = 0; i < embeds.size(); i++) {
                JsonNode e = embeds.get(i);
                String at = Integer.toString(i);
                maxLength(errors, e.path("title"), EMBED_TITLE, "embeds", at, "title");
                maxLength(errors, e.path("description"), EMBED_DESCRIPTION, "embeds", at, "description");
                maxLength(errors, e.path("footer").path("text"), FOOTER_TEXT, "embeds", at, "footer", "text");
                maxLength(errors, e.path("author").path("name"), AUTHOR_NAME, "embeds", at, "author", "name");
                total += len(e.path("title")) + len(e.path("description")) + len(e.path("footer").path("text"))
                        + len(e.path("author").path("name"));
                JsonNode fields = e.path("fields");
                if (fields.isArray()) {
                    if (fields.size() > EMBED_FIELDS) {
                        add(errors, "BASE_TYPE_MAX_LENGTH", "Must be " + EMBED_FIELDS + " or fewer in length.",
                                "embeds", at, "fields");
                    }
                    for (int f = 0; f < fields.size(); f++) {
                        String fi = Integer.toString(f);
                        JsonNode field = fields.get(f);
                        maxLength(errors, field.path("name"), FIELD_NAME, "embeds", at, "fields", fi, "name");
                        maxLength(errors, field.path("value"), FIELD_VALUE, "embeds", at, "fields", fi, "value");
                        total += len(field.path("name")) + len(field.path("value"));
                    }
                }
            }
            if (total > EMBED_TOTAL) {
                add(errors, "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of " + EMBED_TOTAL, "embeds");
            }
        }
        JsonNode rows = body.path("components");
        if (rows.isArray()) {
            if (rows.size() > ACTION_ROWS) {
                add(errors, "BASE_TYPE_MAX_LENGTH", "Must be " + ACTION_ROWS + " or fewer in length.", "components");
            }
            for (int r = 0; r < rows.size(); r++) {
                String ri = Integer.toString(r);
                JsonNode children = rows.get(r).path("components");
                if (!children.isArray()) {
                    continue;
                }
                int buttons = 0;
                for (int c = 0; c < children.size(); c++) {
                    String ci = Integer.toString(c);
                    JsonNode child = children.get(c);
                    if (child.path("type").asInt() == 2) {
                        buttons++;
                    }
                    JsonNode customId = child.path("custom_id");
                    if (customId.isTextual() && (customId.asText().isEmpty() || len(customId) > CUSTOM_ID)) {
                        add(errors, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and " + CUSTOM_ID + " in length.",
                                "components", ri, "components", ci, "custom_id");
                    }
                    maxLength(errors, child.path("label"), BUTTON_LABEL, "components", ri, "components", ci, "label");
                    if (child.path("options").isArray() && child.path("options").size() > SELECT_OPTIONS) {
                        add(errors, "BASE_TYPE_MAX_LENGTH", "Must be " + SELECT_OPTIONS + " or fewer in length.",
                                "components", ri, "components", ci, "options");
                    }
                }
                if (buttons > BUTTONS_PER_ROW || children.size() > BUTTONS_PER_ROW) {
                    add(errors, "BASE_TYPE_MAX_LENGTH", "Must be " + BUTTONS_PER_ROW + " or fewer in length.",
                            "components", ri, "components");
                }
            }
        }
        PollRoom.checkPoll(errors, body.path("poll"));
        return errors;
    }

    /** Errors of an autocomplete result's {@code data}. */
    static ObjectNode checkChoices(JsonNode data) {
        ObjectNode errors = Fixture.JSON.objectNode();
        JsonNode choices = data.path("choices");
        if (!choices.isArray()) {
            add(errors, "BASE_TYPE_REQUIRED", "This field is required", "choices");
            return errors;
        }
        if (choices.size() > CHOICES) {
            add(errors, "BASE_TYPE_MAX_LENGTH", "Must be " + CHOICES + " or fewer in length.", "choices");
        }
        for (int i = 0; i < choices.size(); i++) {
            String at = Integer.toString(i);
            JsonNode name = choices.get(i).path("name");
            if (!name.isTextual() || name.asText().isEmpty() || len(name) > CHOICE_NAME) {
                add(errors, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and " + CHOICE_NAME + " in length.",
                        "choices", at, "name");
            }
            maxLength(errors, choices.get(i).path("value"), CHOICE_VALUE, "choices", at, "value");
        }
        return errors;
    }

    /** Errors of a bulk command overwrite (an array of commands). */
    static ObjectNode checkCommands(JsonNode commands) {
        ObjectNode errors = Fixture.JSON.objectNode();
        if (!commands.isArray()) {
            add(errors, "BASE_TYPE_ARRAY", "Must be an array.");
            return errors;
        }
        for (int i = 0; i < commands.size(); i++) {
            JsonNode c = commands.get(i);
            String at = Integer.toString(i);
            int type = c.path("type").asInt(1);
            String name = c.path("name").asText("");
            boolean validName = type == 1 ? name.matches("[-_\\p{L}\\p{N}]{1,32}") && name.equals(name.toLowerCase())
                    : !name.isEmpty() && name.codePointCount(0, name.length()) <= COMMAND_NAME;
            if (!validName) {
                add(errors, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid", at, "name");
            }
            if (type == 1) {
                String d = c.path("description").asText("");
                if (d.isEmpty() || d.codePointCount(0, d.length()) > COMMAND_DESCRIPTION) {
                    add(errors, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.", at, "description");
                }
            }
            if (c.path("options").size() > COMMAND_OPTIONS) {
                add(errors, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.", at, "options");
            }
        }
        return errors;
    }

    static void maxLength(ObjectNode errors, JsonNode value, int max, String... path) {
        if (value.isTextual() && len(value) > max) {
            add(errors, "BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.", path);
        }
    }

    private static int len(JsonNode n) {
        if (!n.isTextual()) {
            return 0;
        }
        String s = n.asText();
        return s.codePointCount(0, s.length());
    }

    static void add(ObjectNode errors, String code, String message, String... path) {
        ObjectNode at = errors;
        for (String p : path) {
            JsonNode next = at.get(p);
            at = next instanceof ObjectNode o ? o : at.putObject(p);
        }
        JsonNode list = at.get("_errors");
        ArrayNode arr = list instanceof ArrayNode a ? a : at.putArray("_errors");
        arr.addObject().put("code", code).put("message", message);
    }
}
