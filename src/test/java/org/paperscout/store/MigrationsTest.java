package org.paperscout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

    @TempDir
    Path dir;

    @Test
    void everyMigrationOnTheClasspathAppliesToAFreshFileInVersionOrder() throws Exception {
        List<Migrations.Migration> all = Migrations.fromClasspath(getClass().getClassLoader());
        assertThat(all).extracting(Migrations.Migration::version).isSorted().contains(1, 2);

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("fresh.db"))) {
            List<Integer> applied = Migrations.apply(c, all, Clock.systemUTC());

            assertThat(applied).containsExactlyElementsOf(all.stream().map(Migrations.Migration::version).toList());
            assertThat(Migrations.appliedChecksums(c).keySet()).containsExactlyElementsOf(applied);
            assertThat(tables(c)).contains("users", "follows", "saved", "feedback", "events", "seen", "schema_version");
            assertThat(Migrations.apply(c, all, Clock.systemUTC())).as("second start applies nothing").isEmpty();
        }
    }

    @Test
    void versionsMayHaveGapsAndOnlyTheMissingOnesRun() throws Exception {
        List<Migrations.Migration> first = List.of(new Migrations.Migration(1, "a", "CREATE TABLE a (x);"));
        List<Migrations.Migration> later = List.of(first.get(0),
                new Migrations.Migration(50, "b", "CREATE TABLE b (y); INSERT INTO b VALUES (1);"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gaps.db"))) {
            assertThat(Migrations.apply(c, first, Clock.systemUTC())).containsExactly(1);
            assertThat(Migrations.apply(c, later, Clock.systemUTC())).containsExactly(50);
            assertThat(tables(c)).contains("a", "b");
        }
    }

    @Test
    void aFailingMigrationLeavesNoHalfAppliedSchema() throws Exception {
        List<Migrations.Migration> broken = List.of(
                new Migrations.Migration(1, "ok", "CREATE TABLE a (x);"),
                new Migrations.Migration(2, "broken", "CREATE TABLE b (y); CREATE TABLE b (y);"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("broken.db"))) {
            assertThatThrownBy(() -> Migrations.apply(c, broken, Clock.systemUTC()))
                    .isInstanceOf(StoreException.class).hasMessageContaining("V2__broken.sql failed");
            assertThat(tables(c)).contains("a").doesNotContain("b");
            assertThat(Migrations.appliedChecksums(c).keySet()).containsExactly(1);
        }
    }

    @Test
    void anEditedMigrationOrANewerDatabaseStopsTheStart() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("edited.db"))) {
            Migrations.apply(c, List.of(new Migrations.Migration(1, "a", "CREATE TABLE a (x);"),
                    new Migrations.Migration(3, "c", "CREATE TABLE c (x);")), Clock.systemUTC());

            assertThatThrownBy(() -> Migrations.apply(c,
                    List.of(new Migrations.Migration(1, "a", "CREATE TABLE a (x, y);"),
                            new Migrations.Migration(3, "c", "CREATE TABLE c (x);")), Clock.systemUTC()))
                    .hasMessageContaining("V1__a.sql was edited");
            assertThatThrownBy(() -> Migrations.apply(c,
                    List.of(new Migrations.Migration(1, "a", "CREATE TABLE a (x);")), Clock.systemUTC()))
                    .hasMessageContaining("schema version 3, newer than this PaperScout knows (1)");
        }
    }

    static List<String> tables(Connection c) throws Exception {
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
