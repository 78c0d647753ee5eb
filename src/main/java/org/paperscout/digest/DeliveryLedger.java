package org.paperscout.digest;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.paperscout.ops.Telemetry;
import org.paperscout.store.Database;
import org.paperscout.store.SeenPlace;
import org.paperscout.store.SeenStore;

/**
 * The delivery ledger: one row per (target, local date), and the only place that writes it. A delivery is
 * claimed (the row written, pending, with its nonce and papers) before anything is sent, and completed (sent,
 * missed, failed, skipped) or put off for a retry after; a target whose deliveries cannot work is disabled here
 * too. Claiming lives here alone so that a shared database (several processes claiming the same rows) changes
 * this class and nothing else.
 *
 * <p>Several processes on one PostgreSQL store: the unique (target, local date) key lets exactly one of them create a
 * row, and a pending row is held under a {@link DeliveryLease} by the process that claimed it. Only that process
 * touches it until the lease ends; then any other may take it over with one conditional update, which exactly one
 * process wins, and settles it with the row's nonce (so Discord turns a repeat of a message the dead process did
 * send into the original). A sender renews its lease right before each send and sends only if it still holds it.
 *
 * <p>Ledger writes wait for the fsync ({@link Database#writeDurable}), so a row reported written survives a crash
 * or a power cut (a lost pending row could let a restart send a second digest once Discord's nonce window has
 * passed).
 */
final class DeliveryLedger {

    private static final String DELIVERY_COLUMNS = "id, target, local_date, state, due_at, window_from, nonce, "
            + "message_id, late, papers, note, attempts, next_attempt_at, updated_at, paper_ids";
    /** A row this process may take: unheld, its own, or its holder's lease over (parameters: owner, instant). */
    private static final String TAKEABLE =
            "(claimed_by IS NULL OR lease_until IS NULL OR claimed_by = ? OR lease_until < ?)";

    private final Database db;
    private final Clock clock;
    private final DeliveryLease lease;

    /** Deliveries by outcome for operators; set once at start-up. */
    volatile Telemetry telemetry = Telemetry.OFF;

    DeliveryLedger(Database db, Clock clock, DeliveryLease lease) {
        this.db = db;
        this.clock = clock;
        this.lease = lease;
    }

    DeliveryLease lease() {
        return lease;
    }

