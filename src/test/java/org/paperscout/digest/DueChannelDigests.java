package org.paperscout.digest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.store.Database;
import org.paperscout.store.StoreConfig;
import org.paperscout.store.StoreLocation;

/** Channel digests due at one instant in many guilds of the local Discord, for the runs with several processes. */
public final class DueChannelDigests {

    private DueChannelDigests() {
    }

    /**
     * Every listed guild's "#papers" channel gets a daily digest at {@code dueAt} (UTC, whole minutes), set up by
     * the admin 30 s before it, so no earlier day is owed and it is due from {@code dueAt} on.
     */
    public static void save(String storeUrl, LocalDiscord discord, List<String> guilds, Instant dueAt) {
        try (Database db = Database.openPostgres(StoreLocation.postgres(storeUrl, "postgres", null),
                StoreConfig.defaults())) {
            DigestStore store = new DigestStore(db, Clock.systemUTC());
            LocalTime time = LocalTime.ofInstant(dueAt, ZoneOffset.UTC);
            for (String guild : guilds) {
                store.saveChannel(new DigestTarget(DigestTarget.Kind.CHANNEL, discord.channelIdOf(guild), guild,
                        time, ZoneOffset.UTC, DigestDays.EVERY_DAY, null, 3, false, dueAt.minusSeconds(30), null,
                        discord.adminUserId(), false));
            }
        }
    }

    /** A two-column query's rows as a map, e.g. the ledger's rows by state. */
    public static java.util.Map<String, Long> countBy(java.sql.Connection c, String sql) throws java.sql.SQLException {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        try (java.sql.PreparedStatement p = c.prepareStatement(sql); java.sql.ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.put(r.getString(1), r.getLong(2));
            }
        }
        return out;
    }
}
