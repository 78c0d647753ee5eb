package org.paperscout.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code paperscout migrate-store}: copies every table of the SQLite store in a data folder into an empty
 * PostgreSQL store, in one PostgreSQL transaction, and checks that each table holds as many rows on both sides
 * before it commits. The SQLite file is brought to the current schema first and is only read; the caller holds
 * the data folder's lock, so nothing writes to it meanwhile.
 */
public final class StoreCopy {

    private static final int BATCH = 1000;

    private StoreCopy() {
    }

    /**
     * @return rows copied per table, in copy order
     * @throws IllegalArgumentException with a one-line reason when there is nothing to copy or the target is not empty
     */
    public static Map<String, Long> copy(Path dataDir, StoreLocation target, Clock clock) {
        Path file = dataDir.resolve(Database.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("there is no database to copy at " + file.toAbsolutePath());
        }
        if (!target.isPostgres()) {
            throw new IllegalArgumentException("migrate-store copies to PostgreSQL: --to jdbc:postgresql://...");
        }
        // Both schemas current: the same tables and columns on both sides (SchemaTest checks the twins agree).
        Database.open(dataDir, StoreConfig.defaults(), clock).close();
        Database.openPostgres(target, StoreConfig.defaults()).close();
        try (Connection from = DriverManager.getConnection(Database.sqliteUrl(file));
             Connection to = DriverManager.getConnection(target.url(), batched(target.credentials()))) {
            List<String> tables = tables(from);
            for (String table : tables) {
                if (count(to, table) > 0) {
                    throw new IllegalArgumentException("the target already holds rows in " + table
                            + "; migrate-store copies into an empty database only");
                }
            }
            to.setAutoCommit(false);
            Map<String, Long> copied = new LinkedHashMap<>();
            try {
                for (String table : tables) {
                    copied.put(table, copyTable(from, to, table));
                }
                resetIdentities(to);
                for (String table : tables) {
                    long source = count(from, table);
                    long written = count(to, table);
                    if (source != written || written != copied.get(table)) {
                        throw new StoreException("row counts differ for " + table + ": " + source + " in SQLite, "
                                + written + " in PostgreSQL; nothing was committed");
                    }
                }
                to.commit();
            } catch (SQLException | RuntimeException e) {
                to.rollback();
                throw e;
            }
            return copied;
        } catch (SQLException e) {
            throw new StoreException("copying the store to " + target + " failed, nothing was committed: "
                    + e.getMessage(), e);
        }
    }

    /** Our tables in creation order (so a referenced table comes before the one referencing it). */
    static List<String> tables(Connection sqlite) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = sqlite.createStatement(); ResultSet r = s.executeQuery("SELECT name FROM sqlite_master "
                + "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('" + Schema.HISTORY_TABLE
                + "', '" + Schema.LEGACY_TABLE + "') ORDER BY rowid")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        return tables;
    }

    private static long copyTable(Connection from, Connection to, String table) throws SQLException {
        long rows = 0;
        try (Statement s = from.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM " + quote(table))) {
            ResultSetMetaData meta = r.getMetaData();
            int n = meta.getColumnCount();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                columns.add(quote(meta.getColumnName(i)));
            }
            String insert = "INSERT INTO " + quote(table) + " (" + String.join(", ", columns)
                    + ") VALUES (" + "?, ".repeat(n - 1) + "?)";
            try (PreparedStatement p = to.prepareStatement(insert)) {
                while (r.next()) {
                    for (int i = 1; i <= n; i++) {
                        p.setObject(i, r.getObject(i));
                    }
                    p.addBatch();
                    if (++rows % BATCH == 0) {
                        p.executeBatch();
                    }
                }
                p.executeBatch();
            }
        }
        return rows;
    }

    /** Identity columns were given explicit ids; the next generated one must come after the largest copied. */
    private static void resetIdentities(Connection to) throws SQLException {
        List<String> withIdentity = new ArrayList<>();
        try (Statement s = to.createStatement(); ResultSet r = s.executeQuery("SELECT table_name FROM "
                + "information_schema.columns WHERE table_schema = current_schema() AND column_name = 'id' "
                + "AND is_identity = 'YES'")) {
            while (r.next()) {
                withIdentity.add(r.getString(1));
            }
        }
        for (String table : withIdentity) {
            try (PreparedStatement p = to.prepareStatement("SELECT setval(pg_get_serial_sequence(?, 'id'), "
                    + "coalesce((SELECT max(id) FROM " + quote(table) + "), 0) + 1, false)")) {
                p.setString(1, quote(table));
                p.execute();
            }
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM " + quote(table))) {
            r.next();
            return r.getLong(1);
        }
    }

    /** pgjdbc sends a batch of single-row inserts as multi-row ones only when asked: several times the speed. */
    private static Properties batched(Properties credentials) {
        Properties p = new Properties();
        p.putAll(credentials);
        p.setProperty("reWriteBatchedInserts", "true");
        return p;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
