package org.paperscout.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperscout.store.Database;
import org.paperscout.store.Dialect;
import org.paperscout.store.Ids;
import org.paperscout.store.JsonMappers;

/**
 * Everything stored about one user, found by the schema rather than by a list kept in code: every table with
 * a {@code user_id} column (the convention all migrations follow). So a table added by a later migration is
 * covered by /forget-me and /my-data without anyone remembering to register it.
 */
public final class PrivacyStore {

    static final String USER_COLUMN = "user_id";

    private final Database db;

    public PrivacyStore(Database db) {
        this.db = db;
    }

    /**
     * Deletes every row about the user, in one transaction, durably (a confirmed deletion must not reappear after
     * a power cut), then erases it from the files: secure_delete (on every connection, see {@link Database})
     * zeroes the rows' bytes, and a checkpoint truncates the WAL that still held the old pages. Returns rows
     * deleted per table (tables with none omitted).
     */
    public Map<String, Integer> forget(String userId) {
        Ids.user(userId);
        Map<String, Integer> deleted = db.writeDurable(c -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String table : userTables(c, db.dialect())) {
                try (PreparedStatement p = c.prepareStatement(
                        "DELETE FROM " + quote(table) + " WHERE " + USER_COLUMN + " = ?")) {
                    p.setString(1, userId);
                    int n = p.executeUpdate();
                    if (n > 0) {
                        counts.put(table, n);
                    }
                }
            }
            return counts;
        });
        db.checkpoint();
        return deleted;
    }

    /**
     * Every row about the user, per table, from one snapshot. Columns named {@code at} or {@code *_at} (epoch
     * milliseconds) become ISO-8601 instants and {@code *_json} columns are parsed, so the export reads well.
     */
    public Map<String, List<Map<String, Object>>> export(String userId) {
        Ids.user(userId);
        return db.read(c -> {
            Map<String, List<Map<String, Object>>> result = new LinkedHashMap<>();
            for (String table : userTables(c, db.dialect())) {
                List<Map<String, Object>> rows = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT * FROM " + quote(table) + " WHERE " + USER_COLUMN + " = ?")) {
                    p.setString(1, userId);
                    try (ResultSet r = p.executeQuery()) {
                        ResultSetMetaData meta = r.getMetaData();
                        while (r.next()) {
                            Map<String, Object> row = new LinkedHashMap<>();
                            for (int i = 1; i <= meta.getColumnCount(); i++) {
                                String column = meta.getColumnName(i);
                                row.put(column, readable(column, r.getObject(i)));
                            }
                            rows.add(row);
                        }
                    }
                }
                result.put(table, rows);
            }
            return result;
        });
    }

    /** Tables holding user data, in schema order. */
    public List<String> userTables() {
        return db.read(c -> userTables(c, db.dialect()));
    }

    static List<String> userTables(Connection c, Dialect dialect) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery(dialect.tablesWithColumn(USER_COLUMN))) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        return tables;
    }

    private Object readable(String column, Object value) {
        if (value == null) {
            return null;
        }
        if ((column.equals("at") || column.endsWith("_at")) && value instanceof Number n) {
            return Instant.ofEpochMilli(n.longValue()).toString();
        }
        if (value instanceof Integer i) {
            // SQLite hands small integers back as Integer, PostgreSQL's BIGINT as Long: one type, one export.
            return i.longValue();
        }
        if (column.endsWith("_json") && value instanceof String s) {
            try {
                return JsonMappers.plain().readValue(s, Object.class);
            } catch (JsonProcessingException e) {
                return s;
            }
        }
        return value;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
