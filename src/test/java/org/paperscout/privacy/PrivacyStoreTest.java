package org.paperscout.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.paperscout.store.StoreTestSupport.paper;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperscout.follows.FollowKind;
import org.paperscout.follows.FollowStore;
import org.paperscout.library.LibraryStore;
import org.paperscout.store.Database;
import org.paperscout.store.EngagementKind;
import org.paperscout.store.Engine;
import org.paperscout.store.EventStore;
import org.paperscout.store.FeedbackStore;
import org.paperscout.store.FileGrep;
import org.paperscout.store.SeenPlace;
import org.paperscout.store.SeenStore;
import org.paperscout.store.TestClock;
import org.paperscout.store.UserSettingsStore;
import org.paperscout.store.Verdict;

@ParameterizedClass
@EnumSource(Engine.class)
public class PrivacyStoreTest {

    @Parameter
    Engine engine;


    @TempDir
    Path dir;
    final TestClock clock = TestClock.at("2026-11-28T10:00:00Z");
    Database db;
    PrivacyStore privacy;

    @BeforeEach
    void open() {
        db = engine.open(dir, clock);
        privacy = new PrivacyStore(db);
        for (String user : List.of("gone", "stays")) {
            fillEveryTable(db, clock, user);
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Puts at least one row about {@code user} into every store. */
    public static void fillEveryTable(Database db, TestClock clock, String user) {
        new FollowStore(db, clock).add(user, FollowKind.TOPIC, "machine unlearning");
        new FollowStore(db, clock).add(user, FollowKind.CATEGORY, "cs.LG");
        new LibraryStore(db, clock).save(user, paper("2305.00118", "A paper"));
        new FeedbackStore(db, clock).set(user, "2305.00118", Verdict.UP);
        new FeedbackStore(db, clock).set(user, "2305.00119", Verdict.NOT_INTERESTED);
        new EventStore(db, clock).record(user, "2305.00120", EngagementKind.CLICK);
        new SeenStore(db, clock).markSeen(user, List.of("2305.00121"), SeenPlace.DIGEST);
        new UserSettingsStore(db, clock).update(user, s -> s.withTimeZone(ZoneId.of("Europe/Berlin")));
        // The digest tables (V70; the digest package builds on this one, so plain SQL here): a DM digest, its
        // ledger row, and a channel digest this user set up.
        db.write(c -> {
            try (java.sql.Statement s = c.createStatement()) {
                String channel = "9" + Math.abs(user.hashCode());
                s.executeUpdate("INSERT INTO dm_digests (user_id, local_time, time_zone, effective_from, updated_at) "
                        + "VALUES ('" + user + "', '08:00', 'Europe/Berlin', 0, 0)");
                s.executeUpdate("INSERT INTO deliveries (target, local_date, user_id, state, due_at, window_from, "
                        + "nonce, created_at, updated_at) VALUES ('dm:" + user + "', '2026-11-28', '" + user
                        + "', 'sent', 0, 0, 'n', 0, 0)");
                s.executeUpdate("INSERT INTO channel_digests (channel_id, guild_id, local_time, time_zone, days, size, "
                        + "effective_from, updated_at) VALUES ('" + channel + "', 'g', '09:00', 'UTC', 'every_day', 5, 0, 0)");
                s.executeUpdate("INSERT INTO channel_digest_admins (channel_id, user_id) VALUES ('" + channel + "', '"
                        + user + "')");
                // A weekly club pick from this user's library (V87, club package).
                s.executeUpdate("INSERT INTO club_schedules (channel_id, guild_id, day_of_week, local_time, time_zone, "
                        + "effective_from, updated_at, source, user_id) VALUES ('8" + Math.abs(user.hashCode())
                        + "', 'g', 1, '09:00', 'UTC', 0, 0, 'library', '" + user + "')");
                // The /tune mix (V60, recommend package).
                s.executeUpdate("INSERT INTO tune (user_id, trending, relevance, recency, updated_at) VALUES ('"
                        + user + "', 20, 60, 20, 0)");
            }
            return null;
        });
    }

    @Test
    void everyColumnAboutAUserIsNamedUserIdSoNothingEscapesForgetMe() {
        Map<String, List<String>> userishColumns = db.read(c -> {
            Map<String, List<String>> found = new LinkedHashMap<>();
            for (String table : allTables(c)) {
                try (ResultSet r = c.getMetaData().getColumns(null, null, table, null)) {
                    while (r.next()) {
                        String column = r.getString("COLUMN_NAME");
                        if (column.toLowerCase(Locale.ROOT).contains("user")) {
                            found.computeIfAbsent(table, t -> new ArrayList<>()).add(column);
                        }
                    }
                }
            }
            return found;
        });
        assertThat(userishColumns).isNotEmpty();
        userishColumns.forEach((table, columns) ->
                assertThat(columns).as("user columns of " + table).containsExactly(PrivacyStore.USER_COLUMN));
        assertThat(privacy.userTables()).containsExactlyInAnyOrderElementsOf(userishColumns.keySet());
    }

    @Test
    void forgetMeLeavesZeroRowsForTheUserInEveryTableAndTouchesNoOneElse() {
        Map<String, Integer> before = rowsPerTable("stays");
        assertThat(rowsPerTable("gone")).as("the fixture fills every user table")
                .allSatisfy((table, n) -> assertThat(n).as(table).isPositive());

        Map<String, Integer> deleted = privacy.forget("gone");

        assertThat(deleted.keySet()).containsExactlyInAnyOrderElementsOf(privacy.userTables());
        assertThat(rowsPerTable("gone")).allSatisfy((table, n) -> assertThat(n).as(table).isZero());
        assertThat(rowsPerTable("stays")).isEqualTo(before);
        assertThat(privacy.forget("gone")).isEmpty();
    }

    @Test
    void forgottenRowsCannotBeReadFromAnyFileOfTheDatabaseAfterwards() throws Exception {
        // The file-level promise is SQLite's (secure_delete, WAL truncation); PostgreSQL's files are the server's.
        assumeTrue(engine == Engine.SQLITE);
        // A word no paper or other user has, in a follow, an author follow and a saved paper: after /forget-me
        // no byte of it may be left in paperscout.db, its -wal or -shm (what `strings paperscout.db` finds).
        String secret = "zyxquartzwombat";
        new FollowStore(db, clock).add("gone", FollowKind.TOPIC, secret + " unlearning");
        new FollowStore(db, clock).add("gone", FollowKind.AUTHOR, "Pat " + secret);
        new LibraryStore(db, clock).save("gone", paper("2305.09999", "On " + secret + " models"));
        // Checkpointed, as SQLite does by itself every 1,000 pages: the rows are in the database file proper.
        assertThat(db.checkpoint()).isTrue();
        assertThat(FileGrep.filesContaining(dir, secret)).as("the fixture stored it")
                .containsExactly(Path.of("data", Database.FILE_NAME));

        privacy.forget("gone");

        assertThat(FileGrep.filesContaining(dir, secret)).as("files still holding the forgotten word").isEmpty();
        assertThat(rowsPerTable("stays")).as("the other user's rows are intact")
                .allSatisfy((table, n) -> assertThat(n).as(table).isPositive());
    }

    @Test
    void myDataExportsEveryRowWithReadableTimesAndParsedJson() {
        Map<String, List<Map<String, Object>>> export = privacy.export("gone");

        assertThat(export.keySet()).containsExactlyInAnyOrderElementsOf(privacy.userTables());
        assertThat(export.get("follows")).hasSize(2);
        Map<String, Object> saved = export.get("saved").get(0);
        assertThat(saved).containsEntry("paper_id", "2305.00118").containsEntry("saved_at", "2026-11-28T10:00:00Z")
                .containsEntry("authors_json", List.of("Ada Lovelace", "Alan Turing"));
        assertThat(export.get("users").get(0)).containsEntry("time_zone", "Europe/Berlin");
        assertThat(export.values()).allSatisfy(rows -> assertThat(rows)
                .allSatisfy(row -> assertThat(row).containsEntry("user_id", "gone")));
    }

    private Map<String, Integer> rowsPerTable(String user) {
        return db.read(c -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String table : PrivacyStore.userTables(c, db.dialect())) {
                try (var p = c.prepareStatement("SELECT count(*) FROM " + PrivacyStore.quote(table) + " WHERE user_id = ?")) {
                    p.setString(1, user);
                    try (ResultSet r = p.executeQuery()) {
                        r.next();
                        counts.put(table, r.getInt(1));
                    }
                }
            }
            return counts;
        });
    }

    /** Every table of the store, through JDBC metadata so both engines answer alike. */
    public static List<String> allTables(java.sql.Connection c) throws java.sql.SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet r = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (r.next()) {
                String name = r.getString("TABLE_NAME");
                if (!name.startsWith("sqlite_")) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }
}
