package org.paperscout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.follows.Follow;
import org.paperscout.follows.FollowKind;
import org.paperscout.follows.FollowStore;
import org.paperscout.privacy.PrivacyStore;
import org.paperscout.privacy.PrivacyStoreTest;

class StoreCopyTest {

    @TempDir
    Path dir;
    final TestClock clock = TestClock.at("2026-11-28T10:00:00Z");

    @Test
    void copiesEveryTableWithMatchingCountsAndTheStoresReadTheSameAfterwards() {
        Path data = dir.resolve("data");
        Map<String, Long> source;
        Map<String, List<Map<String, Object>>> exportBefore;
        List<Follow> followsBefore;
        long largestFollowId;
        try (Database sqlite = Database.open(data, StoreConfig.defaults(), clock)) {
            for (String user : List.of("ann", "bob", "cy")) {
                PrivacyStoreTest.fillEveryTable(sqlite, clock, user);
            }
            sqlite.write(c -> c.createStatement().executeUpdate("INSERT INTO source_state (source, last_seen_id, "
                    + "total_added, last_success_at) VALUES ('arxiv', '2401.00001', 5, 1764324000000)"));
            sqlite.write(c -> c.createStatement().executeUpdate("INSERT INTO papers (paper_id, paper, created_at) "
                    + "VALUES ('2401.00001', '{\"title\": \"A\", \"abstract\": \"B\"}', 1764324000000)"));
            // V85: folded engagement, so the daily totals are copied too.
            sqlite.write(c -> c.createStatement().executeUpdate("INSERT INTO engagement_daily (paper_id, day, kind, "
                    + "people) VALUES ('2401.00001', 20400, 'vote', 3)"));
            // V82 and V83: a snooze on the digests and a weekly alert, so their columns and table are copied too.
            sqlite.write(c -> c.createStatement().executeUpdate("INSERT INTO emerging_alerts (channel_id, guild_id, "
                    + "effective_from, updated_at) VALUES ('900', 'g1', 1764324000000, 1764324000000)"));
            sqlite.write(c -> c.createStatement().executeUpdate("UPDATE dm_digests SET snoozed_at = 1764324000000, "
                    + "snooze_ends_at = 1764583200000"));
            // V84: the paper club's thread, pick and settings rows.
            sqlite.write(c -> c.createStatement().executeUpdate("INSERT INTO club_threads (guild_id, channel_id, "
                    + "paper_id, thread_id, created_at) VALUES ('g1', '900', '2401.00001', '901', 1764324000000)"));
            sqlite.write(c -> c.createStatement().executeUpdate("INSERT INTO club_picks (message_id, guild_id, "
                    + "channel_id, candidates, started_at, ends_at, closed_at, winner_paper_id, thread_id) VALUES "
                    + "('902', 'g1', '900', '2401.00001 2401.00002', 1764324000000, 1764496800000, 1764496800000, "
                    + "'2401.00001', '903')"));
            sqlite.write(c -> c.createStatement().executeUpdate("INSERT INTO club_settings (guild_id, role_id, "
                    + "updated_at) VALUES ('g1', '904', 1764324000000)"));
            sqlite.write(c -> c.createStatement().executeUpdate("INSERT INTO club_schedules (channel_id, guild_id, "
                    + "day_of_week, local_time, time_zone, effective_from, updated_at) VALUES ('900', 'g1', 5, "
                    + "'16:00', 'Europe/Berlin', 1764324000000, 1764324000000)"));
            sqlite.write(c -> c.createStatement().executeUpdate("INSERT INTO club_schedule_runs (channel_id, "
                    + "local_date, state, nonce, message_id, created_at, updated_at) VALUES ('900', '2025-12-05', "
                    + "'sent', 'c20251205aaaaaaaaaaaaaaaa', '905', 1764324000000, 1764324000000)"));
            new FollowStore(sqlite, clock).remove("bob", new FollowStore(sqlite, clock).list("bob").get(0).id());
            source = counts(sqlite);
            exportBefore = new PrivacyStore(sqlite).export("ann");
            followsBefore = new FollowStore(sqlite, clock).list("cy");
            largestFollowId = followsBefore.stream().mapToLong(Follow::id).max().orElseThrow();
        }
        StoreLocation target = EmbeddedPg.newDatabase();

        Map<String, Long> copied = StoreCopy.copy(data, target, clock);

        assertThat(copied).isEqualTo(source);
        assertThat(copied).containsKeys("users", "follows", "saved", "deliveries", "channel_digest_admins", "tune")
                .doesNotContainKeys(Schema.HISTORY_TABLE, Schema.LEGACY_TABLE);
        assertThat(copied.values()).allSatisfy(n -> assertThat(n).isPositive());
        try (Database postgres = Database.openPostgres(target, StoreConfig.defaults())) {
            assertThat(counts(postgres)).isEqualTo(source);
            Map<String, List<Map<String, Object>>> exportAfter = new PrivacyStore(postgres).export("ann");
            assertThat(exportAfter.keySet()).isEqualTo(exportBefore.keySet());
            exportBefore.forEach((table, rows) ->
                    assertThat(exportAfter.get(table)).as(table).containsExactlyInAnyOrderElementsOf(rows));
            assertThat(new FollowStore(postgres, clock).list("cy")).isEqualTo(followsBefore);
            Follow added = new FollowStore(postgres, clock).add("cy", FollowKind.AUTHOR, "Grace Hopper").follow();
            assertThat(added.id()).as("new ids continue after the copied ones").isGreaterThan(largestFollowId);
        }
    }

    @Test
    void refusesATargetThatAlreadyHoldsRowsAndWritesNothing() {
        Path data = dir.resolve("data");
        try (Database sqlite = Database.open(data, StoreConfig.defaults(), clock)) {
            PrivacyStoreTest.fillEveryTable(sqlite, clock, "ann");
        }
        StoreLocation target = EmbeddedPg.newDatabase();
        try (Database postgres = Database.openPostgres(target, StoreConfig.defaults())) {
            new FollowStore(postgres, clock).add("zed", FollowKind.TOPIC, "already here");
        }

        assertThatThrownBy(() -> StoreCopy.copy(data, target, clock)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already holds rows in follows");
        try (Database postgres = Database.openPostgres(target, StoreConfig.defaults())) {
            assertThat(counts(postgres)).containsEntry("follows", 1L).containsEntry("users", 0L);
        }
        assertThatThrownBy(() -> StoreCopy.copy(dir.resolve("empty"), target, clock))
                .hasMessageContaining("there is no database to copy");
    }

    /** Rows per table of the store (the SQLite table list: the PostgreSQL twins have the same). */
    static Map<String, Long> counts(Database db) {
        return db.read(c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : SchemaTest.columns(c).keySet()) {
                if (table.equals(Schema.LEGACY_TABLE)) {
                    continue;
                }
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
                    r.next();
                    counts.put(table, r.getLong(1));
                }
            }
            return counts;
        });
    }
}
