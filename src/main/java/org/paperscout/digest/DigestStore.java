package org.paperscout.digest;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.paperscout.ops.Telemetry;
import org.paperscout.i18n.Messages;
import org.paperscout.store.Database;

/**
 * Digest configurations (channels and DMs), in the tables of {@code V70__digest.sql}; the rows saying what was
 * delivered live in {@link DeliveryLedger}. Every write goes through the database's single writer in a
 * {@code BEGIN IMMEDIATE} transaction.
 */
public final class DigestStore {

    private static final String CHANNEL_COLUMNS = "d.channel_id, d.guild_id, d.local_time, d.time_zone, d.days, "
            + "d.topic, d.size, d.skip_empty, d.effective_from, d.disabled_reason, a.user_id, d.admin_notified, "
            + "d.snoozed_at, d.snooze_ends_at";
    private static final String ALERT_COLUMNS = "channel_id, guild_id, effective_from";
    private static final String DM_COLUMNS = "user_id, local_time, time_zone, effective_from, paused_reason, "
            + "snoozed_at, snooze_ends_at";
    private static final String CHANNEL_FROM = " FROM channel_digests d "
            + "LEFT JOIN channel_digest_admins a ON a.channel_id = d.channel_id";

    private final Database db;
    private final Clock clock;
    private final DeliveryLedger ledger;

    public DigestStore(Database db, Clock clock) {
        this(db, clock, DeliveryLease.DEFAULT_LENGTH);
    }

    /** @param lease how long this process holds a delivery it claimed before another process may take it over */
    public DigestStore(Database db, Clock clock, Duration lease) {
        this(db, clock, DeliveryLease.of(db, lease));
    }

    DigestStore(Database db, Clock clock, DeliveryLease lease) {
        this.db = db;
        this.clock = clock;
        this.ledger = new DeliveryLedger(db, clock, lease);
    }

    /** Counts deliveries by outcome (sent, failed, missed, skipped) into {@code metrics} from now on. */
    public void observe(Telemetry metrics) {
        ledger.telemetry = metrics;
    }

    /** The delivery ledger over the same database: what was claimed, sent, missed or failed, per target and day. */
    DeliveryLedger ledger() {
        return ledger;
    }

    /**
     * Retention: deletes up to {@code limit} settled ledger rows dated before {@code before}, in one write; returns how
     * many went. See {@link DeliveryLedger#prune} for the rows it never touches.
     */
    public int pruneLedger(LocalDate before, int limit) {
        return ledger.prune(before, limit);
    }

    // ---------------------------------------------------------------- configurations

