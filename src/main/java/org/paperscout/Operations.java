package org.paperscout;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.paperscout.ops.Health;
import org.paperscout.ops.MetricsConfig;
import org.paperscout.ops.OpsServer;
import org.paperscout.ops.Telemetry;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.SearchService;
import org.paperscout.sources.SourcePoller;
import org.paperscout.sources.SourceStatus;
import org.paperscout.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the operator sees: the meters the services record into, the gauges read at scrape time, the readiness
 * checks, and the port that serves them ({@code metrics.port}; nothing is served when it is 0).
 */
final class Operations implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(Operations.class);

    private final MetricsConfig config;
    private final Clock clock;
    private final Instant started;
    private final Telemetry telemetry;
    private final Health health = new Health();
    private OpsServer server;

    Operations(MetricsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.started = clock.instant();
        this.telemetry = config.enabled() ? Telemetry.prometheus() : Telemetry.OFF;
    }

    Telemetry telemetry() {
        return telemetry;
    }

    /** Gauges and readiness checks over the long-lived parts. */
    void watch(PaperIndex index, SearchService search, SourcePoller sources, Database database, Path dataDir) {
        sources.observe(telemetry);
        database.observe(telemetry);
        index.observe(telemetry);
        telemetry.declare(sources.sourceNames());
        telemetry.gauge("paperscout.index.papers", "Papers in the index", index::size);
        // With several processes on one store exactly one should show 1; none or two for long is an alert.
        telemetry.gauge("paperscout.sources.leader", "1 when this process polls the sources (always on SQLite)",
                () -> sources.leads() ? 1 : 0);
        if (search.semanticEnabled()) {
            telemetry.gauge("paperscout.semantic.embedded", "Papers with an embedding",
                    () -> search.semanticProgress().map(p -> (Number) p.embedded()).orElse(null));
        }
        for (String name : sources.sourceNames()) {
            telemetry.gauge("paperscout.source.last.success.age.seconds", "Seconds since the source's last good poll",
                    () -> {
                        Instant last = status(sources, name).lastSuccess(); // one store read per scrape
                        return last == null ? null : Duration.between(last, clock.instant()).toSeconds();
                    }, "source", name);
            telemetry.gauge("paperscout.source.consecutive.failures", "Failed polls in a row",
                    () -> status(sources, name).consecutiveFailures(), "source", name);
        }
        health.add("index", () -> {
            index.size();
            return null;
        });
        health.add("database", () -> {
            database.read(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                return null;
            });
            // The data folder takes the index, exports and (with SQLite) the database: prove it takes a write.
            Path probe = dataDir.resolve(".ready-probe");
            try {
                Files.writeString(probe, clock.instant().toString());
                Files.delete(probe);
            } catch (IOException e) {
                return "the data folder " + dataDir + " does not take writes: " + e.getMessage();
            }
            return null;
        });
        health.add("sources", () -> {
            for (SourceStatus s : sources.statuses()) {
                Instant since = s.lastSuccess() == null ? started : s.lastSuccess();
                if (s.enabled() && !s.healthy()
                        && Duration.between(since, clock.instant()).compareTo(config.sourceUnhealthyAfter()) > 0) {
                    return s.displayName() + " has failed " + s.consecutiveFailures() + " polls in a row, last good "
                            + (s.lastSuccess() == null ? "never" : s.lastSuccess().toString());
                }
            }
            return null;
        });
    }

    /** Adds the front end's check and serves the port, when one is configured. */
    void start(String frontEnd, Health.Probe probe) throws IOException {
        health.add(frontEnd, probe);
        if (config.enabled() && server == null) {
            server = OpsServer.start(config.host(), config.port(), telemetry, health);
            log.info("Metrics and health on http://{}:{}/metrics, /healthz, /readyz", config.host(), server.port());
        }
    }

    private static SourceStatus status(SourcePoller sources, String name) {
        return sources.statuses().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
