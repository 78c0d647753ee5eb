package org.paperscout.club;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.paperscout.commands.Reply;

/**
 * Where the paper club's threads and polls live: Discord (the adapter in {@code org.paperscout.discord}) or the
 * console (printed as text). Calls block; they are made from command workers and from {@link ClubJob}.
 */
public interface ClubChannels {

    /**
     * Opens a public thread named {@code name} on message {@code messageId} (or, when that message cannot carry one,
     * e.g. it was ephemeral or deleted, in the channel itself), posts {@code firstPost} in it and returns its id.
     *
     * @throws ClubException when it could not, e.g. the bot lacks Create Public Threads there
     */
    String openThread(String guildId, String channelId, String messageId, String name, Reply firstPost);

    /**
     * Posts a native poll and returns the id of its message. A {@code nonce} (or null) makes a repeat of the same
     * post return the first message instead of a second one (Discord: {@code enforce_nonce}, for a few minutes).
     */
    String postPoll(String guildId, String channelId, ClubPoll poll, String nonce);

    /**
     * The id of a poll the bot already posted in the channel after {@code since}, carrying {@code nonce} or whose
     * question contains {@code marker}; empty when there is none. How a weekly pick left pending by a crash finds
     * the poll it may have posted.
     *
     * @throws ClubException when the channel cannot be read (then the caller cannot know and must not post)
     */
    Optional<String> findPoll(String guildId, String channelId, String nonce, String marker, Instant since);

    /**
     * Ends the poll if it is still running and returns its votes, one count per answer in answer order; empty when
     * the poll's message is gone.
     */
    Optional<List<Integer>> endPoll(String guildId, String channelId, String messageId);

    /** Posts a message in the channel and returns its id. */
    String post(String guildId, String channelId, Reply message);

    /** The language of what the bot posts there by itself (a pick's result): a server's preferred locale on Discord. */
    default Locale locale(String guildId) {
        return Locale.ENGLISH;
    }

    /** Whether this front end owns the server's picks: the console its own, Discord the rest. */
    default boolean serves(String guildId) {
        return true;
    }

    /** For a process without a front end (the one-off tools): serves nothing, so nothing is ever sent through it. */
    static ClubChannels none() {
        return NoClubChannels.INSTANCE;
    }
}
