package org.paperscout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.follows.Follow;
import org.paperscout.follows.FollowKind;
import org.paperscout.follows.FollowStore;
import org.paperscout.privacy.PrivacyStoreTest;

class SchemaTest {

    @TempDir
    Path dir;
    final TestClock clock = TestClock.at("2026-11-28T10:00:00Z");

    @Test
    void aDataFolderOfTheReleaseBeforeFlywayUpgradesInPlaceAndKeepsEveryRow() throws Exception {
        Path data = dir.resolve("data");
        int newest = LegacyRelease.scripts(Schema.SQLITE_MIGRATIONS).lastKey();
        Path file = LegacyRelease.create(data, newest);
        LegacyRelease.exec(file, List.of(
                "INSERT INTO follows (id, user_id, kind, text, text_key, created_at) VALUES (7, 'u1', 'topic', 'Unlearning', 'unlearning', 1)",
                "INSERT INTO users (user_id, time_zone, updated_at) VALUES ('u1', 'Europe/Berlin', 1)",
                "INSERT INTO deliveries (target, local_date, state, due_at, window_from, nonce, created_at, updated_at, paper_ids) "
                        + "VALUES ('channel:1', '2026-11-27', 'sent', 1, 1, 'n1', 1, 1, '2401.00001 2401.00002')"));

        try (Database db = Database.open(data, StoreConfig.defaults(), clock)) {
            assertThat(new FollowStore(db, clock).list("u1")).extracting(Follow::id, Follow::text)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(7L, "Unlearning"));
            assertThat(db.<String>read(c -> one(c, "SELECT paper_ids FROM deliveries WHERE target = 'channel:1'")))
                    .isEqualTo("2401.00001 2401.00002");
            assertThat(new UserSettingsStore(db, clock).get("u1").timeZone()).hasToString("Europe/Berlin");
            assertThat(history(db)).as("baselined at the newest legacy version, nothing re-run")
                    .containsExactly(Map.entry(String.valueOf(newest), "BASELINE"));
            long next = new FollowStore(db, clock).add("u1", FollowKind.AUTHOR, "Ada").follow().id();
            assertThat(next).as("ids continue after the old rows").isGreaterThan(7L);
        }
        try (Database again = Database.open(data, StoreConfig.defaults(), clock)) {
            assertThat(history(again)).hasSize(1);
        }
    }

    @Test
    void anOlderLegacyFileGetsOnlyTheMigrationsItLacks() throws Exception {
        Path data = dir.resolve("data");
        Path file = LegacyRelease.create(data, 60);
        LegacyRelease.exec(file, List.of("INSERT INTO events (user_id, paper_id, kind, at) VALUES ('u1', '2401.1', 'save', 5)"));

        try (Database db = Database.open(data, StoreConfig.defaults(), clock)) {
            Map<String, String> history = history(db);
            assertThat(history).containsEntry("60", "BASELINE").containsEntry("70", "SQL").containsEntry("71", "SQL");
            assertThat(history.keySet()).allSatisfy(v -> assertThat(Integer.parseInt(v)).isGreaterThanOrEqualTo(60));
            assertThat(db.<String>read(c -> one(c, "SELECT count(*) FROM events"))).isEqualTo("1");
            assertThat(db.<String>read(c -> one(c, "SELECT count(*) FROM deliveries WHERE paper_ids IS NULL"))).isEqualTo("0");
        }
    }

    @Test
    void aLegacyFileOfANewerReleaseIsRefusedAndLeftAlone() throws Exception {
        Path data = dir.resolve("data");
        Path file = LegacyRelease.create(data, 71);
        LegacyRelease.exec(file, List.of("INSERT INTO schema_version VALUES (999, 'future', 'x', 0)"));

        assertThatThrownBy(() -> Database.open(data, StoreConfig.defaults(), clock)).isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 999, newer than this PaperScout knows");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(tables(c)).doesNotContain(Schema.HISTORY_TABLE);
        }
    }

    @Test
    void aFlywayHistoryFromANewerBuildOrAnEditedScriptStopsTheStart() throws Exception {
        Path data = dir.resolve("data");
        Database.open(data, StoreConfig.defaults(), clock).close();
        Path file = data.resolve(Database.FILE_NAME);

        LegacyRelease.exec(file, List.of("UPDATE " + Schema.HISTORY_TABLE + " SET checksum = checksum + 1 WHERE version = '2'"));
        assertThatThrownBy(() -> Database.open(data, StoreConfig.defaults(), clock)).isInstanceOf(StoreException.class)
                .hasMessageContaining("was edited after it ran");

        LegacyRelease.exec(file, List.of("UPDATE " + Schema.HISTORY_TABLE + " SET checksum = checksum - 1 WHERE version = '2'",
                "INSERT INTO " + Schema.HISTORY_TABLE + " (installed_rank, version, description, type, script, checksum, "
                        + "installed_by, installed_on, execution_time, success) "
                        + "SELECT 99, '999', 'future', 'SQL', 'V999__future.sql', 1, installed_by, installed_on, 1, 1 FROM "
                        + Schema.HISTORY_TABLE + " WHERE version = '1'"));
        assertThatThrownBy(() -> Database.open(data, StoreConfig.defaults(), clock)).isInstanceOf(StoreException.class)
                .hasMessageContaining("newer PaperScout");
    }

    @Test
    void everySqliteMigrationHasAPostgresTwinAndBothBuildTheSameTablesAndColumns() throws Exception {
        assertThat(LegacyRelease.scripts(Schema.POSTGRESQL_MIGRATIONS))
                .as("db/postgresql has a twin for each db/migration script, same version and name")
                .isEqualTo(LegacyRelease.scripts(Schema.SQLITE_MIGRATIONS));
        try (Database sqlite = Engine.SQLITE.open(dir, clock);
             Database postgres = Engine.POSTGRESQL.open(dir, clock)) {
            Map<String, TreeSet<String>> lite = sqlite.read(SchemaTest::columns);
            assertThat(lite).containsKeys("users", "follows", "deliveries", "tune", "source_state");
            assertThat(postgres.read(SchemaTest::columns)).isEqualTo(lite);
        }
    }

    @Test
    void aSecondOpenAppliesNothingOnEitherEngine() throws Exception {
        Path data = dir.resolve("data");
        Database.open(data, StoreConfig.defaults(), clock).close();
        try (Database db = Database.open(data, StoreConfig.defaults(), clock)) {
            assertThat(history(db).values()).containsOnly("SQL");
            assertThat(history(db)).hasSize(LegacyRelease.scripts(Schema.SQLITE_MIGRATIONS).size());
        }
        StoreLocation pg = EmbeddedPg.newEmptyDatabase();
        try (Database fresh = Database.openPostgres(pg, StoreConfig.defaults())) {
            assertThat(history(fresh).values()).containsOnly("SQL");
        }
        try (Database db = Database.openPostgres(pg, StoreConfig.defaults())) {
            assertThat(history(db)).hasSize(LegacyRelease.scripts(Schema.POSTGRESQL_MIGRATIONS).size());
        }
    }

    /** version -> type of each Flyway history row. */
    static Map<String, String> history(Database db) {
        return db.read(c -> {
            Map<String, String> rows = new TreeMap<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT version, type FROM " + Schema.HISTORY_TABLE + " WHERE success = " + (db.dialect() == Dialect.SQLITE ? "1" : "true"))) {
                while (r.next()) {
                    rows.put(r.getString(1), r.getString(2));
                }
            }
            return rows;
        });
    }

    /** Table -> column names, our tables only. */
    static Map<String, TreeSet<String>> columns(Connection c) throws SQLException {
        Map<String, TreeSet<String>> result = new TreeMap<>();
        for (String table : PrivacyStoreTest.allTables(c)) {
            if (table.equals(Schema.HISTORY_TABLE)) {
                continue;
            }
            try (ResultSet r = c.getMetaData().getColumns(null, null, table, null)) {
                while (r.next()) {
                    result.computeIfAbsent(table, t -> new TreeSet<>()).add(r.getString("COLUMN_NAME"));
                }
            }
        }
        return result;
    }

    static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }
}
