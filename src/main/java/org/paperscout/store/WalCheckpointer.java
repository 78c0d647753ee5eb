package org.paperscout.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.paperscout.util.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's WAL checkpoints, on a thread and connection of their own instead of inside the writer's commits. Left to
 * SQLite, the commit that takes the WAL past 1,000 pages copies them into the database file and fsyncs it while
 * every caller of that batch waits. The writer's connection has automatic checkpoints off; this thread runs a
 * {@code PASSIVE} checkpoint every {@code every} (it waits for no reader or writer, and does nothing when the WAL is
 * empty), and the {@code TRUNCATE} checkpoint an erasure asks for.
 *
 * <p>Erasures share truncations as writes share commits: whoever asks while none is waiting to run joins the next
 * one, which starts after every joined request was made, so each caller still gets a checkpoint that began after
 * its rows were deleted, and sixteen erasures at once cost one or two, not sixteen.
 */
final class WalCheckpointer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

    private final Connection connection;
    private final String file;
    private final ScheduledExecutorService thread;
    private final Object lock = new Object();
    /** The truncation requested and not yet started; null when none is waiting. */
    private CompletableFuture<Boolean> nextTruncate;
    private boolean passiveFailed;

    WalCheckpointer(Connection connection, String file, Duration every) {
        this.connection = connection;
        this.file = file;
        this.thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("paperscout-db-checkpoint"));
        long millis = Math.max(1, every.toMillis());
        thread.scheduleWithFixedDelay(this::passive, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Turns SQLite's own checkpoints off on {@code writer}, whose commits this class relieves of them. */
    static void disableAutomatic(Connection writer) throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint=0");
        }
    }

    /**
     * Copies every committed page into the database file and truncates the WAL to zero bytes, waiting up to the
     * busy timeout for readers and the writer; false when a reader's old snapshot kept it from finishing.
     */
    boolean truncate() {
        CompletableFuture<Boolean> mine;
        synchronized (lock) {
            if (nextTruncate == null) {
                nextTruncate = new CompletableFuture<>();
                try {
                    thread.execute(this::runTruncate);
                } catch (RejectedExecutionException closed) {
                    nextTruncate = null;
                    throw new StoreException("cannot checkpoint " + file + ": the database is closed");
                }
            }
            mine = nextTruncate;
        }
        try {
            return mine.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof StoreException se ? se
                    : new StoreException("cannot checkpoint " + file + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void runTruncate() {
        CompletableFuture<Boolean> run;
        synchronized (lock) {
            run = nextTruncate;
            nextTruncate = null; // asking from now on schedules the next one
        }
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            run.complete(r.next() && r.getInt(1) == 0);
        } catch (SQLException e) {
            run.completeExceptionally(new StoreException("cannot checkpoint " + file + ": " + e.getMessage(), e));
        } catch (RuntimeException e) {
            run.completeExceptionally(e);
        }
    }

    private void passive() {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            r.next();
            passiveFailed = false;
        } catch (SQLException | RuntimeException e) {
            // Once per run of failures: the WAL only grows meanwhile, and the next success catches up.
            if (!passiveFailed) {
                log.warn("WAL checkpoint of {} failed; retrying every few hundred milliseconds", file, e);
            }
            passiveFailed = true;
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("the WAL checkpoint of {} did not stop within 10 s", file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            if (nextTruncate != null) {
                nextTruncate.completeExceptionally(new StoreException("cannot checkpoint " + file + ": the database is closed"));
            }
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the checkpoint connection failed", e);
        }
    }
}
