package org.paperscout.club;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.paperscout.store.Database;

/**
 * The weekly picks' ledger ({@code club_schedule_runs}): one row per (channel, local date), claimed before the poll
 * is posted and completed after, the only writer of those rows. A pending row is held by the process that claimed
 * it until its lease ends; then any process may take it over with one conditional update, which exactly one wins,
 * and settle it: look for the poll in the channel, record it if there, post it again (same nonce) if not.
 *
 * <p>Writes wait for the fsync ({@link Database#writeDurable}): a pending row lost in a power cut would let a restart
 * post a second poll once Discord's nonce window has passed.
 */
final class WeeklyRuns {

    /**
     * How long a claim holds. Longer than one post takes (a poll is one request), short enough that a crashed
     * process's week is settled within a few ticks of the restart.
     */
    static final Duration LEASE = Duration.ofMinutes(2);

    /**
     * One week's run.
     *
     * @param candidates the poll's papers in answer order (empty on rows from before they were kept)
     */
    record Run(String channelId, LocalDate date, String state, String nonce, List<String> candidates,
               Instant createdAt, String messageId) {

        Run {
            candidates = List.copyOf(candidates);
        }

        boolean pending() {
            return state.equals("pending");
        }
    }

    private final Database db;
    private final Clock clock;
    /** Random per store object: a restarted process never mistakes a dead one's claim for its own. */
    private final String owner = UUID.randomUUID().toString();

    WeeklyRuns(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Claims a week's run before anything is posted: true for exactly one caller per (channel, local date), however
     * many processes share the store. A pending claim is held under this process's lease.
     */
    boolean claim(String guildId, String channelId, LocalDate date, String state, String nonce,
                  List<String> candidates) {
        long now = clock.millis();
        boolean pending = state.equals("pending");
        return db.writeDurable(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO club_schedule_runs (channel_id, local_date, "
                    + "state, nonce, created_at, updated_at, guild_id, candidates, claimed_by, lease_until) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                p.setString(1, channelId);
                p.setString(2, date.toString());
                p.setString(3, state);
                p.setString(4, nonce);
                p.setLong(5, now);
                p.setLong(6, now);
                p.setString(7, guildId);
                p.setString(8, candidates.isEmpty() ? null : String.join(" ", candidates));
                p.setString(9, pending ? owner : null);
                if (pending) {
                    p.setLong(10, now + LEASE.toMillis());
                } else {
                    p.setNull(10, java.sql.Types.BIGINT);
                }
                return p.executeUpdate() == 1;
            }
        });
    }

    Optional<Run> run(String channelId, LocalDate date) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT state, nonce, candidates, created_at, message_id "
                    + "FROM club_schedule_runs WHERE channel_id = ? AND local_date = ?")) {
                p.setString(1, channelId);
                p.setString(2, date.toString());
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String ids = rs.getString(3);
                    return Optional.of(new Run(channelId, date, rs.getString(1), rs.getString(2),
                            ids == null || ids.isBlank() ? List.of() : Arrays.asList(ids.split(" ")),
                            Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)));
                }
            }
        });
    }

    /** A week's run state ("pending", "sent", "missed", "skipped"), empty when not claimed yet. */
    Optional<String> state(String channelId, LocalDate date) {
        return run(channelId, date).map(Run::state);
    }

    /**
     * Takes a pending row whose lease has ended (its holder died, or gave up on an attempt) for this process: true
     * for exactly one caller, which then holds it under a fresh lease.
     */
    boolean takeOver(String channelId, LocalDate date) {
        long now = clock.millis();
        return db.writeDurable(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE club_schedule_runs SET claimed_by = ?, "
                    + "lease_until = ?, updated_at = ? WHERE channel_id = ? AND local_date = ? AND state = 'pending' "
                    + "AND (lease_until IS NULL OR lease_until < ?)")) {
                p.setString(1, owner);
                p.setLong(2, now + LEASE.toMillis());
                p.setLong(3, now);
                p.setString(4, channelId);
                p.setString(5, date.toString());
                p.setLong(6, now);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** Extends this process's lease right before a post; false when the row is no longer ours (or no longer pending). */
    boolean renew(String channelId, LocalDate date) {
        long now = clock.millis();
        return db.writeDurable(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE club_schedule_runs SET lease_until = ? "
                    + "WHERE channel_id = ? AND local_date = ? AND state = 'pending' AND claimed_by = ?")) {
                p.setLong(1, now + LEASE.toMillis());
                p.setString(2, channelId);
                p.setString(3, date.toString());
                p.setString(4, owner);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** Ends a pending run (sent, missed, skipped) and releases it. */
    void complete(String channelId, LocalDate date, String state, String messageId) {
        db.writeDurable(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE club_schedule_runs SET state = ?, message_id = ?, "
                    + "updated_at = ?, claimed_by = NULL, lease_until = NULL WHERE channel_id = ? AND local_date = ? "
                    + "AND state = 'pending'")) {
                p.setString(1, state);
                p.setString(2, messageId);
                p.setLong(3, clock.millis());
                p.setString(4, channelId);
                p.setString(5, date.toString());
                return p.executeUpdate();
            }
        });
    }
}
