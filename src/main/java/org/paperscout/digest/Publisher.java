package org.paperscout.digest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.paperscout.commands.Reply;

/**
 * Where digests go: Discord (the adapter in {@code org.paperscout.discord}) or the console (printed). Calls block
 * and may be made from several sender threads at once.
 */
public interface Publisher {

    /**
     * Sends a digest and returns the message id (null where there is none, as in the console). The same
     * {@code nonce} on a repeat of the same delivery must never create a second message (Discord: {@code nonce}
     * with {@code enforce_nonce}).
     *
     * @throws PublishException when it did not go out, saying whether trying again can help
     */
    String publish(DigestTarget target, Reply digest, String nonce);

    /**
     * The id of a digest already delivered to the target: a message by this bot, posted after {@code since},
     * carrying {@code nonce} or whose text contains {@code marker}. Empty when there is none.
     *
     * @throws PublishException when the target cannot be read (then the caller cannot know and must not send)
     */
    Optional<String> findDelivered(DigestTarget target, String nonce, String marker, Instant since);

    /**
     * What the bot lacks to post digests in a channel, in Discord's words ("View Channel", "Send Messages",
     * "Embed Links"); empty when it can. An unknown channel gives one entry saying so.
     */
    List<String> missingPermissions(String guildId, String channelId);

    /** Tells a user something by DM, best effort; false when it could not be delivered. */
    boolean tell(String userId, String text);

    /** The language a target's digests are written in: a server's preferred locale on Discord; English otherwise. */
    default Locale locale(DigestTarget target) {
        return Locale.ENGLISH;
    }

    /**
     * Whether this publisher delivers the target's digests: the console its own channels and user, Discord the
     * rest. Targets it does not serve are left alone (kept, not sent, not failed).
     */
    default boolean serves(DigestTarget target) {
        return true;
    }

    /** For a process without a front end (the one-off tools): serves nothing, so nothing is ever sent through it. */
    static Publisher none() {
        return NoPublisher.INSTANCE;
    }
}
