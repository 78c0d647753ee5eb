package org.paperscout.commands;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One use of a command, as the front end saw it; the command layer never sees JDA.
 *
 * @param userId          the caller's id (a Discord snowflake, or the console's configured local user)
 * @param guildId         the server, or null in DMs and the console
 * @param channelId       the channel, or null in the console
 * @param command         the command name, e.g. {@code follow}
 * @param subcommand      the sub-command name, or null
 * @param options         typed option values by name (String, Long, Double, Boolean; channels and users as ids)
 * @param canManageServer whether the caller holds Manage Server where this ran (true in the console)
 * @param messageId       for a button: the message it sits on (a thread is opened on it), else null
 * @param roleIds         the caller's roles in the server (empty in DMs and the console)
 */
public record Invocation(String userId, String userName, String guildId, String channelId, Locale locale,
                         String command, String subcommand, Map<String, Object> options,
                         boolean canManageServer, String messageId, List<String> roleIds) {

    public Invocation {
        options = Map.copyOf(options);
        locale = locale == null ? Locale.ENGLISH : locale;
        roleIds = roleIds == null ? List.of() : List.copyOf(roleIds);
    }

    /** Outside a button, by someone whose roles do not matter (most commands never read them). */
    public Invocation(String userId, String userName, String guildId, String channelId, Locale locale,
                      String command, String subcommand, Map<String, Object> options, boolean canManageServer) {
        this(userId, userName, guildId, channelId, locale, command, subcommand, options, canManageServer, null,
                List.of());
    }

    public Optional<String> string(String name) {
        Object v = options.get(name);
        return v == null ? Optional.empty() : Optional.of(v.toString());
    }

    public Optional<Long> integer(String name) {
        Object v = options.get(name);
        if (v instanceof Number n) {
            return Optional.of(n.longValue());
        }
        return v == null ? Optional.empty() : Optional.of(Long.parseLong(v.toString()));
    }

    public Optional<Boolean> bool(String name) {
        Object v = options.get(name);
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        return v == null ? Optional.empty() : Optional.of(Boolean.parseBoolean(v.toString()));
    }

    /** The same caller and place, running another command (used by buttons that act like commands). */
    public Invocation as(String otherCommand, String otherSubcommand, Map<String, Object> otherOptions) {
        return new Invocation(userId, userName, guildId, channelId, locale, otherCommand, otherSubcommand,
                otherOptions, canManageServer, messageId, roleIds);
    }
}
