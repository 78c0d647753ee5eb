package org.paperscout.store;

/**
 * What differs between the two engines the store runs on. Store SQL is written once where SQLite and PostgreSQL
 * both accept it ({@code INSERT ... ON CONFLICT}, {@code RETURNING}, {@code CASE}); only what cannot be shared
 * lives here. Pragmas, the WAL checkpoint, backups and the single-writer lock stay SQLite's own (see
 * {@link Database}).
 */
public enum Dialect {

    SQLITE("classpath:" + Schema.SQLITE_MIGRATIONS) {
        @Override
        String beginWrite() {
            // Takes the write lock at once, so a transaction never fails halfway on SQLITE_BUSY.
            return "BEGIN IMMEDIATE";
        }

        @Override
        String beginRead() {
            return "BEGIN";
        }

        @Override
        public String indexHint(String index) {
            return " INDEXED BY " + index;
        }

        @Override
        public String tablesWithColumn(String column) {
            return "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) i WHERE m.type = 'table' "
                    + "AND m.name NOT LIKE 'sqlite_%' AND i.name = '" + column + "' ORDER BY m.rowid";
        }
    },

    POSTGRESQL("classpath:" + Schema.POSTGRESQL_MIGRATIONS) {
        @Override
        String beginWrite() {
            return "BEGIN";
        }

        @Override
        String beginRead() {
            // One snapshot for the whole read, as a SQLite read transaction gives; READ COMMITTED would not.
            return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
        }

        @Override
        public String indexHint(String index) {
            return "";
        }

        @Override
        public String tablesWithColumn(String column) {
            // By oid: creation order, as SQLite's rowid order in sqlite_master.
            return "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "JOIN pg_attribute a ON a.attrelid = c.oid WHERE c.relkind = 'r' AND n.nspname = current_schema() "
                    + "AND NOT a.attisdropped AND a.attname = '" + column + "' AND c.relname <> '"
                    + Schema.HISTORY_TABLE + "' ORDER BY c.oid";
        }
    };

    private final String migrations;

    Dialect(String migrations) {
        this.migrations = migrations;
    }

    /** The dialect of a JDBC url: {@code jdbc:postgresql:} or {@code jdbc:sqlite:}. */
    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        throw new IllegalArgumentException("not a jdbc:postgresql: or jdbc:sqlite: url");
    }

    /** Flyway location of this engine's migrations. */
    String migrations() {
        return migrations;
    }

    abstract String beginWrite();

    abstract String beginRead();

    /** A hint naming the index a query must use, where the engine takes one (with its leading space). */
    public abstract String indexHint(String index);

    /** Query listing the tables that have a column named {@code column}, in creation order. */
    public abstract String tablesWithColumn(String column);
}
