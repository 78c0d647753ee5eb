package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One option of a slash command or autocomplete interaction as Discord sends it in {@code data.options}. Sub-commands
 * and groups nest their options, e.g. {@code Option.sub("set", Option.string("time", "09:00"))}.
 */
public record Option(String name, int type, Object value, boolean focused, List<Option> options) {

    // Discord's application command option types.
    static final int SUB_COMMAND = 1;
    static final int SUB_COMMAND_GROUP = 2;
    static final int STRING = 3;
    static final int INTEGER = 4;
    static final int BOOLEAN = 5;
    static final int USER = 6;
    static final int CHANNEL = 7;
    static final int NUMBER = 10;

    public Option {
        options = List.copyOf(options);
    }

    public static Option string(String name, String value) {
        return new Option(name, STRING, value, false, List.of());
    }

    public static Option integer(String name, long value) {
        return new Option(name, INTEGER, value, false, List.of());
    }

    public static Option number(String name, double value) {
        return new Option(name, NUMBER, value, false, List.of());
    }

    public static Option bool(String name, boolean value) {
        return new Option(name, BOOLEAN, value, false, List.of());
    }

    /** A channel option; the value is the channel's id (JDA resolves it from the guild cache). */
    public static Option channel(String name, String channelId) {
        return new Option(name, CHANNEL, channelId, false, List.of());
    }

    /** A user option; the value is one of the fixture users' ids (see {@link LocalDiscord#adminUserId()}). */
    public static Option user(String name, String userId) {
        return new Option(name, USER, userId, false, List.of());
    }

    public static Option sub(String name, Option... options) {
        return new Option(name, SUB_COMMAND, null, false, List.of(options));
    }

    public static Option group(String name, Option... subCommands) {
        return new Option(name, SUB_COMMAND_GROUP, null, false, List.of(subCommands));
    }

    /** The option the user is typing in (autocomplete); its value is the partial text. */
    public static Option focused(String name, String partial) {
        return new Option(name, STRING, partial, true, List.of());
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("name", name);
        o.put("type", type);
        if (value instanceof String s) {
            o.put("value", s);
        } else if (value instanceof Long l) {
            o.put("value", l);
        } else if (value instanceof Double d) {
            o.put("value", d);
        } else if (value instanceof Boolean b) {
            o.put("value", b);
        }
        if (focused) {
            o.put("focused", true);
        }
        if (type == SUB_COMMAND || type == SUB_COMMAND_GROUP) {
            var arr = o.putArray("options");
            options.forEach(opt -> arr.add(opt.toJson()));
        }
        return o;
    }
}
