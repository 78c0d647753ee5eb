package org.paperscout.discord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.attribute.IThreadContainer;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.entities.messages.MessagePoll;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessagePollBuilder;
import org.paperscout.club.ClubChannels;
import org.paperscout.club.ClubException;
import org.paperscout.club.ClubPoll;
import org.paperscout.commands.Reply;

/**
 * The paper club on Discord: public threads on a card's message, native polls, their results. Permissions are checked
 * against JDA's cache first so a missing one is named ("Create Public Threads") instead of surfacing as a 50013.
 */
public final class DiscordClubChannels implements ClubChannels {

    /** How far a lost weekly poll is looked for: 500 messages after its claim. */
    static final int HISTORY_PAGES = 5;

    private final Function<String, JDA> jda;
    private final DiscordRenderer renderer = new DiscordRenderer();

    /** Until the bot is online every call fails as transient, as for {@link DiscordPublisher}. */
    public DiscordClubChannels(DiscordBot bot) {
        this(bot::jdaFor);
    }

    private DiscordClubChannels(Function<String, JDA> jda) {
        this.jda = jda;
    }

    /** Over one JDA instance directly (tests against the local Discord). */
    static DiscordClubChannels forJda(JDA jda) {
        return new DiscordClubChannels(guildId -> jda);
    }

    @Override
    public String openThread(String guildId, String channelId, String messageId, String name, Reply firstPost) {
        GuildMessageChannel channel = channel(guildId, channelId);
        if (!(channel instanceof IThreadContainer container)) {
            // A thread (or a voice channel's chat) cannot hold threads; a card pressed there has its thread already.
            throw new ClubException(ClubException.Kind.GONE, "channel " + channelId + " cannot hold threads", null,
                    null);
        }
        require(channel, Permission.CREATE_PUBLIC_THREADS, Permission.MESSAGE_SEND_IN_THREADS);
        try {
            ThreadChannel thread;
            try {
                thread = messageId == null ? container.createThreadChannel(name, false).complete()
                        : container.createThreadChannel(name, messageId).complete();
            } catch (ErrorResponseException e) {
                if (e.getErrorResponse() != ErrorResponse.UNKNOWN_MESSAGE) {
                    throw e;
                }
                // Ephemeral cards (personal answers) and deleted messages cannot carry a thread: open it in the
                // channel instead, where everyone can still find it.
                thread = container.createThreadChannel(name, false).complete();
            }
            thread.sendMessage(renderer.create(firstPost)).complete();
            return thread.getId();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public String postPoll(String guildId, String channelId, ClubPoll poll, String nonce) {
        GuildMessageChannel channel = channel(guildId, channelId);
        require(channel, Permission.MESSAGE_SEND, Permission.MESSAGE_SEND_POLLS);
        MessagePollBuilder builder = new MessagePollBuilder(poll.question()).setDuration(poll.duration())
                .setMultiAnswer(false);
        poll.answers().forEach(builder::addAnswer);
        try {
            var send = channel.sendMessage(new MessageCreateBuilder().setPoll(builder.build())
                    .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)).build());
            // JDA sends enforce_nonce with every nonce: a repeat of a weekly pick returns the first poll.
            return (nonce == null ? send : send.setNonce(nonce)).complete().getId();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * Pages forward through the channel from {@code since} (a weekly pick's claim, so a few pages at most); the bot's
     * own messages only, as anyone may post a poll.
     */
    @Override
    public Optional<String> findPoll(String guildId, String channelId, String nonce, String marker, Instant since) {
        GuildMessageChannel channel = channel(guildId, channelId);
        try {
            return OwnMessages.find(channel, since, HISTORY_PAGES, m -> m.getPoll() != null
                    && (nonce.equals(m.getNonce()) || m.getPoll().getQuestion().getText().contains(marker)));
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public Optional<List<Integer>> endPoll(String guildId, String channelId, String messageId) {
        GuildMessageChannel channel = channel(guildId, channelId);
        try {
            Message message = channel.retrieveMessageById(messageId).complete();
            MessagePoll poll = message.getPoll();
            if (poll == null) {
                return Optional.empty();
            }
            if (!poll.isExpired() && !poll.isFinalizedVotes()) {
                poll = channel.endPollById(messageId).complete().getPoll();
            }
            List<Integer> votes = new ArrayList<>();
            poll.getAnswers().forEach(a -> votes.add(a.getVotes()));
            return Optional.of(votes);
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.UNKNOWN_MESSAGE) {
                return Optional.empty();
            }
            throw translate(e);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public String post(String guildId, String channelId, Reply message) {
        try {
            return channel(guildId, channelId).sendMessage(renderer.create(message)).complete().getId();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** The server's preferred locale, read when the result is posted, as channel digests do. */
    @Override
    public Locale locale(String guildId) {
        JDA api = jda.apply(guildId);
        Guild guild = api == null ? null : api.getGuildById(guildId);
        DiscordLocale locale = guild == null ? DiscordLocale.UNKNOWN : guild.getLocale();
        return locale == DiscordLocale.UNKNOWN ? Locale.ENGLISH : locale.toLocale();
    }

    /** Discord's servers (snowflakes) whose shard runs here; the console's are the console's. */
    @Override
    public boolean serves(String guildId) {
        return guildId != null && guildId.matches("\\d{1,20}") && jda.apply(guildId) != null;
    }

    private GuildMessageChannel channel(String guildId, String channelId) {
        JDA api = jda.apply(guildId);
        if (api == null) {
            throw new ClubException(ClubException.Kind.TRANSIENT, "not connected to Discord", null, null);
        }
        GuildMessageChannel channel = api.getChannelById(GuildMessageChannel.class, channelId);
        if (channel == null) {
            throw new ClubException(ClubException.Kind.GONE, "no channel " + channelId, null, null);
        }
        return channel;
    }

    private static void require(GuildMessageChannel channel, Permission... needed) {
        Member self = channel.getGuild().getSelfMember();
        for (Permission p : needed) {
            if (!self.hasPermission(channel, p)) {
                throw ClubException.missing(p.getName());
            }
        }
    }

    private static ClubException translate(RuntimeException e) {
        if (e instanceof ClubException c) {
            return c;
        }
        if (e instanceof InsufficientPermissionException ip) {
            return ClubException.missing(ip.getPermission().getName());
        }
        if (e instanceof ErrorResponseException er) {
            ErrorResponse r = er.getErrorResponse();
            if (r == ErrorResponse.UNKNOWN_CHANNEL || r == ErrorResponse.UNKNOWN_MESSAGE
                    || r == ErrorResponse.MISSING_ACCESS) {
                return new ClubException(ClubException.Kind.GONE, er.getMeaning(), null, e);
            }
            if (r == ErrorResponse.MISSING_PERMISSIONS) {
                return ClubException.missing("Create Public Threads, Send Messages or Send Polls");
            }
        }
        return new ClubException(ClubException.Kind.TRANSIENT, e.toString(), null, e);
    }
}
