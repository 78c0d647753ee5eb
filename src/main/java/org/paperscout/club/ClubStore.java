package org.paperscout.club;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.paperscout.store.Database;

/**
 * The paper club's rows ({@code V84__paper_club.sql}): discussion threads per (server, channel, paper), the picks and
 * the role that may start them. Every write goes through the database's single writer.
 */
public final class ClubStore {

    private static final String PICK_COLUMNS = "message_id, guild_id, channel_id, candidates, started_at, ends_at, "
            + "closed_at, winner_paper_id, thread_id";

    private final Database db;
    private final Clock clock;
    private final WeeklyRuns runs;

    public ClubStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.runs = new WeeklyRuns(db, clock);
    }

    /** The weekly picks' ledger. */
    WeeklyRuns runs() {
        return runs;
    }

    // ---------------------------------------------------------------- threads

    Optional<String> thread(String guildId, String channelId, String paperId) {
        return firstText("SELECT thread_id FROM club_threads WHERE guild_id = ? AND channel_id = ? AND paper_id = ?",
                guildId, channelId, paperId);
    }

    /** The first row's first column of a query whose parameters are all text; empty without a row or a value. */
    private Optional<String> firstText(String sql, String... params) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    p.setString(i + 1, params[i]);
                }
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Records a paper's thread; the first one recorded stays (returned), so a race never leaves two on record. */
    String saveThread(String guildId, String channelId, String paperId, String threadId) {
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO club_threads (guild_id, channel_id, paper_id, "
                    + "thread_id, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                p.setString(1, guildId);
                p.setString(2, channelId);
                p.setString(3, paperId);
                p.setString(4, threadId);
                p.setLong(5, clock.millis());
                return p.executeUpdate();
            }
        });
        return thread(guildId, channelId, paperId).orElse(threadId);
    }

    /** Forgets a thread Discord no longer has, so the next "Discuss" opens a new one. */
    void forgetThread(String guildId, String channelId, String paperId) {
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM club_threads "
                    + "WHERE guild_id = ? AND channel_id = ? AND paper_id = ?")) {
                p.setString(1, guildId);
                p.setString(2, channelId);
                p.setString(3, paperId);
                return p.executeUpdate();
            }
        });
    }

    // ---------------------------------------------------------------- picks

    /** Records a pick; a repeat of the same poll (a weekly pick posted again with its nonce) changes nothing. */
    void savePick(Pick pick) {
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO club_picks (message_id, guild_id, channel_id, "
                    + "candidates, started_at, ends_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                p.setString(1, pick.messageId());
                p.setString(2, pick.guildId());
                p.setString(3, pick.channelId());
                p.setString(4, String.join(" ", pick.candidates()));
                p.setLong(5, pick.startedAt().toEpochMilli());
                p.setLong(6, pick.endsAt().toEpochMilli());
                return p.executeUpdate();
            }
        });
    }

    /** Running picks whose poll has ended by {@code now}, oldest first. */
    List<Pick> ended(Instant now) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + PICK_COLUMNS + " FROM club_picks "
                    + "WHERE closed_at IS NULL AND ends_at <= ? ORDER BY ends_at, message_id")) {
                p.setLong(1, now.toEpochMilli());
                return picks(p);
            }
        });
    }

    /** The running pick of a channel, if any (one at a time per channel). */
    Optional<Pick> running(String guildId, String channelId) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + PICK_COLUMNS + " FROM club_picks "
                    + "WHERE guild_id = ? AND channel_id = ? AND closed_at IS NULL ORDER BY started_at DESC")) {
                p.setString(1, guildId);
                p.setString(2, channelId);
                return picks(p).stream().findFirst();
            }
        });
    }

    /**
     * Claims a pick for announcing: true for exactly one caller, however many processes share the store. The claim
     * comes before the announcement, so a crash in between loses that one announcement rather than repeating it.
     */
    boolean claim(String messageId) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE club_picks SET closed_at = ? "
                    + "WHERE message_id = ? AND closed_at IS NULL")) {
                p.setLong(1, clock.millis());
                p.setString(2, messageId);
                return p.executeUpdate() == 1;
            }
        });
    }

    void recordResult(String messageId, String winner, String threadId) {
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE club_picks SET winner_paper_id = ?, thread_id = ? "
                    + "WHERE message_id = ?")) {
                p.setString(1, winner);
                p.setString(2, threadId);
                p.setString(3, messageId);
                return p.executeUpdate();
            }
        });
    }

    /** The papers a server's group picked, newest first. */
    List<Pick> history(String guildId, int limit) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + PICK_COLUMNS + " FROM club_picks "
                    + "WHERE guild_id = ? AND winner_paper_id IS NOT NULL ORDER BY closed_at DESC, message_id DESC "
                    + "LIMIT ?")) {
                p.setString(1, guildId);
                p.setInt(2, limit);
                return picks(p);
            }
        });
    }

    private static List<Pick> picks(PreparedStatement p) throws SQLException {
        List<Pick> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                long closed = rs.getLong(7);
                Instant closedAt = rs.wasNull() ? null : Instant.ofEpochMilli(closed);
                out.add(new Pick(rs.getString(1), rs.getString(2), rs.getString(3),
                        Arrays.asList(rs.getString(4).split(" ")), Instant.ofEpochMilli(rs.getLong(5)),
                        Instant.ofEpochMilli(rs.getLong(6)), closedAt, rs.getString(8), rs.getString(9)));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- settings

    Optional<String> pickRole(String guildId) {
        return firstText("SELECT role_id FROM club_settings WHERE guild_id = ?", guildId);
    }

    void setPickRole(String guildId, String roleId) {
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO club_settings (guild_id, role_id, updated_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET role_id = excluded.role_id, "
                    + "updated_at = excluded.updated_at")) {
                p.setString(1, guildId);
                p.setString(2, roleId);
                p.setLong(3, clock.millis());
                return p.executeUpdate();
            }
        });
    }

    // ---------------------------------------------------------------- weekly schedules and their ledger

    void saveSchedule(Schedule s) {
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO club_schedules (channel_id, guild_id, "
                    + "day_of_week, local_time, time_zone, effective_from, updated_at, candidates, source, "
                    + "duration_days, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (channel_id) DO UPDATE SET guild_id = excluded.guild_id, day_of_week = "
                    + "excluded.day_of_week, local_time = excluded.local_time, time_zone = excluded.time_zone, "
                    + "effective_from = excluded.effective_from, updated_at = excluded.updated_at, "
                    + "candidates = excluded.candidates, source = excluded.source, "
                    + "duration_days = excluded.duration_days, user_id = excluded.user_id")) {
                p.setString(1, s.channelId());
                p.setString(2, s.guildId());
                p.setInt(3, s.day().getValue());
                p.setString(4, s.time().toString());
                p.setString(5, s.zone().getId());
                p.setLong(6, s.effectiveFrom().toEpochMilli());
                p.setLong(7, clock.millis());
                p.setInt(8, s.candidates());
                p.setString(9, s.source());
                p.setInt(10, s.days());
                p.setString(11, s.userId());
                return p.executeUpdate();
            }
        });
    }

    boolean removeSchedule(String guildId, String channelId) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM club_schedules WHERE guild_id = ? "
                    + "AND channel_id = ?")) {
                p.setString(1, guildId);
                p.setString(2, channelId);
                return p.executeUpdate() > 0;
            }
        });
    }

    List<Schedule> schedules() {
        return readSchedules("", null);
    }

    /** A channel's weekly pick, if it has one. */
    Optional<Schedule> schedule(String guildId, String channelId) {
        return readSchedules(" WHERE channel_id = ?", channelId).stream()
                .filter(s -> s.guildId().equals(guildId)).findFirst();
    }

    private List<Schedule> readSchedules(String where, String param) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT channel_id, guild_id, day_of_week, local_time, "
                    + "time_zone, effective_from, candidates, source, duration_days, user_id FROM club_schedules"
                    + where + " ORDER BY channel_id")) {
                if (param != null) {
                    p.setString(1, param);
                }
                List<Schedule> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Schedule(rs.getString(1), rs.getString(2), DayOfWeek.of(rs.getInt(3)),
                                LocalTime.parse(rs.getString(4)), ZoneId.of(rs.getString(5)),
                                Instant.ofEpochMilli(rs.getLong(6)), rs.getInt(7), rs.getString(8), rs.getInt(9),
                                rs.getString(10)));
                    }
                }
                return out;
            }
        });
    }

    /** The tables whose rows belong to one server, each with a {@code guild_id}. */
    private static final List<String> GUILD_TABLES = List.of("club_threads", "club_picks", "club_settings",
            "club_schedule_runs", "club_schedules");

    /**
     * Forgets a server the bot was removed from (Discord's guild-leave event): its threads, picks, settings role,
     * weekly schedules and their runs. Returns the rows removed.
     */
    public int removeGuild(String guildId) {
        if (Discussions.CONSOLE.equals(guildId)) {
            return 0;
        }
        return db.write(c -> {
            int removed = 0;
            // Runs written before V87 carry no server: those of the server's schedules go by their channel.
            try (PreparedStatement p = c.prepareStatement("DELETE FROM club_schedule_runs WHERE guild_id IS NULL "
                    + "AND channel_id IN (SELECT channel_id FROM club_schedules WHERE guild_id = ?)")) {
                p.setString(1, guildId);
                removed += p.executeUpdate();
            }
            for (String table : GUILD_TABLES) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE guild_id = ?")) {
                    p.setString(1, guildId);
                    removed += p.executeUpdate();
                }
            }
            return removed;
        });
    }

    /**
     * Forgets the servers the bot is no longer in (removed while offline, seen on a fresh session), as the digests
     * do; returns the rows removed. Given every server the bot is in, unavailable ones included (an outage is not a
     * removal). An empty set removes nothing: a session reporting no server at all is likelier a broken start than
     * removal from every server, and a wipe cannot be undone.
     */
    public int retainGuilds(Set<String> guildIds) {
        if (guildIds.isEmpty()) {
            return 0;
        }
        List<String> gone = db.read(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(String.join(" UNION ", GUILD_TABLES.stream()
                    .map(t -> "SELECT guild_id FROM " + t + " WHERE guild_id IS NOT NULL").toList()));
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String g = rs.getString(1);
                    if (!guildIds.contains(g) && !Discussions.CONSOLE.equals(g)) {
                        ids.add(g);
                    }
                }
            }
            return ids;
        });
        int removed = 0;
        for (String g : gone) {
            removed += removeGuild(g);
        }
        return removed;
    }

    // ---------------------------------------------------------------- candidates

    /**
     * The papers a channel's digests showed since {@code since}, newest digest first. Read from the digest ledger's
     * rows (V71 {@code paper_ids}) rather than through the digest package, which keeps its ledger to itself.
     */
    List<String> digestPapers(String channelId, Instant since) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT paper_ids FROM deliveries WHERE target = ? "
                    + "AND state = 'sent' AND due_at >= ? AND paper_ids IS NOT NULL ORDER BY due_at DESC")) {
                p.setString(1, "channel:" + channelId);
                p.setLong(2, since.toEpochMilli());
                Set<String> ids = new LinkedHashSet<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        for (String id : rs.getString(1).split(" ")) {
                            if (!id.isBlank()) {
                                ids.add(id);
                            }
                        }
                    }
                }
                return List.copyOf(ids);
            }
        });
    }
}
