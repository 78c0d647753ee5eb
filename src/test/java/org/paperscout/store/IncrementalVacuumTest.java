package org.paperscout.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite files run with incremental auto-vacuum, new ones from the start and older ones after one VACUUM. */
class IncrementalVacuumTest {

    @TempDir
    Path dir;

    private static int autoVacuum(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA auto_vacuum")) {
            return r.next() ? r.getInt(1) : -1;
        }
    }

    @Test
    void aNewFileIsIncrementalFromTheStart() throws Exception {
        TestClock clock = TestClock.at("2026-03-10T12:00:00Z");
        Path file;
        try (Database db = StoreTestSupport.open(dir, clock)) {
            file = db.file();
        }
        assertThat(autoVacuum(file)).isEqualTo(IncrementalVacuum.INCREMENTAL);
    }

    @Test
    void aFileFromAnEarlierReleaseIsConvertedOnceAndKeepsItsRows() throws Exception {
        TestClock clock = TestClock.at("2026-03-10T12:00:00Z");
        Path file;
        try (Database db = StoreTestSupport.open(dir, clock)) {
            file = db.file();
            EventStore events = new EventStore(db, clock);
            for (int i = 0; i < 500; i++) {
                events.record("u" + i, "2601.00001", EngagementKind.VOTE);
            }
        }
        // What releases before this one wrote: no auto-vacuum.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA auto_vacuum=NONE");
            s.execute("VACUUM");
        }
        assertThat(autoVacuum(file)).isZero();

        try (Database db = StoreTestSupport.open(dir, clock)) {
            int events = db.read(c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM events")) {
                    r.next();
                    return r.getInt(1);
                }
            });
            assertThat(events).isEqualTo(500);
            assertThat(db.integrityProblem()).isNull();
        }
        assertThat(autoVacuum(file)).isEqualTo(IncrementalVacuum.INCREMENTAL);
    }
}
