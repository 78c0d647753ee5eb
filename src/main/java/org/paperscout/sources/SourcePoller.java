package org.paperscout.sources;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.paperscout.ops.Telemetry;
import org.paperscout.search.PaperIndex;
import org.paperscout.store.Database;
import org.paperscout.store.LeaderLock;
import org.paperscout.util.Backoff;
import org.paperscout.util.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every enabled source once per {@code sources.poll-interval} on its own single thread, and keeps each
 * source's state in SQLite: where it got to, when it last succeeded, what it added, when it runs next, and why it
 * last failed. A failed poll is retried after {@code sources.failure-backoff}, doubling per consecutive failure up
 * to {@code sources.failure-backoff-max} (or later, when the server said so); after
 * {@code sources.unhealthy-after} failures in a row the source shows as unhealthy in {@code /status} until a poll
 * succeeds. The schedule survives restarts: the next poll time is stored, so restarting the bot does not poll
 * again at once.
 */
public final class SourcePoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SourcePoller.class);
    /** {@code /status} shows one line per error; server messages are not worth more. */
    private static final int MAX_ERROR_CHARS = 300;

    private final SourcesConfig config;
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final SourceStateStore store;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private volatile boolean started;
    private volatile boolean closing;
    /** When each source's next scheduled poll runs in this process. */
    private final Map<String, Instant> scheduled = new java.util.concurrent.ConcurrentHashMap<>();
    /** Set when this poller built the fetcher itself; closed with the poller. */
    private HttpFetcher fetcher;
    /** Scheduled polls run only while this is held; another process polls meanwhile. */
    private LeaderLock leader = LeaderLock.always();
    /** How often a process that does not lead asks again, so it takes over soon after the leader dies. */
    private Duration leaderRetry = Duration.ofSeconds(5);
    /** Sources whose scheduled poll found another process leading; on taking over they wait for the stored time. */
    private final Set<String> waitingForLead = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param index where papers go; it commits and refreshes on every write, so new papers reach search at once.
     *              One source's update keeps what the other knows (arXiv categories, Hugging Face upvotes).
     */
    private volatile Telemetry telemetry = Telemetry.OFF;

    public SourcePoller(SourcesConfig config, Database db, PaperIndex index, Clock clock) {
        this(config, db, index, null, clock);
    }

    /**
     * @param feed null: one process, papers go straight into {@code index}. Otherwise polls run only while this
     *             process holds the feed's lead, and papers go through the shared feed (see {@link PaperFeed}).
     */
    public SourcePoller(SourcesConfig config, Database db, PaperIndex index, PaperFeed feed, Clock clock) {
        this(config, HttpFetcher.create(config, clock), db, index, feed, clock);
    }

    private SourcePoller(SourcesConfig config, HttpFetcher fetcher, Database db, PaperIndex index, PaperFeed feed,
                         Clock clock) {
        this(config, defaultSources(config, fetcher, new MergingSink(feed == null ? index::upsert : feed::publish),
                clock), new SourceStateStore(db), clock, newExecutor());
        this.fetcher = fetcher;
        if (feed != null) {
            leadWith(feed.lock(), config.followInterval());
        }
    }

    /** Scheduled polls run only while {@code lock} is held; a process without it asks again every {@code retry}. */
    SourcePoller leadWith(LeaderLock lock, Duration retry) {
        this.leader = lock;
        this.leaderRetry = retry;
        return this;
    }

    SourcePoller(SourcesConfig config, List<Source> sources, SourceStateStore store, Clock clock,
                 ScheduledExecutorService executor) {
        if (executor instanceof ScheduledThreadPoolExecutor pool) {
            // close() lets a running poll finish its write; polls not yet due are dropped.
            pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        }
        this.config = config;
        sources.forEach(s -> this.sources.put(s.name(), s));
        this.store = store;
        this.clock = clock;
        this.executor = executor;
    }

    private static ScheduledExecutorService newExecutor() {
        return new ScheduledThreadPoolExecutor(1, DaemonThreads.named("paperscout-sources"));
    }

    static List<Source> defaultSources(SourcesConfig config, HttpFetcher fetcher, MergingSink sink, Clock clock) {
        return List.of(new ArxivSource(config, fetcher, sink), new HfDailySource(config, fetcher, sink, clock));
    }

    /** The source names {@code --from} accepts. */
    /** Counts polls by source and outcome, and papers added, into {@code metrics} from now on. */
    public void observe(Telemetry metrics) {
        this.telemetry = metrics;
    }

    /** Whether this process is the one that polls (always, on SQLite); as of its last check of the lead. */
    public boolean leads() {
        return leader.leading();
    }

    public List<String> sourceNames() {
        return List.copyOf(sources.keySet());
    }

    boolean enabled(String name) {
        return switch (name) {
            case ArxivSource.NAME -> config.arxivEnabled();
            case HfDailySource.NAME -> config.hfEnabled();
            default -> true;
        };
    }

    /** Schedules every enabled source: due ones at once, others when their stored next poll comes. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        Instant now = clock.instant();
        for (Source s : sources.values()) {
            if (!enabled(s.name())) {
                log.info("source {} is off (sources.{}.enabled=false)", s.name(), s.name());
                continue;
            }
            Instant next = store.get(s.name()).nextPollAt();
            Duration delay = next == null || next.isBefore(now) ? Duration.ZERO : Duration.between(now, next);
            schedule(s, delay);
        }
    }

    private void schedule(Source source, Duration delay) {
        scheduled.put(source.name(), clock.instant().plus(delay));
        try {
            executor.schedule(() -> runScheduled(source), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("not scheduling {}: the poller is closed", source.name());
        }
    }

    /** Never throws: a scheduled task that throws is silently never run again. */
    private void runScheduled(Source source) {
        try {
            if (!leader.tryLead()) {
                waitingForLead.add(source.name());
                schedule(source, leaderRetry);
                return;
            }
            if (waitingForLead.contains(source.name())) {
                // Taking over from a leader that polled on the same shared schedule: poll when it would have.
                Duration due = untilStoredPoll(source);
                waitingForLead.remove(source.name());
                if (!due.isZero()) {
                    schedule(source, due);
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("cannot read the schedule of source {} ({}); asking again in {}", source.name(), e.getMessage(),
                    leaderRetry);
            schedule(source, leaderRetry);
            return;
        }
        Duration next = config.failureBackoff();
        try {
            PollResult result = poll(source, line -> log.debug("{}", line));
            log.info("polled {}", result);
            next = untilNextPoll(source);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Throwable t) {
            // already recorded and logged by poll() when it could; the schedule goes on regardless
            try {
                next = untilNextPoll(source);
            } catch (Throwable again) {
                log.error("cannot read the state of source {}; trying again in {}", source.name(), next, again);
            }
        }
        if (!Thread.currentThread().isInterrupted()) {
            schedule(source, next);
        }
    }

    private Duration untilStoredPoll(Source source) {
        Instant at = store.get(source.name()).nextPollAt();
        return at == null || at.isBefore(clock.instant()) ? Duration.ZERO : Duration.between(clock.instant(), at);
    }

    private Duration untilNextPoll(Source source) {
        Instant at = store.get(source.name()).nextPollAt();
        Duration d = at == null ? config.pollInterval() : Duration.between(clock.instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * Polls one source now (the CLI's {@code ingest --from}), whether or not it is enabled, and records the outcome
     * like a scheduled poll.
     *
     * @throws IllegalArgumentException naming the known sources when {@code name} is not one
     * @throws IOException              the poll failed; the reason is recorded for {@code /status}
     */
    public PollResult pollOnce(String name, Consumer<String> progress) throws IOException, InterruptedException {
        Source source = sources.get(name);
        if (source == null) {
            throw new IllegalArgumentException("unknown source '" + name + "'; choose one of "
                    + String.join(", ", sources.keySet()));
        }
        return poll(source, progress);
    }

    private PollResult poll(Source source, Consumer<String> progress) throws IOException, InterruptedException {
        // One poll of a source at a time, whether scheduled or from the CLI.
        synchronized (source) {
            SourceState state = store.get(source.name());
            try {
                Source.Outcome outcome = source.poll(state, progress);
                Instant end = clock.instant();
                store.save(state.succeeded(outcome.cursor(), outcome.result(), end, end.plus(config.pollInterval())));
                telemetry.poll(source.name(), true, outcome.result().added());
                outcome.result().problems().forEach(p -> log.info("{}: skipped {}", source.name(), p));
                return outcome.result();
            } catch (IOException | RuntimeException e) {
                if (!closing && !Thread.currentThread().isInterrupted()) {
                    recordFailure(source, state, e); // a poll cut short by close() is not the source's failure
                }
                throw e;
            }
        }
    }

    private void recordFailure(Source source, SourceState state, Exception e) {
        telemetry.poll(source.name(), false, 0);
        int failures = state.consecutiveFailures() + 1;
        Duration wait = failureDelay(failures);
        if (e instanceof FetchException f && f.retryAfter() != null && f.retryAfter().compareTo(wait) > 0) {
            wait = f.retryAfter();
        }
        Instant end = clock.instant();
        String message = oneLine(e);
        try {
            store.save(state.failed(message, end, end.plus(wait)));
        } catch (RuntimeException storeFailure) {
            log.error("cannot record the failure of source {}", source.name(), storeFailure);
        }
        if (failures >= config.unhealthyAfter()) {
            log.warn("source {} is unhealthy: {} failed polls in a row, the latest: {}; next try in {}",
                    source.name(), failures, message, wait);
        } else {
            log.warn("polling {} failed: {}; next try in {}", source.name(), message, wait);
        }
    }

    /** Exponential in consecutive failures, capped: a broken source is still tried now and then, never hammered. */
    Duration failureDelay(int failures) {
        return new Backoff(config.failureBackoff(), config.failureBackoffMax()).delay(failures - 1);
    }

    static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.lines().findFirst().orElse(m).strip();
        return m.length() > MAX_ERROR_CHARS ? m.substring(0, MAX_ERROR_CHARS - 1) + "…" : m;
    }

    /** Every source's status, in a fixed order (arXiv, then Hugging Face). */
    public List<SourceStatus> statuses() {
        return sources.keySet().stream().map(name -> {
            SourceState s = store.get(name);
            boolean on = enabled(name);
            return new SourceStatus(name, on, s.consecutiveFailures() < config.unhealthyAfter(),
                    s.consecutiveFailures(), s.lastSuccessAt(), s.lastAdded(), s.lastUpdated(), s.totalAdded(),
                    s.totalUpdated(), s.totalSkipped(), on && started && leader.leading() ? scheduled.get(name) : null,
                    s.lastError());
        }).toList();
    }

    /**
     * Stops polling. A request or wait under way ends at once (that document is not used); a write to the index
     * under way finishes first. Nothing is interrupted: an interrupt inside Lucene's writer can close it for good.
     */
    @Override
    public void close() {
        closing = true;
        if (fetcher != null) {
            fetcher.close();
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("a source poll did not stop within 30 s; leaving it");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
