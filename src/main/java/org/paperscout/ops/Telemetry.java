package org.paperscout.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What PaperScout counts and times, for operators. Every meter is named {@code paperscout.*} (Prometheus:
 * {@code paperscout_*}) and its labels take a bounded set of values: command names, outcomes, source names,
 * never a user, a guild or query text. {@link #OFF} records nothing (metrics.port unset).
 */
public final class Telemetry {

    /** Records nothing and keeps nothing: every call returns at once (metrics.port unset). */
    public static final Telemetry OFF = new Telemetry(new CompositeMeterRegistry(), null);

    /** How an interaction ended. */
    public enum Outcome {
        ANSWERED, DEFERRED, BUSY, COOLDOWN, USER_ERROR, FAILED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Duration[] LATENCY_SLOS = {Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(3)};

    private final MeterRegistry registry;
    private final PrometheusMeterRegistry prometheus;

    private Telemetry(MeterRegistry registry, PrometheusMeterRegistry prometheus) {
        this.registry = registry;
        this.prometheus = prometheus;
    }

    /** A registry that keeps everything for {@link #scrape()}, with the JVM and process binders. */
    public static Telemetry prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return new Telemetry(registry, registry);
    }

    public boolean enabled() {
        return prometheus != null;
    }

    /** The Prometheus text exposition of every meter; empty when off. */
    public String scrape() {
        return prometheus == null ? "" : prometheus.scrape();
    }

    /**
     * One interaction: counted by command and outcome, and its latency to the full answer timed by command.
     * {@code command} must come from the registered commands (or a fixed word such as "component").
     */
    public void interaction(String command, Outcome outcome, long nanos) {
        if (!enabled()) {
            return;
        }
        outcome(command, outcome);
        latency("paperscout.interaction.latency", "Time to the full answer", command).record(Duration.ofNanos(nanos));
    }

    /**
     * An outcome only a front end sees, counted without a latency: Discord's acknowledgement of slow work
     * ({@code deferred}, then answered or failed as usual), a full pool ({@code busy}), a user going too fast.
     */
    public void outcome(String command, Outcome outcome) {
        if (!enabled()) {
            return;
        }
        Counter.builder("paperscout.interactions").description("Interactions by command and outcome")
                .tag("command", command).tag("outcome", outcome.label()).register(registry).increment();
    }

    /** Time to the first answer Discord sees (an acknowledgement or the answer itself). */
    public void firstAnswer(String command, long nanos) {
        if (!enabled()) {
            return;
        }
        latency("paperscout.interaction.first.answer", "Time to the first answer", command)
                .record(Duration.ofNanos(nanos));
    }

    /** One /search through the search service: its latency, and whether the result cache answered it. */
    public void search(long nanos, boolean cached) {
        if (!enabled()) {
            return;
        }
        Counter.builder("paperscout.search.cache").description("Searches answered from the result cache or not")
                .tag("result", cached ? "hit" : "miss").register(registry).increment();
        searchTimer().record(Duration.ofNanos(nanos));
    }

    private Timer searchTimer() {
        return Timer.builder("paperscout.search.latency").description("Search service latency")
                .serviceLevelObjectives(LATENCY_SLOS).register(registry);
    }

    /** One write through the store's writer, from queueing to commit; durable ones wait for an fsync. */
    public void storeWrite(boolean durable, long nanos) {
        if (!enabled()) {
            return;
        }
        storeTimer(durable).record(Duration.ofNanos(nanos));
    }

    private Timer storeTimer(boolean durable) {
        return Timer.builder("paperscout.store.write.latency").description("Store write latency, queue wait included")
                .tag("kind", durable ? "durable" : "fast").serviceLevelObjectives(LATENCY_SLOS).register(registry);
    }

    /** One refresh of the index's searchers after a write (what makes new papers searchable). */
    public void indexRefresh(long nanos) {
        if (!enabled()) {
            return;
        }
        refreshTimer().record(Duration.ofNanos(nanos));
    }

    private Timer refreshTimer() {
        return Timer.builder("paperscout.index.refresh").description("Lucene searcher refresh time")
                .serviceLevelObjectives(LATENCY_SLOS).register(registry);
    }

    /** A source poll: by source ({@code arxiv}, {@code hf}) and outcome, with the papers it added. */
    public void poll(String source, boolean ok, int added) {
        if (!enabled()) {
            return;
        }
        Counter.builder("paperscout.source.polls").description("Source polls by source and outcome")
                .tag("source", source).tag("outcome", ok ? "ok" : "failed").register(registry).increment();
        if (added > 0) {
            Counter.builder("paperscout.source.papers.added").tag("source", source).register(registry)
                    .increment(added);
        }
    }

    /** A digest delivery outcome: sent, late, missed, disabled, retried, skipped. */
    public void delivery(String outcome) {
        if (!enabled()) {
            return;
        }
        Counter.builder("paperscout.digest.deliveries").description("Digest deliveries by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    /**
     * Registers the meters of events that may not have happened yet (polls of each source, each delivery outcome,
     * store writes, searches, refreshes) at zero, so dashboards and alerts see a series from the start rather
     * than a gap.
     */
    public void declare(java.util.Collection<String> sources) {
        if (!enabled()) {
            return;
        }
        for (String source : sources) {
            for (String outcome : List.of("ok", "failed")) {
                Counter.builder("paperscout.source.polls").description("Source polls by source and outcome")
                        .tag("source", source).tag("outcome", outcome).register(registry);
            }
            Counter.builder("paperscout.source.papers.added").tag("source", source).register(registry);
        }
        for (String outcome : List.of("sent", "failed", "missed", "skipped")) {
            Counter.builder("paperscout.digest.deliveries").description("Digest deliveries by outcome")
                    .tag("outcome", outcome).register(registry);
        }
        storeTimer(true);
        storeTimer(false);
        searchTimer();
        refreshTimer();
    }

    /** A value read when scraped, e.g. the index's paper count; {@code tags} as name, value pairs. */
    public void gauge(String name, String description, Supplier<Number> value, String... tags) {
        if (!name.startsWith("paperscout.")) {
            throw new IllegalArgumentException("PaperScout meters are named paperscout.*: " + name);
        }
        if (!enabled()) {
            return; // OFF is shared by every instance in a JVM: it must hold no gauge (and no reference) of any
        }
        Gauge.builder(name, () -> {
            Number n = value.get();
            return n == null ? Double.NaN : n.doubleValue();
        }).description(description).tags(tags).register(registry);
    }


    private Timer latency(String name, String description, String command) {
        return Timer.builder(name).description(description).tag("command", command)
                .serviceLevelObjectives(LATENCY_SLOS).register(registry);
    }
}
