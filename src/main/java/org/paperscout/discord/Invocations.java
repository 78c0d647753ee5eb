package org.paperscout.discord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.component.GenericComponentInteractionCreateEvent;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.paperscout.commands.Invocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a JDA interaction into the command layer's {@link Invocation}: who, where, which options, which rights. */
final class Invocations {

    private static final Logger log = LoggerFactory.getLogger(Invocations.class);
    /** How much of a message the "Find similar papers" action reads; more adds nothing to more-like-this. */
    static final int MESSAGE_TEXT_MAX = 8000;

    private Invocations() {
    }

    static Invocation invocation(Interaction i, String command, String subcommand,
                                         Map<String, Object> options) {
        Guild guild = i.getGuild();
        DiscordLocale locale = i.getUserLocale();
        // A button's message: "Discuss" opens its thread on it.
        String messageId = i instanceof GenericComponentInteractionCreateEvent c ? c.getMessageId() : null;
        return new Invocation(i.getUser().getId(), i.getUser().getName(), guild == null ? null : guild.getId(),
                i.getChannelId(), locale == null || locale == DiscordLocale.UNKNOWN ? null : locale.toLocale(),
                command, subcommand, options, canManageServer(i), messageId, roleIds(i));
    }

    /** The caller's role ids; empty where JDA cannot tell (DMs, a member of a guild it has not cached). */
    private static List<String> roleIds(Interaction i) {
        Member member = i.getMember();
        if (member == null) {
            return List.of();
        }
        try {
            return member.getRoles().stream().map(r -> r.getId()).toList();
        } catch (RuntimeException e) {
            log.debug("roles of {} unknown: {}", member.getId(), e.toString());
            return List.of();
        }
    }

    /** Computed for every interaction from the member's current roles, so a revoked permission counts at once. */
    private static boolean canManageServer(Interaction i) {
        Member member = i.getMember();
        if (member == null) {
            return false;
        }
        try {
            // A guild JDA has not cached (detached) has no roles to compute from: Discord sends the member's
            // permissions in this channel with the interaction, and JDA answers channel-scoped checks from them.
            return member.isDetached()
                    ? member.hasPermission(i.getGuildChannel(), Permission.MANAGE_SERVER)
                    : member.hasPermission(Permission.MANAGE_SERVER);
        } catch (RuntimeException e) {
            log.debug("permissions of {} unknown: {}", member.getId(), e.toString());
            return false;
        }
    }

    /** Typed option values; the option being autocompleted (if any) stays the raw text typed so far. */
    static Map<String, Object> options(List<OptionMapping> mappings, String focused) {
        Map<String, Object> out = new HashMap<>();
        for (OptionMapping m : mappings) {
            Object value;
            try {
                value = m.getName().equals(focused) ? m.getAsString() : switch (m.getType()) {
                    case INTEGER -> m.getAsLong();
                    case NUMBER -> m.getAsDouble();
                    case BOOLEAN -> m.getAsBoolean();
                    default -> m.getAsString();
                };
            } catch (RuntimeException partial) {
                value = m.getAsString();
            }
            if (value != null) {
                out.put(m.getName(), value);
            }
        }
        return out;
    }

    /** The words a "Find similar papers" user sees in a message: its text and its embeds (our own cards too). */
    static String messageText(Message message) {
        StringBuilder sb = new StringBuilder(message.getContentRaw());
        for (MessageEmbed embed : message.getEmbeds()) {
            for (String part : new String[] {embed.getTitle(), embed.getUrl(), embed.getDescription()}) {
                if (part != null && !part.isBlank()) {
                    sb.append('\n').append(part);
                }
            }
        }
        String text = sb.toString().strip();
        return text.length() <= MESSAGE_TEXT_MAX ? text : text.substring(0, MESSAGE_TEXT_MAX);
    }
}