    Optional<Delivery> delivery(String target, LocalDate date) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + DELIVERY_COLUMNS
                    + " FROM deliveries WHERE target = ? AND local_date = ?")) {
                p.setString(1, target);
                p.setString(2, date.toString());
                return deliveries(p).stream().findFirst();
            }
        });
    }

    /** The newest ledger row of a target, whatever its state. */
    Optional<Delivery> latest(String target) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + DELIVERY_COLUMNS
                    + " FROM deliveries WHERE target = ? ORDER BY local_date DESC LIMIT 1")) {
                p.setString(1, target);
                return deliveries(p).stream().findFirst();
            }
        });
    }

    /** The newest delivery that went out (its due time starts the next digest's window). */
    Optional<Delivery> latestSent(String target) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + DELIVERY_COLUMNS
                    + " FROM deliveries WHERE target = ? AND state = 'sent' ORDER BY local_date DESC LIMIT 1")) {
                p.setString(1, target);
                return deliveries(p).stream().findFirst();
            }
        });
    }

    /** Every pending row, whoever holds it. */
    List<Delivery> pending() {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + DELIVERY_COLUMNS
                    + " FROM deliveries WHERE state = 'pending' ORDER BY due_at")) {
                return deliveries(p);
            }
        });
    }

    /**
     * The pending rows this process may settle: its own, and those whose lease has ended (or that never had one, from
     * before leases). Rows another live process holds are left to it. Picking a row here does not take it: see
     * {@link #takeOver}.
     */
    List<Delivery> settleable() {
        long now = clock.millis();
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + DELIVERY_COLUMNS + " FROM deliveries WHERE "
                    + "state = 'pending' AND " + TAKEABLE + " ORDER BY due_at")) {
                p.setString(1, lease.owner());
                p.setLong(2, expiredBefore(now));
                return deliveries(p);
            }
        });
    }

    /** Leases that ended before this instant are over; on an exclusive store every other holder is gone. */
    private long expiredBefore(long now) {
        return lease.exclusive() ? Long.MAX_VALUE : now;
    }

    /**
     * Makes a pending row this process's, if it still may (see {@link #settleable}): one conditional update, so of
     * several processes trying at once exactly one gets it. Returns whether this process now holds it.
     */
    boolean takeOver(long id) {
        long now = clock.millis();
        return db.writeDurable(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE deliveries SET claimed_by = ?, claimed_host = ?, "
                    + "lease_until = ? WHERE id = ? AND state = 'pending' AND " + TAKEABLE)) {
                p.setString(1, lease.owner());
                p.setString(2, lease.holder());
                p.setLong(3, lease.until(now));
                p.setLong(4, id);
                p.setString(5, lease.owner());
                p.setLong(6, expiredBefore(now));
                return p.executeUpdate() == 1;
            }
        });
    }

    /**
     * Extends this process's lease on a pending row from now. False when the row is no longer this process's to send
     * (taken over after the lease ran out, or completed): then it must not be sent from here.
     */
    boolean renew(long id) {
        long now = clock.millis();
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE deliveries SET lease_until = ? "
                    + "WHERE id = ? AND state = 'pending' AND claimed_by = ?")) {
                p.setLong(1, lease.until(now));
                p.setLong(2, id);
                p.setString(3, lease.owner());
                return p.executeUpdate() == 1;
            }
        });
    }

    /**
     * Writes the ledger row for (target, date) unless one exists. Returns the row now in the ledger and whether
     * this call created it: only the creator may send. A pending row is written held by this process's lease.
     */
    Claim claim(DigestTarget t, LocalDate date, Delivery.State state, Instant dueAt, Instant windowFrom,
                boolean late, String note) {
        return claim(t, date, state, dueAt, windowFrom, late, note, List.of());
    }

    /** @param paperIds what the digest about to be sent shows (recorded as seen for a DM once it is sent) */
    Claim claim(DigestTarget t, LocalDate date, Delivery.State state, Instant dueAt, Instant windowFrom,
                boolean late, String note, List<String> paperIds) {
        long now = clock.millis();
        String target = t.key();
        Claim claim = db.writeDurable(c -> {
            int inserted;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO deliveries (target, local_date, user_id, "
                    + "state, due_at, window_from, nonce, late, note, created_at, updated_at, papers, paper_ids, "
                    + "claimed_by, claimed_host, lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (target, local_date) DO NOTHING")) {
                p.setString(1, target);
                p.setString(2, date.toString());
                p.setString(3, t.kind() == DigestTarget.Kind.DM ? t.id() : null);
                p.setString(4, word(state));
                p.setLong(5, dueAt.toEpochMilli());
                p.setLong(6, windowFrom.toEpochMilli());
                p.setString(7, Nonces.of(target, date));
                p.setInt(8, late ? 1 : 0);
                p.setString(9, note);
                p.setLong(10, now);
                p.setLong(11, now);
                p.setInt(12, paperIds.size());
                p.setString(13, paperIds.isEmpty() ? null : String.join(" ", paperIds));
                // Only a pending row is held; a missed or skipped day is final as written.
                boolean held = state == Delivery.State.PENDING;
                p.setString(14, held ? lease.owner() : null);
                p.setString(15, lease.holder());
                if (held) {
                    p.setLong(16, lease.until(now));
                } else {
                    p.setNull(16, Types.BIGINT);
                }
                inserted = p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("SELECT " + DELIVERY_COLUMNS
                    + " FROM deliveries WHERE target = ? AND local_date = ?")) {
                p.setString(1, target);
                p.setString(2, date.toString());
                return new Claim(deliveries(p).get(0), inserted == 1);
            }
        });
        if (claim.created() && state != Delivery.State.PENDING) {
            telemetry.delivery(word(state)); // a day recorded as missed or skipped without a send
        }
        return claim;
    }

    record Claim(Delivery delivery, boolean created) {
    }

    /**
     * Completes a row; only a pending row changes, so a late duplicate completion is a no-op. A DM digest marked
     * sent records its papers (those written with the row) as seen in the same transaction.
     */
    void complete(long id, Delivery.State state, String messageId, int papers, String note) {
        long now = clock.millis();
        int completed = db.writeDurable(c -> {
            int changed;
            // Completing ends the hold (the row is final); claimed_host stays as who finished it.
            try (PreparedStatement p = c.prepareStatement("UPDATE deliveries SET state = ?, message_id = ?, "
                    + "papers = ?, note = ?, next_attempt_at = NULL, updated_at = ?, claimed_by = NULL, "
                    + "lease_until = NULL WHERE id = ? AND state = 'pending'")) {
                p.setString(1, word(state));
                p.setString(2, messageId);
                p.setInt(3, papers);
                p.setString(4, note);
                p.setLong(5, now);
                p.setLong(6, id);
                changed = p.executeUpdate();
            }
            if (changed == 1 && state == Delivery.State.SENT) {
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT user_id, paper_ids FROM deliveries WHERE id = ? AND user_id IS NOT NULL")) {
                    p.setLong(1, id);
                    try (ResultSet r = p.executeQuery()) {
                        if (r.next() && r.getString(2) != null) {
                            SeenStore.markSeen(c, r.getString(1), ids(r.getString(2)), SeenPlace.DM, now);
                        }
                    }
                }
            }
            return changed;
        });
        if (completed == 1) {
            telemetry.delivery(word(state));
        }
    }

    /** Replaces the papers of a pending row before it is sent again with a fresh composition. */
    void updatePapers(long id, List<String> paperIds) {
        long now = clock.millis();
        db.writeDurable(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE deliveries SET papers = ?, paper_ids = ?, "
                    + "updated_at = ? WHERE id = ? AND state = 'pending'")) {
                p.setInt(1, paperIds.size());
                p.setString(2, paperIds.isEmpty() ? null : String.join(" ", paperIds));
                p.setLong(3, now);
                p.setLong(4, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Records a failed attempt of a pending row and when the next may happen. The lease runs until a lease length
     * after that retry: this process keeps the row through the wait, and another takes it only if this one is gone.
     */
    void retryLater(long id, Instant next, String note) {
        long now = clock.millis();
        db.writeDurable(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE deliveries SET attempts = attempts + 1, "
                    + "next_attempt_at = ?, note = ?, updated_at = ?, lease_until = ? "
                    + "WHERE id = ? AND state = 'pending' AND claimed_by = ?")) {
                p.setLong(1, next.toEpochMilli());
                p.setString(2, note);
                p.setLong(3, now);
                p.setLong(4, lease.until(Math.max(now, next.toEpochMilli())));
                p.setLong(5, id);
                p.setString(6, lease.owner());
                p.executeUpdate();
            }
            return null;
        });
    }

    /** Counts an attempt about to be made (so a crash mid-send is known to have maybe reached Discord). */
    void attempting(long id) {
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE deliveries SET attempts = attempts + 1 WHERE id = ? AND state = 'pending'")) {
                p.setLong(1, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** The newest local date retention may touch: rows of today and yesterday (anywhere on Earth) always stay. */
    static final int KEEP_RECENT_DAYS = 3;

    /**
     * Deletes up to {@code limit} rows dated before {@code before} (clamped to {@link #KEEP_RECENT_DAYS} before today,
     * UTC), oldest first, in one write; returns how many. What exactly-once still needs is never deleted: a pending
     * row (claimed under a lease, maybe being sent, or left to be settled from the channel), and what the job reads
     * of the past, each target's newest row (missed days are counted back to it) and its newest sent row (the next
     * digest's window starts at its due time). Every other row of a day that old is history only: the unique key
     * that prevents a second digest matters only for dates the job can still be due on, today's and yesterday's.
     */
    int prune(LocalDate before, int limit) {
        LocalDate newest = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).minusDays(KEEP_RECENT_DAYS);
        LocalDate cutoff = before.isAfter(newest) ? newest : before;
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM deliveries WHERE id IN (SELECT d.id FROM "
                    + "deliveries d WHERE d.local_date < ? AND d.state <> 'pending' AND EXISTS (SELECT 1 FROM "
                    + "deliveries n WHERE n.target = d.target AND n.local_date > d.local_date "
                    + "AND (d.state <> 'sent' OR n.state = 'sent')) ORDER BY d.local_date LIMIT ?)")) {
                p.setString(1, cutoff.toString());
                p.setInt(2, limit);
                return p.executeUpdate();
            }
        });
    }

    /** Every ledger row of a target, oldest first (tests and /digest status). */
    List<Delivery> history(String target) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + DELIVERY_COLUMNS
                    + " FROM deliveries WHERE target = ? ORDER BY local_date")) {
                p.setString(1, target);
                return deliveries(p);
            }
        });
    }

    /**
     * Marks a target disabled (a DM digest: paused) with a reason shown in /digest status and /notify.
     *
     * @return whether the admin who set a channel digest should now be told (only the first time)
     */
    boolean disable(DigestTarget t, String reason) {
        long now = clock.millis();
        return db.write(c -> {
            if (t.kind() == DigestTarget.Kind.DM) {
                try (PreparedStatement p = c.prepareStatement(
                        "UPDATE dm_digests SET paused_reason = ?, updated_at = ? WHERE user_id = ?")) {
                    p.setString(1, reason);
                    p.setLong(2, now);
                    p.setString(3, t.id());
                    p.executeUpdate();
                }
                return false;
            }
            boolean notify;
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT admin_notified FROM channel_digests WHERE channel_id = ?")) {
                p.setString(1, t.id());
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return false;
                    }
                    notify = r.getInt(1) == 0;
                }
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE channel_digests SET disabled_reason = ?, "
                    + "disabled_at = coalesce(disabled_at, ?), admin_notified = 1 WHERE channel_id = ?")) {
                p.setString(1, reason);
                p.setLong(2, now);
                p.setString(3, t.id());
                p.executeUpdate();
            }
            return notify;
        });
    }

    /** Clears a disabled channel after a delivery went through again. */
    void enable(DigestTarget t) {
        db.write(c -> {
            String sql = t.kind() == DigestTarget.Kind.DM
                    ? "UPDATE dm_digests SET paused_reason = NULL WHERE user_id = ?"
                    : "UPDATE channel_digests SET disabled_reason = NULL, disabled_at = NULL, admin_notified = 0 "
                    + "WHERE channel_id = ?";
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, t.id());
                p.executeUpdate();
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- mapping

    private static List<Delivery> deliveries(PreparedStatement p) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                long next = r.getLong(13);
                Instant nextAt = r.wasNull() ? null : Instant.ofEpochMilli(next);
                out.add(new Delivery(r.getLong(1), r.getString(2), LocalDate.parse(r.getString(3)),
                        Delivery.State.valueOf(r.getString(4).toUpperCase(Locale.ROOT)),
                        Instant.ofEpochMilli(r.getLong(5)), Instant.ofEpochMilli(r.getLong(6)), r.getString(7),
                        r.getString(8), r.getInt(9) == 1, r.getInt(10), r.getString(11), r.getInt(12), nextAt,
                        Instant.ofEpochMilli(r.getLong(14)), ids(r.getString(15))));
            }
        }
        return out;
    }

    private static List<String> ids(String spaced) {
        return spaced == null || spaced.isBlank() ? List.of() : List.of(spaced.split(" "));
    }

    private static String word(Delivery.State s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
