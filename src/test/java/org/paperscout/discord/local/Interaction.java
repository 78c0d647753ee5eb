package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * An interaction {@link LocalDiscord} dispatched over the gateway: pass it back to
 * {@link LocalDiscord#callbacksFor(Interaction)}, {@link LocalDiscord#firstAnswerLatency(Interaction)} and friends.
 *
 * @param id             snowflake of the dispatch time
 * @param token          the interaction token (also the follow-up webhook token)
 * @param type           2 command, 3 component, 4 autocomplete, 5 modal submit
 * @param user           who triggered it
 * @param userId         that user's id
 * @param channelId      where
 * @param messageId      for components and message commands: the message clicked or targeted, else null
 * @param dispatchedAt   wall-clock dispatch time
 * @param dispatchedNanos {@link System#nanoTime()} at dispatch; Discord's 3-second clock starts here
 * @param payload        the {@code d} object sent in INTERACTION_CREATE
 */
public record Interaction(String id, String token, int type, UserKind user, String userId, String channelId,
                          String messageId, Instant dispatchedAt, long dispatchedNanos, JsonNode payload) {

    public static final int APPLICATION_COMMAND = 2;
    public static final int MESSAGE_COMPONENT = 3;
    public static final int AUTOCOMPLETE = 4;
    public static final int MODAL_SUBMIT = 5;

    @Override
    public String toString() {
        return "Interaction[" + id + " type " + type + " by " + user + "]";
    }
}
