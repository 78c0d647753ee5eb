package org.paperscout.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's incremental auto-vacuum: with {@code auto_vacuum=INCREMENTAL} the pages that deletes free stay in the
 * file's free list until {@code PRAGMA incremental_vacuum} hands them back to the file system, so the retention
 * job, which deletes old rows daily, can shrink the file a step at a time instead of with a whole-file VACUUM that
 * would hold the write lock for as long as it copies the database.
 */
final class IncrementalVacuum {

    private static final Logger log = LoggerFactory.getLogger(IncrementalVacuum.class);
    /** {@code PRAGMA auto_vacuum}'s value for INCREMENTAL. */
    static final int INCREMENTAL = 2;

    private IncrementalVacuum() {
    }

    /**
     * Turns incremental auto-vacuum on. SQLite stores the mode in the file header and can change it only before the
     * first table exists or by rebuilding the file, so a new file just gets it, and a data folder from an earlier
     * release gets one VACUUM at its first start with this version (logged: it takes a while on a big file, once).
     */
    static void ensureOn(Connection c, Path file) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (intOf(s, "PRAGMA auto_vacuum") == INCREMENTAL) {
                return;
            }
            boolean empty = intOf(s, "SELECT count(*) FROM sqlite_master") == 0;
            s.execute("PRAGMA auto_vacuum=INCREMENTAL");
            if (empty) {
                return;
            }
            long before = size(file);
            long start = System.nanoTime();
            log.info("converting {} ({} MB) to incremental auto-vacuum: one VACUUM, once", file, before >> 20);
            s.execute("VACUUM");
            log.info("converted {} to incremental auto-vacuum in {} ms ({} MB -> {} MB)", file,
                    (System.nanoTime() - start) / 1_000_000, before >> 20, size(file) >> 20);
        }
    }

    /**
     * Returns up to {@code pages} free pages to the file system; the count actually freed. The pragma frees one page
     * per step of the statement: sqlite-jdbc's {@code executeUpdate} steps it to the end, whereas {@code execute}
     * stops after the first page and leaves the statement open (then COMMIT fails with "statements in progress").
     */
    static int step(Connection c, int pages) throws SQLException {
        try (Statement s = c.createStatement()) {
            int free = intOf(s, "PRAGMA freelist_count");
            if (free == 0) {
                return 0;
            }
            s.executeUpdate("PRAGMA incremental_vacuum(" + pages + ")");
            return free - intOf(s, "PRAGMA freelist_count");
        }
    }

    static int intOf(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
