package org.paperscout.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.paperscout.ops.Telemetry;
import org.slf4j.Logger;
import org.sqlite.SQLiteConfig;
import org.slf4j.LoggerFactory;

/**
 * The store's database: by default the SQLite file {@code paperscout.db} in the data folder, opened in WAL mode
 * with foreign keys on and a busy timeout; or a PostgreSQL database ({@link StoreLocation}). Either is migrated at
 * open ({@link Schema}), written by one writer thread (see {@link GroupCommitWriter}) and read through a small pool
 * of read connections. Pragmas, the WAL checkpoint, backup and restore are SQLite's; on PostgreSQL every commit is
 * durable (synchronous_commit) and backups are pg_dump's job.
 *
 * <p>Durability, chosen per write: {@link #write} commits with {@code synchronous=NORMAL}, which in WAL mode
 * survives any crash of this process (kill -9 included) but may lose the last commits on power loss or an OS
 * crash; fine for a follow, a save or a vote, which the user sees and can repeat. {@link #writeDurable}
 * commits with {@code synchronous=FULL} (an fsync before it returns), for writes whose loss does harm: a
 * confirmed /forget-me that must not come back, the digest delivery ledger (a lost row means a digest sent
 * twice). A FULL commit also makes every earlier commit durable.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    public static final String FILE_NAME = "paperscout.db";
    /** Often enough that the WAL stays a few megabytes under a burst of writes. */
    private static final java.time.Duration CHECKPOINT_EVERY = java.time.Duration.ofMillis(500);

    private final Path file;
    private final Dialect dialect;
    private final StoreConfig config;
    private final Connection writeConnection;
    private final GroupCommitWriter writer;
    private final BlockingQueue<Connection> readers;
    private final List<Connection> allReaders;
    /** SQLite's checkpoints, off the writer's commits; null on PostgreSQL. */
    private final WalCheckpointer checkpointer;

    private Database(Path file, Dialect dialect, StoreConfig config, Connection writeConnection,
                     List<Connection> readerConnections, WalCheckpointer checkpointer) {
        this.file = file;
        this.dialect = dialect;
        this.config = config;
        this.writeConnection = writeConnection;
        this.writer = new GroupCommitWriter(writeConnection, dialect, config.writeTimeout(), "paperscout-db-writer");
        this.allReaders = List.copyOf(readerConnections);
        this.readers = new ArrayBlockingQueue<>(readerConnections.size(), false, readerConnections);
        this.checkpointer = checkpointer;
    }

    /** Opens the store at {@code location}: SQLite in {@code dataDir}, or PostgreSQL. */
    public static Database open(StoreLocation location, Path dataDir, StoreConfig config, Clock clock) {
        return location.isPostgres() ? openPostgres(location, config) : open(dataDir, config, clock);
    }

    /**
     * Opens a PostgreSQL store and applies pending migrations. No data-folder lock is needed for it: PostgreSQL
     * takes any number of connections, and the writer here still commits this process's writes one batch at a time.
     */
    public static Database openPostgres(StoreLocation location, StoreConfig config) {
        List<Connection> opened = new ArrayList<>();
        try {
            List<String> applied = Schema.migrate(location.url(), location.credentials(), Dialect.POSTGRESQL);
            if (!applied.isEmpty()) {
                log.info("applied database migrations {} to {}", applied, location);
            }
            Connection w = DriverManager.getConnection(location.url(), location.credentials());
            opened.add(w);
            List<Connection> readerConnections = new ArrayList<>();
            for (int i = 0; i < config.readers(); i++) {
                Connection r = DriverManager.getConnection(location.url(), location.credentials());
                opened.add(r);
                readerConnections.add(r);
            }
            log.info("store: {}", location);
            return new Database(null, Dialect.POSTGRESQL, config, w, readerConnections, null);
        } catch (SQLException | RuntimeException e) {
            opened.forEach(Database::closeQuietly);
            if (e instanceof StoreException se) {
                throw se;
            }
            // The driver's message names host and database, never the password.
            throw new StoreException("cannot open " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens (creating when missing) {@code dataDir/paperscout.db} and applies pending migrations. The caller
     * should hold the {@link DataDirLock} of {@code dataDir}.
     */
    public static Database open(Path dataDir, StoreConfig config, Clock clock) {
        Path file = dataDir.resolve(FILE_NAME);
        List<Connection> opened = new ArrayList<>();
        try {
            Files.createDirectories(dataDir);
            NativeLibraryFolder.useIn(dataDir);
            Connection w = connect(file, config);
            opened.add(w);
            // Before the schema exists on a new file; one VACUUM on a file from a release without it.
            IncrementalVacuum.ensureOn(w, file);
            try (Statement s = w.createStatement()) {
                try (ResultSet r = s.executeQuery("PRAGMA journal_mode=WAL")) {
                    if (!r.next() || !"wal".equalsIgnoreCase(r.getString(1))) {
                        throw new StoreException("cannot switch " + file + " to WAL mode");
                    }
                }
                s.execute("PRAGMA synchronous=FULL");
            }
            // Flyway uses a connection of its own; WAL is a property of the file, already set above.
            List<String> applied = Schema.migrate(sqliteUrl(file), new Properties(), Dialect.SQLITE);
            if (!applied.isEmpty()) {
                log.info("applied database migrations {} to {}", applied, file);
            }
            List<Connection> readerConnections = new ArrayList<>();
            for (int i = 0; i < config.readers(); i++) {
                Connection r = connect(file, config);
                opened.add(r);
                try (Statement s = r.createStatement()) {
                    s.execute("PRAGMA query_only=ON");
                }
                readerConnections.add(r);
            }
            Connection checkpoints = connect(file, config);
            opened.add(checkpoints);
            WalCheckpointer.disableAutomatic(w);
            return new Database(file, Dialect.SQLITE, config, w, readerConnections,
                    new WalCheckpointer(checkpoints, file.toString(), CHECKPOINT_EVERY));
        } catch (SQLException | IOException | RuntimeException e) {
            opened.forEach(Database::closeQuietly);
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    static String sqliteUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    static Connection connect(Path file, StoreConfig config) throws SQLException {
        Connection c = DriverManager.getConnection(sqliteUrl(file), new Properties());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=" + config.busyTimeout().toMillis());
            s.execute("PRAGMA foreign_keys=ON");
            // Deleted rows are overwritten with zeros rather than left in free space: a confirmed /forget-me must
            // not be readable with `strings paperscout.db`. Per connection, because SQLite keeps it per connection.
            s.execute("PRAGMA secure_delete=ON");
        }
        return c;
    }

    static Connection openReadOnly(Path file) throws SQLException {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), readOnly.toProperties());
    }

    /** Times writes and shows the writer's queue into {@code metrics} from now on. */
    public void observe(Telemetry metrics) {
        writer.telemetry = metrics;
        metrics.gauge("paperscout.store.writer.queue", "Writes waiting for the store's writer", writer::queued);
    }

    /** The SQLite file; null on PostgreSQL. */
    public Path file() {
        return file;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Runs {@code work} in the writer's {@code BEGIN IMMEDIATE} transaction and returns once it is committed
     * (surviving a crash of this process; see the class comment for power loss). An exception from {@code work} rolls back only that work and is rethrown here as is
     * ({@link SQLException}s wrapped in {@link StoreException}).
     */
    public <T> T write(SqlWork<T> work) {
        return writer.submit(work, false);
    }

    /** Like {@link #write}, but returns only once the change is on disk (fsynced): it survives power loss. */
    public <T> T writeDurable(SqlWork<T> work) {
        return writer.submit(work, true);
    }

    /** Runs {@code work} in a read transaction on a pooled read connection: one consistent snapshot. */
    public <T> T read(SqlWork<T> work) {
        Connection c = borrowReader();
        try (Statement s = c.createStatement()) {
            s.execute(dialect.beginRead());
            try {
                return work.run(c);
            } finally {
                s.execute("COMMIT");
            }
        } catch (SQLException e) {
            throw new StoreException("database read failed", e);
        } finally {
            readers.add(c);
        }
    }

    private Connection borrowReader() {
        Connection c;
        try {
            c = readers.poll(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database connection");
        }
        if (c == null) {
            throw new StoreException("no database connection free within " + config.writeTimeout().toSeconds() + " s");
        }
        return c;
    }

    /**
     * Copies every committed page from the WAL into the database file and truncates the WAL to zero bytes, so what
     * was deleted no longer sits in old WAL frames (after /forget-me). Waits up to the busy timeout for readers and
     * the writer; returns false when it could not finish (a reader held an old snapshot), leaving it to the next
     * checkpoint. Callers at the same time share one ({@link WalCheckpointer}).
     */
    public boolean checkpoint() {
        if (dialect != Dialect.SQLITE) {
            // PostgreSQL's own WAL and autovacuum reclaim deleted rows; there is no file of ours to truncate.
            return true;
        }
        boolean done = checkpointer.truncate();
        if (!done) {
            log.warn("the WAL checkpoint of {} was blocked; deleted rows stay in {}-wal until the next one", file,
                    file.getFileName());
        }
        return done;
    }

    /**
     * Hands up to {@code maxPages} pages that deletes freed back to the file system (SQLite: incremental
     * auto-vacuum, in steps of {@code step} pages, each a write of its own so other writes go in between); returns
     * the pages freed. PostgreSQL: 0 (its space is made reusable by {@link #vacuum}).
     */
    public long reclaimFreePages(long maxPages, int step) {
        if (dialect != Dialect.SQLITE) {
            return 0;
        }
        long freed = 0;
        while (freed < maxPages) {
            int n = (int) Math.min(step, maxPages - freed);
            int done = write(c -> IncrementalVacuum.step(c, n));
            if (done <= 0) {
                break;
            }
            freed += done;
        }
        return freed;
    }

    /** PostgreSQL: {@link PgVacuum} on {@code tables}, returning the indexes rebuilt. SQLite: see reclaimFreePages. */
    public List<String> vacuum(List<String> tables) {
        if (dialect != Dialect.POSTGRESQL) {
            return List.of();
        }
        Connection c = borrowReader();
        try {
            return PgVacuum.run(c, tables);
        } catch (SQLException e) {
            throw new StoreException("vacuum of " + tables + " failed: " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    /**
     * Writes a consistent copy of the live database to {@code target} with {@code VACUUM INTO}, checks it with
     * {@code PRAGMA integrity_check} and syncs it to disk. The copy appears under its name only once checked.
     *
     * @throws IllegalArgumentException when {@code target} already exists
     */
    public void backupTo(Path target) {
        if (dialect != Dialect.SQLITE) {
            throw new IllegalArgumentException("the store is in PostgreSQL; back it up with pg_dump");
        }
        SqliteFiles.backup(file, config, target);
    }

    /**
     * The same, for {@code paperscout backup FILE}: works while the bot runs (it only reads, in WAL mode), so it
     * takes no data-folder lock and applies no migrations.
     */
    public static void backup(Path dataDir, Path target) {
        Path live = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(live)) {
            throw new IllegalArgumentException("there is no database to back up at " + live.toAbsolutePath());
        }
        NativeLibraryFolder.useIn(dataDir);
        SqliteFiles.backup(live, StoreConfig.defaults(), target);
    }

    /**
     * Replaces {@code dataDir/paperscout.db} with {@code backup}, after checking that it is a sound PaperScout
     * database. The current file is first copied to {@code dataDir/backups/paperscout-before-restore-<time>.db}.
     * The bot must not be running: the caller holds the {@link DataDirLock}.
     *
     * @return the safety copy of the replaced database, or null when there was none
     * @throws IllegalArgumentException with a one-line reason when {@code backup} is refused
     */
    public static Path restore(Path backup, Path dataDir, Clock clock) {
        return SqliteFiles.restore(backup, dataDir, clock);
    }

    /** {@code PRAGMA integrity_check} of the live database: null when ok, else the first complaints. */
    public String integrityProblem() {
        if (dialect != Dialect.SQLITE) {
            return null; // PostgreSQL checks its pages itself (and amcheck is an operator's tool, not ours)
        }
        return read(c -> {
            List<String> lines = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                while (r.next()) {
                    lines.add(r.getString(1));
                }
            }
            return lines.equals(List.of("ok")) ? null : String.join("; ", lines);
        });
    }

    @Override
    public void close() {
        writer.close();
        if (checkpointer != null) {
            checkpointer.close();
        }
        closeQuietly(writeConnection);
        allReaders.forEach(Database::closeQuietly);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            log.warn("closing a database connection failed", e);
        }
    }
}
