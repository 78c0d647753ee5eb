package org.paperscout.discord;

import java.util.Set;

/**
 * Told which guilds the bot is in whenever that may have changed without an event reaching us: on every fresh
 * gateway session (start-up, or a re-identify after an outage) and when the bot leaves a guild. Implementations
 * drop state (digest configs) of guilds not in the set. Guilds that are merely unavailable (a Discord outage) are
 * included: an outage is not a removal.
 */
@FunctionalInterface
public interface GuildReconciler {

    GuildReconciler NONE = guildIds -> { };

    void reconcile(Set<String> guildIds);

    /**
     * The bot was removed from this guild (Discord's guild-leave event; an outage sends a different one). Told
     * before the {@link #reconcile} that follows, and also when it was the last guild: a reconciler may refuse to
     * act on an empty set, which after a fresh session is likelier a broken start than removal from every server.
     */
    default void left(String guildId) {
    }
}
