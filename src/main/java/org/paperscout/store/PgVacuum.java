package org.paperscout.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's counterpart of {@link IncrementalVacuum}, run after each retention pass on the tables it thinned.
 *
 * <p>A plain {@code VACUUM} makes deleted rows' space reusable, but a B-tree page is recycled only once it is wholly
 * empty, and the retention deletes by time from indexes keyed by user or paper, which thins pages across the whole
 * key range instead of emptying them; inserts then split full pages while thinned ones stay. Measured on a simulated
 * year such indexes kept growing with flat row counts (README, "Bounded growth"). So: a {@code VACUUM (ANALYZE)} of
 * each table right after the pass (autovacuum would wait for a fifth of a table to be dead), then an index larger
 * than {@link #REBUILD_RATIO} times the size a fresh build would have (estimated from the row count and the columns'
 * average widths, no extension needed) is rebuilt with {@code REINDEX INDEX CONCURRENTLY}, which blocks neither
 * reads nor writes. That bounds every index at a multiple of what its rows need.
 *
 * <p>Needs a connection in autocommit (neither statement runs in a transaction). Several processes on one database
 * take turns through an advisory lock; one that finds it held skips the work, which the holder is doing.
 */
final class PgVacuum {

    private static final Logger log = LoggerFactory.getLogger(PgVacuum.class);
    /**
     * Rebuild above this many times the estimated fresh size, which is when leaf pages are on average about 55% full
     * (the estimate counts 90% full leaves and a tenth more for upper levels). A B-tree under random inserts settles
     * near two thirds full (ratio about 1.25), so healthy churn is left alone; measured on a simulated year, the
     * primary key of {@code seen} thinned from 66% to 48% in two months and would take months more to reach 2.
     */
    static final double REBUILD_RATIO = 1.5;
    /** Smaller indexes are never worth a rebuild: they waste a megabyte at most. */
    static final long REBUILD_MIN_BYTES = 1L << 20;
    private static final long LOCK_KEY = PgLeaderLock.key("paperscout-retention-vacuum");
    /** A leaf page's room for index tuples: 8 KiB less its header and B-tree trailer, at the default fillfactor 90. */
    private static final double LEAF_BYTES = (8192 - 24 - 16) * 0.9;

    /** An index after the vacuum: its size and the size a fresh build of its rows would have. */
    record IndexSize(String name, long bytes, long freshBytes) {

        boolean bloated() {
            return bytes > REBUILD_MIN_BYTES && bytes > REBUILD_RATIO * freshBytes;
        }
    }

    private PgVacuum() {
    }

    /** Vacuums {@code tables} and rebuilds their bloated indexes; returns the names of the indexes rebuilt. */
    static List<String> run(Connection c, List<String> tables) throws SQLException {
        if (!lock(c, "pg_try_advisory_lock")) {
            return List.of();
        }
        try (Statement s = c.createStatement()) {
            dropLeftovers(c, s);
            List<String> rebuilt = new ArrayList<>();
            for (String table : tables) {
                s.execute("VACUUM (ANALYZE) " + table);
                for (IndexSize index : indexes(c, table)) {
                    if (index.bloated()) {
                        long start = System.nanoTime();
                        s.execute("REINDEX INDEX CONCURRENTLY " + index.name());
                        log.info("rebuilt index {}: {} MB against about {} MB fresh, in {} ms", index.name(),
                                index.bytes() >> 20, index.freshBytes() >> 20, (System.nanoTime() - start) / 1_000_000);
                        rebuilt.add(index.name());
                    }
                }
            }
            return rebuilt;
        } finally {
            lock(c, "pg_advisory_unlock");
        }
    }

    private static boolean lock(Connection c, String function) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + function + "(?)")) {
            p.setLong(1, LOCK_KEY);
            try (ResultSet r = p.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    /**
     * A REINDEX CONCURRENTLY cut short (the process killed, the connection lost) leaves an invalid index named
     * {@code <index>_ccnew} or {@code _ccold} that writes still maintain; dropped here before anything else.
     */
    private static void dropLeftovers(Connection c, Statement s) throws SQLException {
        List<String> invalid = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT i.relname FROM pg_index x JOIN pg_class i ON "
                + "i.oid = x.indexrelid WHERE NOT x.indisvalid AND i.relnamespace = current_schema()::regnamespace "
                + "AND i.relname ~ '_cc(new|old)[0-9]*$'"); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                invalid.add(r.getString(1));
            }
        }
        for (String name : invalid) {
            log.warn("dropping index {}, left invalid by an interrupted rebuild", name);
            s.execute("DROP INDEX CONCURRENTLY IF EXISTS \"" + name + "\"");
        }
    }

    /**
     * The valid B-tree indexes of {@code table} with their sizes and estimated fresh sizes: the index's tuples (as
     * counted by the vacuum just run) times an index tuple's bytes (8 of header, the key columns' average widths
     * from the statistics, 8-byte aligned, and a 4-byte line pointer) over a leaf page's room, plus a tenth for
     * the upper levels. PostgreSQL's deduplication can make a fresh build smaller still, so the estimate errs
     * towards rebuilding less.
     */
    static List<IndexSize> indexes(Connection c, String table) throws SQLException {
        List<IndexSize> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT i.relname, pg_relation_size(i.oid), "
                + "greatest(i.reltuples, 0), (SELECT coalesce(sum(coalesce(st.avg_width, 8)), 8) FROM "
                + "unnest(x.indkey) k JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k "
                + "LEFT JOIN pg_stats st ON st.schemaname = current_schema() AND st.tablename = t.relname "
                + "AND st.attname = a.attname) "
                + "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                + "JOIN pg_am am ON am.oid = i.relam WHERE t.relname = ? "
                + "AND t.relnamespace = current_schema()::regnamespace AND am.amname = 'btree' AND x.indisvalid "
                + "ORDER BY i.relname")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long tupleBytes = ((8 + r.getLong(4) + 7) / 8) * 8 + 4;
                    double leafPages = Math.ceil(r.getDouble(3) * tupleBytes / LEAF_BYTES);
                    long fresh = (long) ((leafPages * 1.1 + 1) * 8192);
                    out.add(new IndexSize(r.getString(1), r.getLong(2), fresh));
                }
            }
        }
        return out;
    }
}
