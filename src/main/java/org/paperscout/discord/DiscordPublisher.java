package org.paperscout.discord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.paperscout.commands.Reply;
import org.paperscout.digest.DigestTarget;
import org.paperscout.digest.PublishException;
import org.paperscout.digest.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts digests through JDA: rendered by {@link DiscordRenderer} (mentions off, limits met), sent with the
 * ledger's nonce (JDA always adds {@code enforce_nonce}), so a repeat of the same delivery returns the first
 * message instead of creating another. Discord's answers become {@link PublishException} kinds: 10003/50001/50013
 * disable the target, 50007 pauses a DM digest, 5xx and timeouts are transient. 429s never reach here: JDA waits
 * them out itself, and nothing here retries on top.
 */
public final class DiscordPublisher implements Publisher {

    private static final Logger log = LoggerFactory.getLogger(DiscordPublisher.class);
    /** What posting a digest needs; Read Message History lets a restart find a digest it sent but did not record. */
    static final List<Permission> NEEDED = List.of(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
            Permission.MESSAGE_EMBED_LINKS, Permission.MESSAGE_HISTORY);
    /** History pages (of 100) read when settling: the digest is among the first messages after its due time. */
    static final int HISTORY_PAGES = 3;
    private static final java.util.regex.Pattern SNOWFLAKE = java.util.regex.Pattern.compile("\\d{1,20}");

    /** The JDA shard that serves a guild (any shard for null: DMs and REST-only calls), null when none here. */
    private final Function<String, JDA> jda;
    private final DiscordRenderer renderer = new DiscordRenderer();

    /** Until the bot is online (and for a guild whose shard another process runs) calls fail as transient. */
    public DiscordPublisher(DiscordBot bot) {
        this(bot::jdaFor);
    }

    private DiscordPublisher(Function<String, JDA> jda) {
        this.jda = jda;
    }

    /** Over one JDA instance directly (tests against the local Discord). */
    static DiscordPublisher forJda(JDA jda) {
        return new DiscordPublisher(guildId -> jda);
    }

    /**
     * Targets with Discord ids (a console channel, "papers" in server "console", is not ours to post in) whose
     * server's shard runs in this process. With the shards split over processes on one store, a channel digest is
     * claimed only by the process that can post it: claimed elsewhere it could only be retried until the day ends.
     * DMs go through any shard, so every process serves them (the ledger lets one claim each).
     */
    @Override
    public boolean serves(DigestTarget target) {
        String id = target.inChannel() ? target.guildId() : target.id();
        if (id == null || !SNOWFLAKE.matcher(id).matches()) {
            return false;
        }
        // A channel whose server's shard runs in another process is that process's to post.
        return target.kind() == DigestTarget.Kind.DM
                || SNOWFLAKE.matcher(target.id()).matches() && jda.apply(target.guildId()) != null;
    }

    @Override
    public String publish(DigestTarget target, Reply digest, String nonce) {
        MessageChannel channel = channel(target);
        try {
            Message sent = channel.sendMessage(renderer.create(digest)).setNonce(nonce).complete();
            return sent.getId();
        } catch (RuntimeException e) {
            throw translate(target, e);
        }
    }

    @Override
    public Optional<String> findDelivered(DigestTarget target, String nonce, String marker, Instant since) {
        MessageChannel channel = channel(target);
        try {
            return OwnMessages.find(channel, since, HISTORY_PAGES, m -> nonce.equals(m.getNonce()) || carries(m, marker));
        } catch (RuntimeException e) {
            throw translate(target, e);
        }
    }

