package org.paperscout.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.store.SeenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every due digest exactly once per (target, local date).
 *
 * <p>The ledger row is written (pending) before anything is sent and completed (sent) with the message id after;
 * the message carries a nonce derived from the row, with {@code enforce_nonce}. So after a crash at any point a
 * pending row is either found in the channel (the message exists: record it) or sent again with the same nonce
 * (Discord returns the original if the first one did get through in the last minutes). On start every pending row
 * is settled that way before anything new is sent. A digest missed while the bot was down is sent late (saying so)
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
    /** A digest sent later than this after its time says it is late. */
    static final Duration LATE_AFTER = Duration.ofMinutes(15);
    /** How far back missed days are recorded after a long outage (older ones are simply not listed). */
    static final int MISSED_DAYS_RECORDED = 14;
    /** The window of a digest never reaches back further than this, however long ago the last one was. */
    static final Duration MAX_WINDOW = Duration.ofDays(7);
    /** A digest due late in the evening still gets this long for retries, past midnight. */
    static final Duration MIN_RETRY_SPAN = Duration.ofHours(2);
    /** On close, how long a run in progress gets to finish before it is interrupted. */
    static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final DigestStore store;
    private final DigestContent content;
    private final SeenStore seen;
    private final Publisher publisher;
    private final DigestConfig config;
    private final Clock clock;
    private final Pacer pacer;
    /** Targets with a delivery in flight in this process: a tick never touches their pending row. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Object runLock = new Object();
    private ExecutorService senders;
    private ScheduledExecutorService ticker;
    /** Set first thing on close: work not started yet is left for the next start, and failures are expected. */
    private volatile boolean closing;
    private Duration stopWait = STOP_WAIT;

    public DigestJob(DigestStore store, DigestContent content, SeenStore seen, Publisher publisher,
                     DigestConfig config, Clock clock) {
        this(store, content, seen, publisher, config, clock, new RatePacer(config.sendsPerSecond()));
    }

    DigestJob(DigestStore store, DigestContent content, SeenStore seen, Publisher publisher, DigestConfig config,
              Clock clock, Pacer pacer) {
        this.store = store;
        this.content = content;
        this.seen = seen;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
        this.pacer = pacer;
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
        ticker = Executors.newSingleThreadScheduledExecutor(daemon("digest-ticker"));
        // The first run settles pending rows (every pending row is unfinished business of a dead process now).
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
            Counts counts = new Counts();
            List<DigestTarget> all = store.allTargets();
            java.util.Map<String, DigestTarget> byKey = new java.util.HashMap<>();
            all.forEach(t -> byKey.put(t.key(), t));
            // The console and the bot may share a data folder: each front end delivers only its own targets.
            List<DigestTarget> targets = all.stream().filter(publisher::serves).toList();
            List<Runnable> work = new ArrayList<>();
            Set<String> touched = new java.util.HashSet<>();
            for (Delivery d : store.pending()) {
                DigestTarget owner = byKey.get(d.target());
                if (owner != null && !publisher.serves(owner)) {
                    continue;
                }
                if (inFlight.contains(d.target()) || (d.nextAttemptAt() != null && d.nextAttemptAt().isAfter(now))) {
                    touched.add(d.target());
                    continue;
                }
                touched.add(d.target());
                work.add(() -> settle(owner, d, now, counts));
            }
            for (DigestTarget t : targets) {
                if (!touched.contains(t.key()) && !inFlight.contains(t.key())) {
                    work.add(() -> deliver(t, now, counts));
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
            senders = Executors.newFixedThreadPool(config.senders(), daemon("digest-sender"));
        }
        return senders;
    }

    // ---------------------------------------------------------------- a due digest

    private void deliver(DigestTarget t, Instant now, Counts counts) {
        if (t.kind() == DigestTarget.Kind.DM && t.isDisabled()) {
            return; // paused until the user runs /notify daily again
        }
        DigestSchedule.Occurrence occ = DigestSchedule.latest(now, t.time(), t.zone(), t.days());
        if (occ.at().isBefore(t.effectiveFrom())) {
            return;
        }
        if (store.delivery(t.key(), occ.date()).isPresent()) {
            return;
        }
        recordMissedBefore(t, occ, counts);
        Duration lateBy = Duration.between(occ.at(), now);
        if (lateBy.compareTo(config.grace()) > 0) {
            if (store.claim(t, occ.date(), Delivery.State.MISSED, occ.at(), occ.at(), false,
                    "the bot was offline at digest time").created()) {
                counts.missed.incrementAndGet();
            }
            return;
        }
        boolean late = lateBy.compareTo(LATE_AFTER) > 0;
        Instant windowFrom = windowFrom(t, occ);
        Composed composed = compose(t, occ, windowFrom, late);
        if (composed.empty() && t.skipEmpty()) {
            if (store.claim(t, occ.date(), Delivery.State.SKIPPED, occ.at(), windowFrom, late,
                    "nothing new: " + composed.emptyNote()).created()) {
                counts.skipped.incrementAndGet();
            }
            return;
        }
        if (!inFlight.add(t.key())) {
            return;
        }
        try {
            DigestStore.Claim claim = store.claim(t, occ.date(), Delivery.State.PENDING, occ.at(), windowFrom, late,
                    null, composed.paperIds());
            if (!claim.created()) {
                return;
            }
            send(t, claim.delivery(), composed, now, counts);
        } finally {
            inFlight.remove(t.key());
        }
    }

    private void recordMissedBefore(DigestTarget t, DigestSchedule.Occurrence occ, Counts counts) {
        Optional<Delivery> last = store.latest(t.key());
        DigestSchedule.Occurrence p = occ;
        for (int i = 0; i < MISSED_DAYS_RECORDED; i++) {
            p = DigestSchedule.previous(p, t.time(), t.zone(), t.days());
            if (p.at().isBefore(t.effectiveFrom()) || (last.isPresent() && !p.date().isAfter(last.get().date()))) {
                return;
            }
            if (store.claim(t, p.date(), Delivery.State.MISSED, p.at(), p.at(), false,
                    "the bot was offline at digest time").created()) {
                counts.missed.incrementAndGet();
            }
        }
    }

    /** Papers since the last digest that went out, or since the previous due time; never more than a week. */
    private Instant windowFrom(DigestTarget t, DigestSchedule.Occurrence occ) {
        Instant floor = occ.at().minus(MAX_WINDOW);
        Instant from = store.latestSent(t.key()).map(Delivery::dueAt)
                .orElse(DigestSchedule.previous(occ, t.time(), t.zone(), t.days()).at());
        return from.isBefore(floor) ? floor : from;
    }

    /** A digest ready to send: the message, the papers it shows, and why it is empty when it is. */
    record Composed(Reply reply, List<String> paperIds, String emptyNote) {
        boolean empty() {
            return paperIds.isEmpty();
        }
    }

    /** Builds a target's digest for an occurrence (package-private for the benchmark, which times exactly this). */
    Composed compose(DigestTarget t, DigestSchedule.Occurrence occ, Instant windowFrom, boolean late) {
        if (t.kind() == DigestTarget.Kind.DM) {
            Set<String> shown = seen.seenPaperIds(t.id());
            DigestContent.Ranked ranked = content.recommended(t.id(), shown, occ.at(), DigestComposer.DM_SIZE);
            List<String> ids = ranked.picks().stream().map(p -> p.paper().id())
                    .filter(id -> !shown.contains(id)).toList();
            return new Composed(DigestComposer.personal(occ.date(), occ.at(), ranked, late), ids,
                    "nothing you haven't seen");
        }
        DigestContent.Ranked ranked = content.trending(windowFrom, occ.at(), t.topic(), 0, t.size());
        List<String> ids = ranked.picks().stream().map(p -> p.paper().id()).toList();
        return new Composed(DigestComposer.channel(t, occ.date(), occ.at(), windowFrom, ranked, late), ids,
                DigestComposer.emptyReason(windowFrom, occ.at(), t.zone(), t.topic()));
    }

    private void send(DigestTarget t, Delivery d, Composed composed, Instant now, Counts counts) {
        if (t.kind() == DigestTarget.Kind.CHANNEL && t.isDisabled()) {
            // The day's one attempt for a disabled channel: skip the request while the cause is still visible.
            List<String> missing = publisher.missingPermissions(t.guildId(), t.id());
            if (!missing.isEmpty()) {
                store.complete(d.id(), Delivery.State.FAILED, null, 0, "still disabled: " + t.disabled());
                counts.failed.incrementAndGet();
                return;
            }
        }
        try {
            pacer.acquire();
            String messageId = publisher.publish(t, composed.reply(), d.nonce());
            // A DM's papers become "seen" in this same commit (the ledger row carries them since it was written).
            store.complete(d.id(), Delivery.State.SENT, messageId, composed.paperIds().size(),
                    composed.empty() ? "nothing new: " + composed.emptyNote() : null);
            counts.sent.incrementAndGet();
            if (t.isDisabled()) {
                store.enable(t);
                log.info("digest for {} works again; re-enabled", t.key());
            }
        } catch (PublishException e) {
            failed(t, d, e, now, counts);
        } catch (RuntimeException e) {
            if (closing) {
                // The row stays pending: the next start settles it (finds the message, or sends it again).
                log.info("digest for {} on {} stopped by shutdown ({})", t.key(), d.date(), e.toString());
                return;
            }
            log.warn("digest for {} on {} failed unexpectedly", t.key(), d.date(), e);
            failed(t, d, new PublishException(PublishException.Kind.TRANSIENT, "an unexpected error", e), now, counts);
        }
    }

    private void failed(DigestTarget t, Delivery d, PublishException e, Instant now, Counts counts) {
        switch (e.kind()) {
            case NO_ACCESS, DMS_CLOSED -> {
                store.complete(d.id(), Delivery.State.FAILED, null, 0, e.reason());
                counts.failed.incrementAndGet();
                boolean tellAdmin = store.disable(t, e.reason());
                log.warn("digest for {} disabled: {}", t.key(), e.reason());
                if (tellAdmin && t.adminId() != null) {
                    pacer.acquire();
                    boolean told = publisher.tell(t.adminId(), "The daily paper digest you set for " + Text.channel(t.id())
                            + " is paused: " + e.reason() + ". Fix it and run /digest set again, or remove it with "
                            + "/digest off. /digest status shows the details.");
                    if (!told) {
                        log.info("could not tell the admin of {} by DM", t.key());
                    }
                }
            }
            case REJECTED -> {
                store.complete(d.id(), Delivery.State.FAILED, null, 0, e.reason());
                counts.failed.incrementAndGet();
                log.error("Discord refused the digest for {} on {}: {}", t.key(), d.date(), e.reason(), e);
            }
            case TRANSIENT -> {
                Instant next = now.plus(backoff(d.attempts()));
                Instant deadline = retryDeadline(t, d);
                if (next.isAfter(deadline)) {
                    store.complete(d.id(), Delivery.State.FAILED, null, 0,
                            "gave up after " + Text.count(d.attempts() + 1, "attempt") + ": " + e.reason());
                    counts.failed.incrementAndGet();
                } else {
                    store.retryLater(d.id(), next, e.reason());
                    counts.retrying.incrementAndGet();
                }
            }
        }
    }

    private Duration backoff(int attempts) {
        Duration wait = config.retryFirst();
        for (int i = 0; i < attempts && wait.compareTo(config.retryMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.retryMax()) > 0 ? config.retryMax() : wait;
    }

    /** The end of the digest's local day, or two hours after it was due if that is later. */
    private static Instant retryDeadline(DigestTarget t, Delivery d) {
        Instant endOfDay = d.date().plusDays(1).atStartOfDay(t.zone()).toInstant();
        Instant min = d.dueAt().plus(MIN_RETRY_SPAN);
        return endOfDay.isAfter(min) ? endOfDay : min;
    }

    // ---------------------------------------------------------------- pending rows

    /**
     * A pending row nobody in this process is sending: a crash left it, or a server error asked for a retry. Look
     * in the channel first; send again (same nonce) only when the digest is not there.
     */
    private void settle(DigestTarget t, Delivery d, Instant now, Counts counts) {
        if (t == null) {
            store.complete(d.id(), Delivery.State.FAILED, null, 0, "the digest was removed before it went out");
            return;
        }
        if (!inFlight.add(t.key())) {
            return;
        }
        try {
            Optional<String> found;
            try {
                pacer.acquire();
                found = publisher.findDelivered(t, d.nonce(), DigestComposer.marker(d.date()),
                        d.dueAt().minus(Duration.ofMinutes(5)));
            } catch (PublishException e) {
                failed(t, d, e, now, counts);
                return;
            }
            if (found.isPresent()) {
                store.complete(d.id(), Delivery.State.SENT, found.get(), d.papers(), null);
                counts.settled.incrementAndGet();
                return;
            }
            Duration lateBy = Duration.between(d.dueAt(), now);
            if (lateBy.compareTo(config.grace()) > 0 && now.isAfter(retryDeadline(t, d))) {
                store.complete(d.id(), Delivery.State.MISSED, null, 0, "not delivered before the grace window ended");
                counts.missed.incrementAndGet();
                return;
            }
            boolean late = d.late() || lateBy.compareTo(LATE_AFTER) > 0;
            DigestSchedule.Occurrence occ = new DigestSchedule.Occurrence(d.date(), d.dueAt());
            Composed composed = compose(t, occ, d.windowFrom(), late);
            if (!composed.paperIds().equals(d.paperIds())) {
                // What goes out now is what becomes seen once it is marked sent.
                store.updatePapers(d.id(), composed.paperIds());
            }
            send(t, d, composed, now, counts);
        } finally {
            inFlight.remove(t.key());
        }
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

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static final class Counts {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger settled = new AtomicInteger();
        final AtomicInteger missed = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger retrying = new AtomicInteger();

        RunSummary summary() {
            return new RunSummary(sent.get(), settled.get(), missed.get(), skipped.get(), failed.get(),
                    retrying.get());
        }
    }

    /** The local date a target's next digest is for and when it is due (for /digest status). */
    static DigestSchedule.Occurrence nextRun(DigestTarget t, Instant now) {
        return DigestSchedule.next(now, t.time(), t.zone(), t.days());
    }
}
