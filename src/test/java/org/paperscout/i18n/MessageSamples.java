package org.paperscout.i18n;

import com.ibm.icu.text.MessagePattern;
import java.util.HashMap;
import java.util.Map;

/** Long but realistic arguments for any message: the longest value each argument takes in a real reply. */
final class MessageSamples {

    /** Every command name the bot registers, as the unknown-command error lists them. */
    static final String ALL_COMMANDS = "/digest, /export, /follow, /following, /forget-me, /help, /library, "
            + "/my-data, /notify, /paper, /pulse, /recommend, /save, /search, /similar, /status, /trending, "
            + "/tune, /unfollow";

    private MessageSamples() {
    }

    static Map<String, Object> longArguments(String pattern) {
        MessagePattern mp = new MessagePattern(pattern);
        Map<String, Object> args = new HashMap<>();
        for (int i = 0; i < mp.countParts(); i++) {
            MessagePattern.Part part = mp.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_START) {
                String name = mp.getSubstring(mp.getPart(i + 1));
                boolean number = part.getArgType() == MessagePattern.ArgType.PLURAL
                        || part.getArgType() == MessagePattern.ArgType.SIMPLE
                        && mp.getSubstring(mp.getPart(i + 2)).equals("number");
                args.put(name, number ? 1_234_567L : value(name));
            }
        }
        return args;
    }

    private static Object value(String name) {
        return switch (name) {
            // SearchCommand shows at most 100 characters of the query; topics on buttons at most 60
            case "query" -> "x".repeat(99) + "…";
            case "topic" -> "t".repeat(59) + "…";
            case "commands" -> ALL_COMMANDS;
            case "command", "action" -> "c".repeat(32);
            case "mix" -> "trending 100 · relevance 100 · recency 100";
            case "usage" -> "/digest set channel time timezone [topic] [size] [days]";
            case "page", "pages", "rank" -> 200;
            default -> "w".repeat(40);
        };
    }
}
