package org.paperscout.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.paperscout.ops.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer. Callers hand it work and wait; its thread takes whatever is queued (up to {@link #MAX_BATCH}),
 * runs each piece in its own savepoint inside one {@code BEGIN IMMEDIATE} transaction, commits once, and only
 * then completes the callers. Work that fails is rolled back to its savepoint alone; the others still commit.
 *
 * <p>Durability per piece of work: a batch holding any {@link #submit(SqlWork, boolean) durable} work commits
 * with {@code synchronous=FULL} (an fsync of the WAL, which also makes every earlier commit durable, the WAL
 * being one sequential file); other batches commit with NORMAL, which survives a crash of this process (the
 * kill -9 test) but may lose the last commits if the machine loses power. Sharing one fsync among everyone
 * who queued meanwhile (group commit) is what keeps durable writes affordable under many threads.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    /** Enough to amortise an fsync over many callers, small enough that one batch stays a few milliseconds. */
    static final int MAX_BATCH = 64;

    private final Connection connection;
    private final Dialect dialect;
    private final Duration timeout;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    /** Write latency for operators; set once at start-up. */
    volatile Telemetry telemetry = Telemetry.OFF;
    private final Thread thread;
    private volatile boolean closing;
    /** The synchronous level the connection is at; only the writer thread reads or changes it. */
    private boolean full = true;

    private static final class Task<T> {
        final SqlWork<T> work;
        final boolean durable;
        final CompletableFuture<T> done = new CompletableFuture<>();
        T result;
        Throwable failure;

        Task(SqlWork<T> work, boolean durable) {
            this.work = work;
            this.durable = durable;
        }

        void runIn(Connection c) {
            try {
                result = work.run(c);
            } catch (Throwable t) {
                failure = t;
            }
        }

        void finish() {
            if (failure == null) {
                done.complete(result);
            } else {
                done.completeExceptionally(failure);
            }
        }
    }

    GroupCommitWriter(Connection connection, Dialect dialect, Duration timeout, String name) {
        this.connection = connection;
        this.dialect = dialect;
        this.timeout = timeout;
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(false);
        thread.start();
    }

    /** @param durable commit with an fsync (synchronous=FULL) before returning */
    <T> T submit(SqlWork<T> work, boolean durable) {
        if (Thread.currentThread() == thread) {
            // Nested write from inside a write: we are already in the open transaction.
            try {
                return work.run(connection);
            } catch (SQLException e) {
                throw new StoreException("database write failed", e);
            }
        }
        if (closing) {
            throw new StoreException("the database is closed");
        }
        Task<T> task = new Task<>(work, durable);
        long start = System.nanoTime();
        queue.add(task);
        try {
            T result = task.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            telemetry.storeWrite(durable, System.nanoTime() - start);
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database write");
        } catch (TimeoutException e) {
            throw new StoreException("the database did not finish a write within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new StoreException("database write failed", cause);
        }
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                Task<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                runBatch(batch);
            } catch (InterruptedException e) {
                if (closing) {
                    return;
                }
            } catch (RuntimeException | Error e) {
                // Never let the writer die: every later caller would wait for nothing.
                log.error("database writer failed", e);
                for (Task<?> t : batch) {
                    t.done.completeExceptionally(new StoreException("database write failed", e));
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void runBatch(List<Task<?>> batch) {
        try (Statement s = connection.createStatement()) {
            try {
                boolean wantFull = batch.stream().anyMatch(t -> t.durable);
                // PostgreSQL commits durably anyway (synchronous_commit); the level is SQLite's.
                if (dialect == Dialect.SQLITE && wantFull != full) {
                    // Allowed only outside a transaction; it applies to the next commit.
                    s.execute(wantFull ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
                    full = wantFull;
                }
                s.execute(dialect.beginWrite());
            } catch (SQLException e) {
                failAll(batch, e);
                return;
            }
            for (Task<?> task : batch) {
                s.execute("SAVEPOINT work");
                task.runIn(connection);
                if (task.failure != null) {
                    s.execute("ROLLBACK TO work");
                }
                s.execute("RELEASE work");
            }
            s.execute("COMMIT");
        } catch (SQLException e) {
            // An I/O error or a failed savepoint: SQLite may already have rolled the whole transaction back,
            // so nothing in this batch can be called committed.
            rollbackQuietly();
            failAll(batch, e);
            return;
        }
        for (Task<?> task : batch) {
            task.finish();
        }
    }

    private void failAll(List<Task<?>> batch, SQLException e) {
        log.error("database write of {} change(s) failed", batch.size(), e);
        StoreException failure = new StoreException("database write failed", e);
        for (Task<?> t : batch) {
            t.done.completeExceptionally(failure);
        }
    }

    private void rollbackQuietly() {
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction was open any more
        }
    }

    /** Work waiting for the writer thread. */
    int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        closing = true;
        try {
            thread.join(timeout.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Anything that slipped in after the last poll would otherwise wait out its timeout.
        for (Task<?> t; (t = queue.poll()) != null; ) {
            t.done.completeExceptionally(new StoreException("the database is closed"));
        }
    }
}
