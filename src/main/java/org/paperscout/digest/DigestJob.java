package org.paperscout.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.paperscout.store.SeenStore;
import org.paperscout.util.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every due digest exactly once per (target, local date): each run hands every due target and every
 * pending row to {@link DigestDeliverer} on a small pool of senders; the ledger is {@link DeliveryLedger}, the
 * rules {@link DeliveryPolicy}.
 *
 * <p>The ledger row is written (pending) before anything is sent and completed (sent) with the message id after;
 * the message carries a nonce derived from the row, with {@code enforce_nonce}. So after a crash at any point a
 * pending row is either found in the channel (the message exists: record it) or sent again with the same nonce
 * (Discord returns the original if the first one did get through in the last minutes). On start every pending row
 * is settled that way before anything new is sent; with several processes on one store, only rows whose claim
 * (a {@link DeliveryLease}) has run out, so a row another live process is sending right now is left to it. A digest missed while the bot was down is sent late (saying so)
 * within {@link DigestConfig#grace()}; older ones are recorded as missed. The pending row also carries the papers
 * the digest shows; marking a DM digest sent records them as seen in the same commit, so a crash at any point
 * neither repeats them in a later DM nor forgets that they went out.
 *
 * <p>Failures stay with their target: a lost permission or deleted channel disables it with the reason (the admin
 * is told once) and it then gets at most one attempt a day; server errors are retried with backoff until the
 * local day ends; 429s are JDA's to wait out. Every run catches everything, because a scheduled task that throws
 * is silently never run again.
 */
public final class DigestJob implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DigestJob.class);
    /** On close, how long a run in progress gets to finish before it is interrupted. */
    static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /**
     * How far back a digest's content may read engagement events (a catch-up after the longest snooze): older events
     * may be folded into totals without changing any digest.
     */
    public static final Duration LONGEST_CONTENT_SPAN = DeliveryPolicy.LONGEST_SPAN;

    private final DigestStore store;
    private final DeliveryLedger ledger;
    private final DigestDeliverer deliverer;
    private final Publisher publisher;
    private final DigestConfig config;
    private final Clock clock;
    private final Object runLock = new Object();
    private ExecutorService senders;
    private ScheduledExecutorService ticker;
    /** Set first thing on close: work not started yet is left for the next start, and failures are expected. */
    private volatile boolean closing;
    private Duration stopWait = STOP_WAIT;

    public DigestJob(DigestStore store, DigestContent content, SeenStore seen, Publisher publisher,
                     DigestConfig config, Clock clock) {
        this(store, content, seen, publisher, config, clock, new RatePacer(config.processSendsPerSecond()));
    }

    DigestJob(DigestStore store, DigestContent content, SeenStore seen, Publisher publisher, DigestConfig config,
              Clock clock, Pacer pacer) {
        this.store = store;
        this.ledger = store.ledger();
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
        this.deliverer = new DigestDeliverer(ledger, new DeliveryPolicy(config), content, seen, publisher, pacer,
                () -> closing, store::endSnooze, store::dmLocale);
    }

    /** What one run did (tests and logs). */
    public record RunSummary(int sent, int settled, int missed, int skipped, int failed, int retrying) {
    }

    /**
     * Settles the ledger left by the previous process, then runs every {@link DigestConfig#tick()}. Call once the
     * publisher can reach Discord (after the bot is online).
     */
    public synchronized void start() {
        if (ticker != null) {
            throw new IllegalStateException("a DigestJob starts once");
        }
        ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered("digest-ticker"));
        log.info("digests paced at {} sends/s ({} of digest.sends-per-second={})",
                String.format(java.util.Locale.ROOT, "%.2f", config.processSendsPerSecond()),
                config.share() == 1 ? "all" : String.format(java.util.Locale.ROOT, "%.0f%%", config.share() * 100),
                config.sendsPerSecond());
        // The first run settles pending rows left by a dead process (on a shared store: once their lease is over).
        ticker.scheduleWithFixedDelay(this::safeRun, 0, config.tick().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void safeRun() {
        try {
            RunSummary s = runOnce();
            if (s.sent() + s.settled() + s.missed() + s.failed() + s.retrying() > 0) {
                log.info("digests: {}", s);
            }
        } catch (Throwable t) {
            if (closing) {
                // Interrupted by close after the stop wait: whatever it was doing is settled at the next start.
                log.info("digest run stopped by shutdown ({})", t.toString());
                return;
            }
            // Never let it escape: the executor would cancel every later run without a word.
            log.error("digest run failed; the next run will try again", t);
        }
    }

    /** One pass: settle or retry pending rows that are due, then deliver every digest now due. */
    public RunSummary runOnce() {
        synchronized (runLock) {
            Instant now = clock.instant();
            DigestDeliverer.Counts counts = new DigestDeliverer.Counts();
            List<DigestTarget> all = store.allTargets();
            Map<String, DigestTarget> byKey = new HashMap<>();
            all.forEach(t -> byKey.put(t.key(), t));
            // The console and the bot may share a data folder: each front end delivers only its own targets.
            List<DigestTarget> targets = all.stream().filter(publisher::serves).toList();
            List<Runnable> work = new ArrayList<>();
            Set<String> touched = new HashSet<>();
            // Rows another live process holds are its business; the rest (ours, expired, from before leases) are
            // taken over one by one in settle, where only one process wins each.
            for (Delivery d : ledger.settleable()) {
                DigestTarget owner = byKey.get(d.target());
                if (owner != null && !publisher.serves(owner)) {
                    continue;
                }
                if (deliverer.inFlight(d.target()) || (d.nextAttemptAt() != null && d.nextAttemptAt().isAfter(now))) {
                    touched.add(d.target());
                    continue;
                }
                touched.add(d.target());
                work.add(() -> deliverer.settle(owner, d, now, counts));
            }
            for (DigestTarget t : targets) {
                if (!touched.contains(t.key()) && !deliverer.inFlight(t.key())) {
                    work.add(() -> deliverer.deliver(t, now, counts));
                }
            }
            runAll(work);
            return counts.summary();
        }
    }

    private void runAll(List<Runnable> work) {
        if (work.isEmpty() || closing) {
            return;
        }
        ExecutorService pool = senders();
        List<Future<?>> futures = new ArrayList<>();
        for (Runnable r : work) {
            futures.add(pool.submit(() -> {
                if (closing) {
                    return; // not started: the next start delivers it (late, if need be)
                }
                try {
                    r.run();
                } catch (RuntimeException e) {
                    if (closing) {
                        log.info("digest delivery stopped by shutdown ({})", e.toString());
                    } else {
                        // One target's failure never stops the others.
                        log.error("digest delivery failed", e);
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                log.error("digest delivery failed", e.getCause());
            }
        }
    }

    private synchronized ExecutorService senders() {
        if (senders == null) {
            senders = Executors.newFixedThreadPool(config.senders(), DaemonThreads.numbered("digest-sender"));
        }
        return senders;
    }

    /** Builds a target's digest without sending it (the benchmark times exactly this). */
    DigestDeliverer.Composed compose(DigestTarget t, DigestSchedule.Occurrence occ, Instant windowFrom,
                                     boolean late) {
        return deliverer.compose(t, occ, windowFrom, late);
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Stops the job before what it uses goes away: no new run starts, work not started is left for the next start,
     * and what is in progress (a send, a wait for the database) gets {@link #STOP_WAIT} to finish before it is
     * interrupted, which is then not reported as a failure.
     */
    @Override
    public void close() {
        ScheduledExecutorService runs;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            runs = ticker;
        }
        // Not shutdownNow: interrupting a run that waits for a database connection makes it fail half-way.
        // The lock is not held while waiting: the run in progress may need senders().
        if (runs != null) {
            runs.shutdown();
            if (!awaitStop(runs)) {
                runs.shutdownNow();
                awaitStop(runs);
            }
        }
        ExecutorService sends;
        synchronized (this) {
            sends = senders;
        }
        if (sends != null) {
            sends.shutdown();
            if (!awaitStop(sends)) {
                sends.shutdownNow();
            }
        }
    }

    boolean closing() { // tests
        return closing;
    }

    synchronized DigestJob stopWait(Duration wait) { // tests
        this.stopWait = wait;
        return this;
    }

    private boolean awaitStop(ExecutorService pool) {
        try {
            return pool.awaitTermination(stopWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The local date a target's next digest is for and when it is due (for /digest status). */
    static DigestSchedule.Occurrence nextRun(DigestTarget t, Instant now) {
        return DigestSchedule.next(now, t.time(), t.zone(), t.days());
    }
}
