package org.paperscout.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.paperscout.digest.DigestJob;
import org.paperscout.digest.DigestStore;
import org.paperscout.recommend.TrendingWindow;
import org.paperscout.store.Database;
import org.paperscout.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One retention run: what would otherwise grow forever is folded or deleted, a small batch per write transaction
 * through the store's single writer, so interactions' writes go in between and none waits behind a long delete.
 *
 * <ul>
 *   <li>Engagement events older than {@link #foldAfter()} (the longest trending window or the longest span a digest
 *       ranks, whichever is longer, plus a day) are deleted, their votes and saves kept as daily totals per paper
 *       ({@code engagement_daily}): trending and digests never read events that old, and /pulse, which counts votes
 *       and saves only, reads the totals beside the recent events. Whole UTC days are folded, so a day's count
 *       comes from one side only. Past /pulse's weekly reach the days of a month become one row, and totals older
 *       than its five years go.</li>
 *   <li>Rows older than {@code store.retention}: settled digest ledger rows (the ledger decides which, see
 *       {@link DigestStore#pruneLedger}), seen papers, rows of the shared papers feed that a newer row of the same
 *       paper supersedes, and the state of sources not polled for that long.</li>
 *   <li>SQLite: the pages freed go back to the file system (incremental vacuum). PostgreSQL: the tables deleted
 *       from are vacuumed at once, and an index the deletes left far larger than its rows need is rebuilt
 *       ({@link Database#vacuum}).</li>
 * </ul>
 * Safe to run in several processes at once: a fold deletes its events first and totals only what its own delete
 * returned, so two runs never count an event twice; deletes of rows another run deleted are no-ops.
 */
public final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    /** Rows per write transaction: a few milliseconds of the writer each. */
    static final int BATCH = 1_000;
    /** Free pages handed back per write (4 KiB pages: 8 MiB). */
    static final int VACUUM_STEP = 2_000;
    private static final long DAY_MS = 86_400_000L;
    /** What /pulse counts, the only reader of folded engagement; old clicks and expands are read by nothing. */
    private static final java.util.Set<String> PULSE_KINDS = java.util.Set.of("vote", "save");

    /** What one run did, for the log and the benchmark. */
    public record Report(long eventsFolded, long ledgerRows, long seenRows, long feedRows, long sourceRows,
                         long pagesFreed, List<String> indexesRebuilt, Duration took) {

        public long deleted() {
            return eventsFolded + ledgerRows + seenRows + feedRows + sourceRows;
        }
    }

    private final Database db;
    private final DigestStore digests;
    private final RetentionConfig config;
    private final Clock clock;

    public Retention(Database db, DigestStore digests, RetentionConfig config, Clock clock) {
        this.db = db;
        this.digests = digests;
        this.config = config;
        this.clock = clock;
    }

    /**
     * How old an engagement event must be before it is folded: beyond every span anything ranks events over, with a
     * day to spare for digests sent late in their grace period.
     */
    public static Duration foldAfter() {
        Duration longest = DigestJob.LONGEST_CONTENT_SPAN;
        for (TrendingWindow w : TrendingWindow.values()) {
            longest = w.length().compareTo(longest) > 0 ? w.length() : longest;
        }
        return longest.plusDays(1);
    }

    public Report run() {
        long start = System.nanoTime();
        Instant now = clock.instant();
        // Folding stops at a UTC midnight, so every folded day is whole.
        long foldBefore = LocalDate.ofInstant(now.minus(foldAfter()), ZoneOffset.UTC).toEpochDay() * DAY_MS;
        long folded = repeat(() -> foldBatch(foldBefore));
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        long totals = coarsen(today);
        totals += repeat(() -> deleteTotalsBefore(today.minusMonths(KEEP_TOTALS_MONTHS).withDayOfMonth(1).toEpochDay()));
        Instant cutoff = now.minus(config.retention());
        LocalDate cutoffDate = LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
        long ledger = repeat(() -> digests.pruneLedger(cutoffDate, BATCH));
        long seen = repeat(() -> deleteSeen(cutoff.toEpochMilli()));
        long feed = pruneFeed(cutoff.toEpochMilli());
        long sources = deleteSources(cutoff.toEpochMilli());
        long pages = db.reclaimFreePages(Long.MAX_VALUE, VACUUM_STEP);
        List<String> thinned = new ArrayList<>();
        addIf(thinned, folded, "events");
        addIf(thinned, folded + totals, "engagement_daily");
        addIf(thinned, ledger, "deliveries");
        addIf(thinned, seen, "seen");
        addIf(thinned, feed, "papers");
        List<String> rebuilt = List.of();
        try {
            rebuilt = db.vacuum(thinned);
        } catch (StoreException e) {
            // The deletes are done; a vacuum that failed (a lock wait, a login without ownership of the tables) is
            // left to autovacuum and tried again with tomorrow's pass, rather than failing this one.
            log.warn("retention: vacuum of {} failed: {}", thinned, e.getMessage());
        }
        return new Report(folded, ledger, seen, feed, sources, pages, rebuilt,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static void addIf(List<String> tables, long deleted, String table) {
        if (deleted > 0) {
            tables.add(table);
        }
    }

    private interface Batch {
        int run();
    }

    private static long repeat(Batch batch) {
        long total = 0;
        int n;
        do {
            n = batch.run();
            total += n;
        } while (n > 0);
        return total;
    }

    /** Folds up to {@link #BATCH} of the oldest events before {@code before} into daily totals; returns how many. */
    int foldBatch(long before) {
        return db.write(c -> {
            Map<Key, Integer> counts = new HashMap<>();
            int n = 0;
            try (PreparedStatement p = c.prepareStatement("DELETE FROM events WHERE (user_id, paper_id, kind) IN "
                    + "(SELECT user_id, paper_id, kind FROM events WHERE at < ? ORDER BY at LIMIT ?) "
                    + "RETURNING paper_id, kind, at")) {
                p.setLong(1, before);
                p.setInt(2, BATCH);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        n++;
                        if (PULSE_KINDS.contains(r.getString(2))) {
                            counts.merge(new Key(r.getString(1), Math.floorDiv(r.getLong(3), DAY_MS), r.getString(2)),
                                    1, Integer::sum);
                        }
                    }
                }
            }
            addTotals(c, counts);
            return n;
        });
    }

    private record Key(String paperId, long day, String kind) {
    }

    /**
     * Daily totals older than this many days become one row per paper, kind and month: /pulse draws weeks only over
     * its last 13 weeks (at most 97 days back, from a Monday) and months beyond, so a month wholly older than this is
     * only ever read as a whole. It keeps the totals from growing by a row per paper and day forever.
     */
    static final int DAILY_TOTALS_DAYS = 98;
    /** /pulse's longest window is five years by month; totals older than that (and a month) are read by nothing. */
    static final int KEEP_TOTALS_MONTHS = 61;

    /** Folds the daily totals of every month that ended {@link #DAILY_TOTALS_DAYS} ago into its first day. */
    private long coarsen(LocalDate today) {
        LocalDate firstKept = today.minusDays(DAILY_TOTALS_DAYS).withDayOfMonth(1);
        Long oldest = db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT min(day) FROM engagement_daily");
                 ResultSet r = p.executeQuery()) {
                return r.next() && r.getObject(1) != null ? r.getLong(1) : null;
            }
        });
        long moved = 0;
        if (oldest == null) {
            return moved;
        }
        for (LocalDate month = LocalDate.ofEpochDay(oldest).withDayOfMonth(1); month.isBefore(firstKept);
             month = month.plusMonths(1)) {
            long first = month.toEpochDay();
            long last = month.plusMonths(1).toEpochDay() - 1;
            moved += repeat(() -> coarsenBatch(first, last));
        }
        return moved;
    }

    /** Moves up to {@link #BATCH} daily rows of the month {@code [first, last]} onto its first day. */
    private int coarsenBatch(long first, long last) {
        return db.write(c -> {
            Map<Key, Integer> counts = new HashMap<>();
            int n = 0;
            try (PreparedStatement p = c.prepareStatement("DELETE FROM engagement_daily WHERE (paper_id, day, kind) IN "
                    + "(SELECT paper_id, day, kind FROM engagement_daily WHERE day > ? AND day <= ? LIMIT ?) "
                    + "RETURNING paper_id, kind, people")) {
                p.setLong(1, first);
                p.setLong(2, last);
                p.setInt(3, BATCH);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        counts.merge(new Key(r.getString(1), first, r.getString(2)), r.getInt(3), Integer::sum);
                        n++;
                    }
                }
            }
            addTotals(c, counts);
            return n;
        });
    }

    private int deleteTotalsBefore(long day) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM engagement_daily WHERE (paper_id, day, kind) IN "
                    + "(SELECT paper_id, day, kind FROM engagement_daily WHERE day < ? LIMIT ?)")) {
                p.setLong(1, day);
                p.setInt(2, BATCH);
                return p.executeUpdate();
            }
        });
    }

    private static void addTotals(Connection c, Map<Key, Integer> counts) throws SQLException {
        if (counts.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO engagement_daily (paper_id, day, kind, people) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (paper_id, day, kind) "
                + "DO UPDATE SET people = engagement_daily.people + excluded.people")) {
            for (Map.Entry<Key, Integer> e : counts.entrySet()) {
                p.setString(1, e.getKey().paperId());
                p.setLong(2, e.getKey().day());
                p.setString(3, e.getKey().kind());
                p.setInt(4, e.getValue());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /**
     * Seen papers older than the retention: the recommender and digests skip what a user was shown, but its
     * candidates are recent papers (days to weeks), so a showing months ago no longer decides anything.
     */
    private int deleteSeen(long before) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM seen WHERE (user_id, paper_id, place) IN "
                    + "(SELECT user_id, paper_id, place FROM seen WHERE at < ? ORDER BY at LIMIT ?)")) {
                p.setLong(1, before);
                p.setInt(2, BATCH);
                return p.executeUpdate();
            }
        });
    }

    /**
     * Rows of the shared papers feed older than the retention that a newer row of the same paper supersedes. The
     * newest row of a paper stays however old: it is the only shared copy an empty index is rebuilt from, and a
     * follower replaying from an old position still finds every paper's latest form (its row is newer than any row
     * deleted). Walked in id order a batch at a time, so each write stays small.
     */
    private long pruneFeed(long before) {
        long deleted = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Long> ids = db.read(c -> {
                List<Long> out = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT id FROM papers WHERE id > ? AND created_at < ? ORDER BY id LIMIT ?")) {
                    p.setLong(1, from);
                    p.setLong(2, before);
                    p.setInt(3, BATCH);
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            out.add(r.getLong(1));
                        }
                    }
                }
                return out;
            });
            if (ids.isEmpty()) {
                return deleted;
            }
            long first = ids.get(0);
            long last = ids.get(ids.size() - 1);
            deleted += db.write(c -> {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM papers WHERE id BETWEEN ? AND ? "
                        + "AND created_at < ? AND EXISTS (SELECT 1 FROM papers n WHERE n.paper_id = papers.paper_id "
                        + "AND n.id > papers.id)")) {
                    p.setLong(1, first);
                    p.setLong(2, last);
                    p.setLong(3, before);
                    return p.executeUpdate();
                }
            });
            after = last;
        }
    }

    /**
     * The state of a source not attempted for the retention (one taken off the configuration): a source enabled
     * again later simply starts as on its first run. A polled source writes its row every poll, so it never ages.
     */
    private int deleteSources(long before) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "DELETE FROM source_state WHERE coalesce(last_attempt_at, last_success_at, next_poll_at, 0) < ?")) {
                p.setLong(1, before);
                return p.executeUpdate();
            }
        });
    }
}
