package org.paperscout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.UserKind;

/**
 * Operations end to end from the built jar (issue 12), as an operator runs it: the console with a metrics port,
 * a scrape moving after a real /search, readiness following the data folder; then the Discord bot against the
 * local Discord at TRACE with JSON logs, its Discord counters and gauges in the scrape, no token anywhere in its
 * output, and the Grafana dashboard querying only series the running bot has.
 */
class OperationsIT {

    private static final Path JAR = Path.of(System.getProperty("paperscout.jar", "target/paperscout.jar"))
            .toAbsolutePath();
    private static final Path CHECKOUT = JAR.getParent().getParent();
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Process start(Map<String, String> env, List<String> jvm, Path out, Path err, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(CHECKOUT.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PAPERSCOUT_") || k.equals("DISCORD_TOKEN"));
        pb.environment().put("PAPERSCOUT_DATA_DIR", tmp.resolve("data").toString());
        pb.environment().put("PAPERSCOUT_SOURCES_ARXIV_ENABLED", "false");
        pb.environment().put("PAPERSCOUT_SOURCES_HF_ENABLED", "false");
        pb.environment().put("PAPERSCOUT_SEARCH_SEMANTIC", "false");
        pb.environment().putAll(env);
        return pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    record Answer(int status, String body) {
    }

    /** GET on the ops server; status -1 while nothing listens yet. */
    private Answer get(int port, String path) throws Exception {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (ConnectException e) {
            return new Answer(-1, "");
        }
    }

    /** Polls {@code path} until its answer satisfies {@code until}; the process must keep running meanwhile. */
    private Answer await(Process p, int port, String path, Predicate<Answer> until, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Answer a = get(port, path);
            if (until.test(a)) {
                return a;
            }
            assertThat(System.nanoTime()).as(what + "; last answer " + a).isLessThan(deadline);
            assertThat(p.waitFor(250, TimeUnit.MILLISECONDS)).as("still running while waiting: " + what).isFalse();
        }
    }

    /** The value of one series, exactly as the scrape writes it (labels in Prometheus' sorted order); 0 if absent. */
    static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+|NaN)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void theConsoleCountsASearchAndReadinessFollowsTheDataFolder() throws Exception {
        int port = freePort();
        Path out = tmp.resolve("console-out.txt");
        Path err = tmp.resolve("console-err.txt");
        Process p = start(Map.of("PAPERSCOUT_METRICS_PORT", String.valueOf(port)), List.of(), out, err, "console");
        try (OutputStream in = p.getOutputStream()) {
            Answer ready = await(p, port, "/readyz", a -> a.status() == 200, "ready");
            List<String> names = new ArrayList<>();
            new ObjectMapper().readTree(ready.body()).get("checks").forEach(c -> names.add(c.get("name").asText()));
            assertThat(names).containsExactlyInAnyOrder("index", "database", "sources", "console");
            assertThat(get(port, "/healthz").status()).isEqualTo(200);

            String before = get(port, "/metrics").body();
            String answered = "paperscout_interactions_total{command=\"search\",outcome=\"answered\"}";
            assertThat(value(before, answered)).isZero();
            assertThat(value(before, "paperscout_search_latency_seconds_count")).isZero();

            in.write("/search goldfish loss\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            String after = await(p, port, "/metrics", a -> value(a.body(), answered) == 1, "the search counted").body();
            assertThat(value(after, "paperscout_search_latency_seconds_count")).isEqualTo(1);
            assertThat(value(after, "paperscout_interaction_latency_seconds_count{command=\"search\"}")).isEqualTo(1);
            assertThat(value(after, "paperscout_index_papers")).isPositive();
            // What users typed never becomes a label or a value.
            assertThat(after).doesNotContain("goldfish");

            // A data folder that refuses writes, made so even as root (who ignores permission bits): the readiness
            // probe's own path taken by a folder.
            Path blocker = Files.createDirectories(tmp.resolve("data").resolve(".ready-probe").resolve("in-the-way"));
            Answer notReady = await(p, port, "/readyz", a -> a.status() == 503, "not ready while unwritable");
            JsonNode body = new ObjectMapper().readTree(notReady.body());
            assertThat(body.get("checks")).anySatisfy(c -> {
                assertThat(c.get("name").asText()).isEqualTo("database");
                assertThat(c.get("ok").asBoolean()).isFalse();
                assertThat(c.get("detail").asText()).contains("does not take writes");
            });
            assertThat(get(port, "/healthz").status()).as("alive, though not ready").isEqualTo(200);
            Files.delete(blocker);
            Files.delete(blocker.getParent());
            await(p, port, "/readyz", a -> a.status() == 200, "ready again once writable");
        }
        assertThat(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exits at the end of its input").isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(out)).contains(" 1. Be like a Goldfish");
    }

    /**
     * Issue 10: SIGTERM (docker stop, {@code kill}) and Ctrl-C close the console's app as {@code exit} does. Run as
     * operators run it: {@code java -jar} (so through the class-archive parent, which passes SIGTERM on to its child),
     * with the ops port polled over keep-alive connections while it runs. The close is what checkpoints SQLite and
     * deletes its WAL file; a JVM that ends without it leaves {@code paperscout.db-wal} behind.
     */
    @Test
    void sigtermClosesTheConsoleAndWhatWasTypedIsThereAfterARestart() throws Exception {
        int port = freePort();
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("console-out.txt");
        Process p = start(Map.of("PAPERSCOUT_METRICS_PORT", String.valueOf(port)), List.of(), out,
                tmp.resolve("console-err.txt"), "console");
        try (OutputStream in = p.getOutputStream()) {
            await(p, port, "/readyz", a -> a.status() == 200, "ready");
            in.write("/follow topic sigterm-kept\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!Files.readString(out).contains("sigterm-kept")) {
                assertThat(System.nanoTime()).as("the /follow answered").isLessThan(deadline);
                assertThat(p.waitFor(100, TimeUnit.MILLISECONDS)).as("still running").isFalse();
            }
            assertThat(get(port, "/readyz").status()).isEqualTo(200);
            assertThat(data.resolve("paperscout.db-wal")).as("the WAL while it runs").exists();
            // SIGTERM alone. Not p.destroy(): it also closes the process's standard input, and the console closes
            // the app at the end of its input; that came first often enough to hide the missing close.
            assertThat(p.toHandle().destroy()).isTrue();
            assertThat(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
        assertThat(p.exitValue()).as("the exit code of SIGTERM").isEqualTo(143);
        assertThat(data.resolve("paperscout.db-wal")).as("closed: SQLite checkpointed and removed its WAL")
                .doesNotExist();
        assertThat(data.resolve("paperscout.db-shm")).doesNotExist();

        Path again = tmp.resolve("again-out.txt");
        Process restarted = start(Map.of(), List.of(), again, tmp.resolve("again-err.txt"), "console");
        try (OutputStream in = restarted.getOutputStream()) {
            in.write("/following\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(restarted.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(again)).contains("sigterm-kept");
    }

    @Test
    void discordIsCountedTheJsonLogAtTraceHasNoTokenAndTheDashboardQueriesOnlyRealSeries() throws Exception {
        String token = "MTEy.Secret" + UUID.randomUUID().toString().replace("-", "") + ".tok";
        int port = freePort();
        Path out = tmp.resolve("bot-out.txt");
        Path err = tmp.resolve("bot-err.txt");
        // Everything at TRACE, JDA and the HTTP client included, through the same STDERR appender log.format
        // switches to JSON.
        Path logback = tmp.resolve("logback-trace.xml");
        Files.writeString(logback, """
                <configuration>
                  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="TRACE"><appender-ref ref="STDERR"/></root>
                </configuration>
                """);
        try (LocalDiscord discord = LocalDiscord.builder().acceptedToken(token).start()) {
            Map<String, String> env = new HashMap<>();
            env.put("DISCORD_TOKEN", token);
            env.put("PAPERSCOUT_DISCORD_REST_URL", discord.restBaseUrl());
            env.put("PAPERSCOUT_DISCORD_GATEWAY_URL", discord.gatewayUrl());
            env.put("PAPERSCOUT_METRICS_PORT", String.valueOf(port));
            env.put("PAPERSCOUT_LOG_FORMAT", "json");
            Process p = start(env, List.of("-Dlogback.configurationFile=" + logback), out, err);
            try {
                await(p, port, "/readyz", a -> a.status() == 200, "ready once Discord is connected");
                discord.awaitFirstAnswer(discord.slash(UserKind.MEMBER, "search",
                        Option.string("query", "goldfish loss")), WAIT);
                discord.awaitFirstAnswer(discord.slash(UserKind.MEMBER, "help"), WAIT);
                String scrape = await(p, port, "/metrics", a ->
                        value(a.body(), "paperscout_interactions_total{command=\"help\",outcome=\"answered\"}") == 1
                                // a deferred search is counted answered when its edit goes out, after the first answer
                                && value(a.body(), "paperscout_interactions_total{command=\"search\",outcome=\"answered\"}")
                                == 1, "both interactions counted").body();
                assertThat(value(scrape, "paperscout_interaction_first_answer_seconds_count{command=\"search\"}"))
                        .isEqualTo(1);
                assertThat(scrape).containsPattern("(?m)^paperscout_discord_gateway_ping_ms [0-9]");
                assertThat(value(scrape, "paperscout_discord_shards")).isEqualTo(1);
                assertThat(value(scrape, "paperscout_discord_shards_connected")).isEqualTo(1);
                // Bounded labels: no Discord snowflake (user, guild, channel id) in any label value.
                assertThat(scrape).doesNotContainPattern("=\"\\d{15,}\"").doesNotContain("goldfish")
                        .doesNotContain(token);
                for (String metric : dashboardMetrics(CHECKOUT.resolve("config/grafana-dashboard.json"))) {
                    assertThat(scrape).as("config/grafana-dashboard.json queries %s", metric)
                            .containsPattern("(?m)^" + metric + "[{ ]");
                }
            } finally {
                p.destroy();
                assertThat(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            }
        }
        String errText = Files.readString(err);
        assertThat(errText + Files.readString(out)).doesNotContain(token);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : errText.lines().filter(l -> l.startsWith("{")).toList()) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).as("JSON log lines at TRACE").hasSizeGreaterThan(50)
                .anyMatch(j -> j.path("level").asText().equals("TRACE"))
                .anyMatch(j -> j.path("loggerName").asText().startsWith("net.dv8tion"));
        assertThat(lines).allSatisfy(j -> assertThat(j.has("timestamp") && j.has("level") && j.has("loggerName")
                && j.has("message")).as(j.toString()).isTrue());
        assertThat(lines).as("an interaction's line carries command, outcome, latency and shard")
                .anySatisfy(j -> {
                    JsonNode mdc = j.path("mdc");
                    assertThat(mdc.path("command").asText()).isEqualTo("search");
                    assertThat(mdc.path("outcome").asText()).isEqualTo("answered");
                    assertThat(mdc.path("latency_ms").asText()).matches("\\d+");
                    assertThat(mdc.path("shard").asText()).isEqualTo("0");
                });
    }

    /** Every series name the dashboard's queries use. */
    static Set<String> dashboardMetrics(Path dashboard) throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern metric = Pattern.compile("\\b((?:paperscout|jvm|process)_[a-z0-9_]+)");
        for (JsonNode expr : new ObjectMapper().readTree(dashboard.toFile()).findValues("expr")) {
            Matcher m = metric.matcher(expr.asText());
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
