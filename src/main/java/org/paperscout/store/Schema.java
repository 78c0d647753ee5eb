package org.paperscout.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Schema migrations through Flyway: {@code db/migration/V<n>__<name>.sql} for SQLite (the versions the
 * hand-written runner of earlier releases applied, unchanged) and {@code db/postgresql/V<n>__<name>.sql} for
 * PostgreSQL, with the same versions. Flyway keeps its history in {@code flyway_schema_history}; a SQLite file
 * written by an earlier release has instead our own {@code schema_version} table, and is baselined at its newest
 * version there, so it upgrades in place and keeps its rows. An edited applied migration, or a database newer than
 * this build, stops the start.
 */
public final class Schema {

    static final String SQLITE_MIGRATIONS = "db/migration";
    static final String POSTGRESQL_MIGRATIONS = "db/postgresql";
    public static final String HISTORY_TABLE = "flyway_schema_history";
    /** The version table of releases before Flyway. */
    public static final String LEGACY_TABLE = "schema_version";

    private Schema() {
    }

    /** Applies pending migrations; returns the versions applied now. */
    static List<String> migrate(String url, Properties credentials, Dialect dialect) {
        try {
            if (dialect == Dialect.SQLITE && SchemaHistory.upToDate(url, credentials, SQLITE_MIGRATIONS)) {
                return List.of();
            }
            FluentConfiguration config = configure(url, credentials, dialect);
            Integer legacy = dialect == Dialect.SQLITE ? legacyVersion(url, credentials) : null;
            if (legacy != null) {
                int newest = newestKnown(config);
                if (legacy > newest) {
                    throw newer(legacy, newest);
                }
                config.baselineOnMigrate(true).baselineVersion(String.valueOf(legacy))
                        .baselineDescription("applied before Flyway (" + LEGACY_TABLE + ")");
            }
            MigrateResult result = config.load().migrate();
            return result.migrations.stream().map(m -> m.version).toList();
        } catch (FlywayException e) {
            throw new StoreException(friendly(e), e);
        } catch (SQLException e) {
            throw new StoreException("cannot read the schema version: " + e.getMessage(), e);
        }
    }

    /** The newest migration version this build has for {@code dialect}. */
    static int newestKnown(Dialect dialect) {
        // Flyway lists scripts only against a database; an empty in-memory one leaves every script pending.
        return newestKnown(configure("jdbc:sqlite::memory:", new Properties(), dialect));
    }

    /**
     * The newest version among the scripts this build has, read while the database has no Flyway history yet (so
     * every script is pending).
     */
    private static int newestKnown(FluentConfiguration config) {
        return Arrays.stream(config.load().info().pending())
                .filter(m -> m.getVersion() != null)
                .mapToInt(m -> Integer.parseInt(m.getVersion().getVersion()))
                .max().orElse(0);
    }

    /** True when the Flyway history of the database at {@code url} holds a version this build does not have. */
    static boolean newerThanThisBuild(String url, Properties credentials, Dialect dialect) {
        MigrationInfo[] all = configure(url, credentials, dialect).load().info().all();
        return Arrays.stream(all).anyMatch(m -> m.getState() == MigrationState.FUTURE_SUCCESS
                || m.getState() == MigrationState.FUTURE_FAILED);
    }

    private static FluentConfiguration configure(String url, Properties credentials, Dialect dialect) {
        return Flyway.configure(Schema.class.getClassLoader())
                .dataSource(url, credentials.getProperty("user"), credentials.getProperty("password"))
                .locations(dialect.migrations())
                .table(HISTORY_TABLE)
                // Nothing ignored: an applied migration this build does not have (a newer release wrote the
                // database) fails validation instead of being skipped silently.
                .ignoreMigrationPatterns(new String[0])
                .cleanDisabled(true);
    }

    /** The newest version in the pre-Flyway {@code schema_version} table, or null when Flyway took over. */
    static Integer legacyVersion(String url, Properties credentials) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, credentials); Statement s = c.createStatement()) {
            if (!hasTable(s, LEGACY_TABLE) || hasTable(s, HISTORY_TABLE)) {
                return null;
            }
            try (ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM " + LEGACY_TABLE)) {
                return r.next() ? r.getInt(1) : 0;
            }
        }
    }

    private static boolean hasTable(Statement s, String name) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '"
                + name + "'")) {
            return r.next() && r.getInt(1) > 0;
        }
    }

    private static StoreException newer(int version, int newest) {
        return new StoreException("the database has schema version " + version + ", newer than this PaperScout knows ("
                + newest + "); run the newer version or restore a backup");
    }

    private static String friendly(FlywayException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("not resolved locally") || m.contains("Detected applied migration not resolved")) {
            return "the database was migrated by a newer PaperScout; run the newer version or restore a backup ("
                    + firstLine(m) + ")";
        }
        if (m.contains("checksum mismatch") || m.contains("Checksum mismatch")) {
            return "an applied migration was edited after it ran; add a new migration instead (" + firstLine(m) + ")";
        }
        return "database migration failed: " + firstLine(m);
    }

    private static String firstLine(String m) {
        String t = m.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " ...";
    }
}
