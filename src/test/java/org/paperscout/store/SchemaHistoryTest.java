package org.paperscout.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check that lets an up-to-date file start without Flyway says yes only when Flyway would do nothing. */
class SchemaHistoryTest {

    @TempDir
    Path dir;
    final TestClock clock = TestClock.at("2026-11-28T10:00:00Z");

    private Path migrated() throws Exception {
        Path data = dir.resolve("data");
        Database.open(data, StoreConfig.defaults(), clock).close();
        return data.resolve(Database.FILE_NAME);
    }

    private static boolean upToDate(Path file) throws Exception {
        return SchemaHistory.upToDate(Database.sqliteUrl(file), new Properties(), Schema.SQLITE_MIGRATIONS);
    }

    @Test
    void aFileFlywayMigratedIsUpToDateSoTheChecksumsAreFlywaysOwn() throws Exception {
        assertThat(upToDate(migrated())).isTrue();
    }

    @Test
    void aNewFileIsNotUpToDate() throws Exception {
        Path file = dir.resolve("empty.db");
        LegacyRelease.exec(file, List.of("CREATE TABLE t (x INTEGER)"));
        assertThat(upToDate(file)).isFalse();
    }

    @Test
    void anEditedScriptAPendingOneAFailedOneOrANewerOneLeavesItToFlyway() throws Exception {
        Path file = migrated();
        String table = Schema.HISTORY_TABLE;

        LegacyRelease.exec(file, List.of("UPDATE " + table + " SET checksum = checksum + 1 WHERE version = '2'"));
        assertThat(upToDate(file)).as("edited").isFalse();
        LegacyRelease.exec(file, List.of("UPDATE " + table + " SET checksum = checksum - 1 WHERE version = '2'"));
        assertThat(upToDate(file)).isTrue();

        LegacyRelease.exec(file, List.of("UPDATE " + table + " SET success = 0 WHERE version = '70'"));
        assertThat(upToDate(file)).as("failed").isFalse();
        LegacyRelease.exec(file, List.of("UPDATE " + table + " SET success = 1 WHERE version = '70'"));

        LegacyRelease.exec(file, List.of("INSERT INTO " + table + " (installed_rank, version, description, type, "
                + "script, checksum, installed_by, installed_on, execution_time, success) SELECT 99, '999', 'future', "
                + "'SQL', 'V999__future.sql', 1, installed_by, installed_on, 1, 1 FROM " + table + " WHERE version = '1'"));
        assertThat(upToDate(file)).as("newer").isFalse();
        LegacyRelease.exec(file, List.of("DELETE FROM " + table + " WHERE version IN ('999', '87')"));
        assertThat(upToDate(file)).as("pending").isFalse();
    }

    @Test
    void aFileBaselinedFromTheReleaseBeforeFlywayIsUpToDateOnceUpgraded() throws Exception {
        Path data = dir.resolve("data");
        Path file = LegacyRelease.create(data, 60);
        assertThat(upToDate(file)).isFalse();
        Database.open(data, StoreConfig.defaults(), clock).close();
        assertThat(upToDate(file)).isTrue();
    }
}
