package org.paperscout.retention;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.paperscout.util.Backoff;
import org.paperscout.util.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Retention} once a day in the background: first a few minutes after start (not during the start-up's
 * own work), then every day; a failed run (the database busy or gone for a while) is tried again after a backoff
 * instead of a whole day later.
 */
public final class RetentionJob implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    static final Duration FIRST_RUN = Duration.ofMinutes(5);
    static final Duration EVERY = Duration.ofDays(1);
    static final Backoff RETRY = new Backoff(Duration.ofMinutes(1), Duration.ofHours(1));

    private final Retention retention;
    private final ScheduledExecutorService executor;
    private int failures;

    public RetentionJob(Retention retention) {
        this.retention = retention;
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("paperscout-retention"));
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = ex;
    }

    public void start() {
        schedule(FIRST_RUN);
    }

    private void schedule(Duration delay) {
        if (!executor.isShutdown()) {
            executor.schedule(this::runAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void runAndReschedule() {
        Duration next;
        try {
            Retention.Report r = retention.run();
            failures = 0;
            log.info("retention: {} events folded into daily totals; deleted {} ledger, {} seen, {} feed and {} source "
                    + "rows; {} free pages returned; indexes rebuilt: {}; {} ms", r.eventsFolded(), r.ledgerRows(),
                    r.seenRows(), r.feedRows(), r.sourceRows(), r.pagesFreed(), r.indexesRebuilt(), r.took().toMillis());
            next = EVERY;
        } catch (RuntimeException e) {
            next = RETRY.delay(failures++);
            log.warn("retention run failed, trying again in {} s: {}", next.toSeconds(), e.toString());
        }
        schedule(next);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("the retention run did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