    /** Creates or replaces a channel's digest; clears any disabled state (the admin just checked it). */
    void saveChannel(DigestTarget t) {
        long now = clock.millis();
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO channel_digests (channel_id, guild_id, "
                    + "local_time, time_zone, days, topic, size, skip_empty, effective_from, disabled_reason, "
                    + "disabled_at, admin_notified, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, ?) "
                    + "ON CONFLICT (channel_id) DO UPDATE SET guild_id = excluded.guild_id, "
                    + "local_time = excluded.local_time, time_zone = excluded.time_zone, days = excluded.days, "
                    + "topic = excluded.topic, size = excluded.size, skip_empty = excluded.skip_empty, "
                    + "effective_from = excluded.effective_from, disabled_reason = NULL, disabled_at = NULL, "
                    + "admin_notified = 0, updated_at = excluded.updated_at")) {
                p.setString(1, t.id());
                p.setString(2, t.guildId());
                p.setString(3, time(t.time()));
                p.setString(4, t.zone().getId());
                p.setString(5, t.days().word());
                p.setString(6, t.topic());
                p.setInt(7, t.size());
                p.setInt(8, t.skipEmpty() ? 1 : 0);
                p.setLong(9, t.effectiveFrom().toEpochMilli());
                p.setLong(10, now);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO channel_digest_admins (channel_id, user_id) "
                    + "VALUES (?, ?) ON CONFLICT (channel_id) DO UPDATE SET user_id = excluded.user_id")) {
                p.setString(1, t.id());
                p.setString(2, t.adminId());
                p.executeUpdate();
            }
            return null;
        });
    }

    boolean removeChannel(String channelId) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM channel_digests WHERE channel_id = ?")) {
                p.setString(1, channelId);
                return p.executeUpdate() > 0;
            }
        });
    }

    Optional<DigestTarget> channel(String channelId) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + CHANNEL_COLUMNS + CHANNEL_FROM
                    + " WHERE d.channel_id = ?")) {
                p.setString(1, channelId);
                List<DigestTarget> l = channels(p);
                return l.stream().findFirst();
            }
        });
    }

    List<DigestTarget> channelsInGuild(String guildId) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + CHANNEL_COLUMNS + CHANNEL_FROM
                    + " WHERE d.guild_id = ? ORDER BY d.channel_id")) {
                p.setString(1, guildId);
                return channels(p);
            }
        });
    }

    void saveDm(String userId, LocalTime time, ZoneId zone, Instant effectiveFrom) {
        saveDm(userId, time, zone, effectiveFrom, null);
    }

    /** @param locale the language the DMs are written in; null keeps the one stored (English when none is) */
    void saveDm(String userId, LocalTime time, ZoneId zone, Instant effectiveFrom, Locale locale) {
        long now = clock.millis();
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO dm_digests (user_id, local_time, time_zone, "
                    + "effective_from, paused_reason, updated_at, locale) VALUES (?, ?, ?, ?, NULL, ?, ?) "
                    + "ON CONFLICT (user_id) DO UPDATE SET local_time = excluded.local_time, "
                    + "time_zone = excluded.time_zone, effective_from = excluded.effective_from, "
                    + "paused_reason = NULL, updated_at = excluded.updated_at, "
                    + "locale = COALESCE(excluded.locale, dm_digests.locale)")) {
                p.setString(1, userId);
                p.setString(2, time(time));
                p.setString(3, zone.getId());
                p.setLong(4, effectiveFrom.toEpochMilli());
                p.setLong(5, now);
                p.setString(6, locale == null ? null : locale.toLanguageTag());
                p.executeUpdate();
            }
            return null;
        });
    }

    /** The language of a user's DM digests as stored by /notify daily; English when none is stored. */
    Locale dmLocale(String userId) {
        String tag = db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT locale FROM dm_digests WHERE user_id = ?")) {
                p.setString(1, userId);
                try (java.sql.ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
        return tag == null ? Locale.ENGLISH : Messages.supported(Locale.forLanguageTag(tag));
    }

    boolean removeDm(String userId) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM dm_digests WHERE user_id = ?")) {
                p.setString(1, userId);
                return p.executeUpdate() > 0;
            }
        });
    }

    Optional<DigestTarget> dm(String userId) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + DM_COLUMNS + " FROM dm_digests WHERE user_id = ?")) {
                p.setString(1, userId);
                return dms(p).stream().findFirst();
            }
        });
    }

    /** Every configured target, channels first, each list ordered by id (a stable order for pacing). */
    List<DigestTarget> allTargets() {
        return db.read(c -> {
            List<DigestTarget> all = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT " + CHANNEL_COLUMNS + CHANNEL_FROM
                    + " ORDER BY d.channel_id")) {
                all.addAll(channels(p));
            }
            try (PreparedStatement p = c.prepareStatement("SELECT " + DM_COLUMNS + " FROM dm_digests ORDER BY user_id")) {
                all.addAll(dms(p));
            }
            try (PreparedStatement p = c.prepareStatement("SELECT " + ALERT_COLUMNS
                    + " FROM emerging_alerts ORDER BY channel_id")) {
                all.addAll(alerts(p));
            }
            return all;
        });
    }

    /**
     * Drops the digests of servers the bot is no longer in; returns the channels removed. Given with every guild
     * the bot is in, unavailable ones included (an outage is not a removal). An empty set removes nothing: a
     * session that reports no guild at all is far likelier a broken start than removal from every server, and
     * wiping every configuration is not undoable.
     */
    public int retainGuilds(Set<String> guildIds) {
        if (guildIds.isEmpty()) {
            return 0;
        }
        Set<String> kept = new java.util.HashSet<>(guildIds);
        kept.add(DigestCommand.CONSOLE); // the console's channels belong to no Discord server
        List<String> gone = db.read(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT guild_id FROM channel_digests "
                    + "UNION SELECT guild_id FROM emerging_alerts");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    if (!kept.contains(r.getString(1))) {
                        ids.add(r.getString(1));
                    }
                }
            }
            return ids;
        });
        if (gone.isEmpty()) {
            return 0;
        }
        return db.write(c -> {
            int n = 0;
            try (PreparedStatement p = c.prepareStatement("DELETE FROM channel_digests WHERE guild_id = ?");
                 PreparedStatement a = c.prepareStatement("DELETE FROM emerging_alerts WHERE guild_id = ?")) {
                for (String g : gone) {
                    p.setString(1, g);
                    n += p.executeUpdate();
                    a.setString(1, g);
                    a.executeUpdate();
                }
            }
            return n;
        });
    }

    /**
     * Drops a server's digests: the bot was removed from it (Discord's guild-leave event, which an outage never
     * sends). Unlike {@link #retainGuilds}, this works for the last server too. Returns the channels removed.
     */
    public int removeGuild(String guildId) {
        if (DigestCommand.CONSOLE.equals(guildId)) {
            return 0;
        }
        return db.write(c -> {
            try (PreparedStatement a = c.prepareStatement("DELETE FROM emerging_alerts WHERE guild_id = ?")) {
                a.setString(1, guildId);
                a.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM channel_digests WHERE guild_id = ?")) {
                p.setString(1, guildId);
                return p.executeUpdate();
            }
        });
    }

    // ---------------------------------------------------------------- emerging-topic alerts

    /** Turns a channel's weekly alert on; owed from {@code effectiveFrom}. Turning it on again changes nothing. */
    void saveAlert(String channelId, String guildId, Instant effectiveFrom) {
        long now = clock.millis();
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO emerging_alerts (channel_id, guild_id, "
                    + "effective_from, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (channel_id) DO NOTHING")) {
                p.setString(1, channelId);
                p.setString(2, guildId);
                p.setLong(3, effectiveFrom.toEpochMilli());
                p.setLong(4, now);
                p.executeUpdate();
            }
            return null;
        });
    }

    boolean removeAlert(String channelId) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM emerging_alerts WHERE channel_id = ?")) {
                p.setString(1, channelId);
                return p.executeUpdate() > 0;
            }
        });
    }

    Optional<DigestTarget> alert(String channelId) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + ALERT_COLUMNS
                    + " FROM emerging_alerts WHERE channel_id = ?")) {
                p.setString(1, channelId);
                return alerts(p).stream().findFirst();
            }
        });
    }

    List<DigestTarget> alertsInGuild(String guildId) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + ALERT_COLUMNS
                    + " FROM emerging_alerts WHERE guild_id = ? ORDER BY channel_id")) {
                p.setString(1, guildId);
                return alerts(p);
            }
        });
    }

    private static List<DigestTarget> alerts(PreparedStatement p) throws SQLException {
        List<DigestTarget> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                // Weekly, on Mondays at a fixed UTC time: new papers of the whole week are in by then.
                out.add(new DigestTarget(DigestTarget.Kind.EMERGING, r.getString(1), r.getString(2),
                        EmergingAlerts.TIME, java.time.ZoneOffset.UTC, DigestDays.MONDAYS, null,
                        EmergingAlerts.TOPICS, true, Instant.ofEpochMilli(r.getLong(3)), null, null, false));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- snoozes

    /**
     * Snoozes a target until {@code until}. A snooze that is on or still owes its catch-up keeps its start, so the
     * catch-up covers the whole absence; {@code until} replaces the old end. Returns false when there is no target.
     */
    boolean snooze(DigestTarget.Kind kind, String id, Instant from, Instant until) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE " + table(kind) + " SET snoozed_at = "
                    + "coalesce(snoozed_at, ?), snooze_ends_at = ?, updated_at = ? WHERE " + idColumn(kind) + " = ?")) {
                p.setLong(1, from.toEpochMilli());
                p.setLong(2, until.toEpochMilli());
                p.setLong(3, clock.millis());
                p.setString(4, id);
                return p.executeUpdate() > 0;
            }
        });
    }

    /** Ends a snooze that is on now, early: the next digest is the catch-up. Returns false when none is on. */
    boolean resume(DigestTarget.Kind kind, String id, Instant now) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE " + table(kind) + " SET snooze_ends_at = ?, "
                    + "updated_at = ? WHERE " + idColumn(kind) + " = ? AND snooze_ends_at > ?")) {
                p.setLong(1, now.toEpochMilli());
                p.setLong(2, clock.millis());
                p.setString(3, id);
                p.setLong(4, now.toEpochMilli());
                return p.executeUpdate() > 0;
            }
        });
    }

    /**
     * Clears a snooze once its catch-up is settled. Only that very snooze: one set again in the meantime (a new end)
     * stays, and its own catch-up comes later.
     */
    void endSnooze(DigestTarget t) {
        if (t.snooze() == null) {
            return;
        }
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE " + table(t.kind()) + " SET snoozed_at = NULL, "
                    + "snooze_ends_at = NULL WHERE " + idColumn(t.kind()) + " = ? AND snoozed_at = ? "
                    + "AND snooze_ends_at = ?")) {
                p.setString(1, t.id());
                p.setLong(2, t.snooze().from().toEpochMilli());
                p.setLong(3, t.snooze().until().toEpochMilli());
                p.executeUpdate();
            }
            return null;
        });
    }

    private static String table(DigestTarget.Kind kind) {
        return kind == DigestTarget.Kind.DM ? "dm_digests" : "channel_digests";
    }

    private static String idColumn(DigestTarget.Kind kind) {
        return kind == DigestTarget.Kind.DM ? "user_id" : "channel_id";
    }

    // ---------------------------------------------------------------- mapping

    private static List<DigestTarget> channels(PreparedStatement p) throws SQLException {
        List<DigestTarget> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(new DigestTarget(DigestTarget.Kind.CHANNEL, r.getString(1), r.getString(2),
                        LocalTime.parse(r.getString(3)), ZoneId.of(r.getString(4)),
                        DigestDays.parse(r.getString(5)).orElse(DigestDays.EVERY_DAY), r.getString(6), r.getInt(7),
                        r.getInt(8) == 1, Instant.ofEpochMilli(r.getLong(9)), r.getString(10), r.getString(11),
                        r.getInt(12) == 1, snooze(r, 13)));
            }
        }
        return out;
    }

    private static List<DigestTarget> dms(PreparedStatement p) throws SQLException {
        List<DigestTarget> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(new DigestTarget(DigestTarget.Kind.DM, r.getString(1), null, LocalTime.parse(r.getString(2)),
                        ZoneId.of(r.getString(3)), DigestDays.EVERY_DAY, null, DigestComposer.DM_SIZE, false,
                        Instant.ofEpochMilli(r.getLong(4)), r.getString(5), null, false, snooze(r, 6)));
            }
        }
        return out;
    }

    private static DigestTarget.Snooze snooze(ResultSet r, int column) throws SQLException {
        long from = r.getLong(column);
        if (r.wasNull()) {
            return null;
        }
        return new DigestTarget.Snooze(Instant.ofEpochMilli(from), Instant.ofEpochMilli(r.getLong(column + 1)));
    }

    private static String time(LocalTime t) {
        return String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute());
    }
}
