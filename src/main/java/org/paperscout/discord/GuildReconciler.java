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
}
