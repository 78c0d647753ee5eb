package org.paperscout.discord.local;

/** Who triggers an interaction in {@link LocalDiscord}. */
public enum UserKind {
    /** A guild member holding the "Moderators" role, which grants Manage Server (not Administrator). */
    ADMIN,
    /** A guild member with only {@code @everyone}: may use commands, may not manage the server. */
    MEMBER,
    /** The plain member, but in a direct message with the bot (interaction context 1, no guild, top-level user). */
    DM
}