    private static boolean carries(Message m, String marker) {
        if (m.getContentRaw().contains(marker)) {
            return true;
        }
        for (MessageEmbed e : m.getEmbeds()) {
            if (e.getFooter() != null && e.getFooter().getText() != null && e.getFooter().getText().contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A server's preferred locale for its channel digests and emerging-topic alerts, read at send time so a change in
     * the server's settings counts at once.
     */
    @Override
    public Locale locale(DigestTarget target) {
        if (target.kind() == DigestTarget.Kind.DM || target.guildId() == null) {
            return Locale.ENGLISH;
        }
        try {
            Guild guild = jda(target.guildId()).getGuildById(target.guildId());
            DiscordLocale locale = guild == null ? DiscordLocale.UNKNOWN : guild.getLocale();
            return locale == DiscordLocale.UNKNOWN ? Locale.ENGLISH : locale.toLocale();
        } catch (PublishException e) {
            // not connected: publish will say so; the language does not matter then
            return Locale.ENGLISH;
        }
    }

    @Override
    public List<String> missingPermissions(String guildId, String channelId) {
        Guild guild = jda(guildId).getGuildById(guildId);
        GuildMessageChannel channel = guild == null ? null : guild.getChannelById(GuildMessageChannel.class, channelId);
        if (channel == null) {
            return List.of("access to that channel (it is not a text channel of this server I can see)");
        }
        Member self = guild.getSelfMember();
        List<String> missing = new ArrayList<>();
        for (Permission p : NEEDED) {
            if (!self.hasPermission(channel, p)) {
                missing.add(p.getName());
            }
        }
        return missing;
    }

    @Override
    public boolean tell(String userId, String text) {
        try {
            jda(null).openPrivateChannelById(userId).complete()
                    .sendMessage(renderer.create(Reply.text(text))).complete();
            return true;
        } catch (RuntimeException e) {
            log.info("could not DM user {}: {}", userId, e.toString());
            return false;
        }
    }

    private MessageChannel channel(DigestTarget target) {
        JDA api = jda(target.kind() == DigestTarget.Kind.DM ? null : target.guildId());
        if (target.kind() == DigestTarget.Kind.DM) {
            try {
                return api.openPrivateChannelById(target.id()).complete();
            } catch (RuntimeException e) {
                throw translate(target, e);
            }
        }
        GuildMessageChannel channel = api.getChannelById(GuildMessageChannel.class, target.id());
        if (channel != null) {
            return channel;
        }
        boolean snowflake = target.guildId() != null && target.guildId().matches("\\d{1,20}");
        if (snowflake && (api.isUnavailable(Long.parseLong(target.guildId()))
                || api.getGuildById(target.guildId()) == null && api.getStatus() != JDA.Status.CONNECTED)) {
            throw new PublishException(PublishException.Kind.TRANSIENT, "the server is unavailable on Discord's side",
                    null);
        }
        throw new PublishException(PublishException.Kind.NO_ACCESS,
                "the channel was deleted or I can no longer see it", null);
    }

    private JDA jda(String guildId) {
        JDA api = jda.apply(guildId);
        if (api == null) {
            // Also when another process runs the shard of that server: never a reason to disable the target.
            throw new PublishException(PublishException.Kind.TRANSIENT,
                    "not connected to Discord yet, or that server's shard runs in another process", null);
        }
        return api;
    }

    static PublishException translate(DigestTarget target, RuntimeException e) {
        if (e instanceof PublishException p) {
            return p;
        }
        if (e instanceof InsufficientPermissionException ip) {
            // JDA checks the cached permissions before sending: no request was made.
            return new PublishException(PublishException.Kind.NO_ACCESS,
                    "I'm missing the permission " + ip.getPermission().getName() + " there", e);
        }
        if (e instanceof ErrorResponseException er) {
            ErrorResponse r = er.getErrorResponse();
            if (r == ErrorResponse.UNKNOWN_CHANNEL) {
                return new PublishException(PublishException.Kind.NO_ACCESS, "the channel was deleted", e);
            }
            if (r == ErrorResponse.MISSING_ACCESS) {
                return new PublishException(PublishException.Kind.NO_ACCESS, "I can no longer see the channel", e);
            }
            if (r == ErrorResponse.MISSING_PERMISSIONS) {
                return new PublishException(PublishException.Kind.NO_ACCESS,
                        "I lost a permission I need there (View Channel, Send Messages or Embed Links)", e);
            }
            if (r == ErrorResponse.CANNOT_SEND_TO_USER || r == ErrorResponse.UNKNOWN_USER) {
                return new PublishException(target.kind() == DigestTarget.Kind.DM ? PublishException.Kind.DMS_CLOSED
                        : PublishException.Kind.NO_ACCESS, "your DMs are closed to me", e);
            }
            if (er.isServerError() || er.getErrorCode() == -1 && er.getResponse() != null
                    && er.getResponse().code >= 500) {
                return new PublishException(PublishException.Kind.TRANSIENT,
                        "Discord had a server error (" + (er.getResponse() == null ? "5xx" : er.getResponse().code)
                                + ")", e);
            }
            return new PublishException(PublishException.Kind.REJECTED,
                    "Discord refused the message: " + er.getMeaning() + " (code " + er.getErrorCode() + ")", e);
        }
        return new PublishException(PublishException.Kind.TRANSIENT,
                "no answer from Discord (" + e.getClass().getSimpleName() + ")", e);
    }
}
