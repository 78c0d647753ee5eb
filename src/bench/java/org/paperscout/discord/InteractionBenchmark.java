package org.paperscout.discord;

import java.nio.file.Files;
import java.time.Clock;
import java.util.HashMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.paperscout.PaperScout;
import org.paperscout.catalog.Ingestor;
import org.paperscout.config.Settings;
import org.paperscout.discord.local.Interaction;
import org.paperscout.discord.local.RecordedCall;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.UserKind;

/**
 * First-answer latency of {@code /search} (the lead's command over the seeds' Lucene index, or the index in a
 * given data folder) through the production bot (real JDA) and the local Discord, at 1, 10 and 50 concurrent
 * users, each sending its next command as soon as the last one was fully answered. Latency is measured by the
 * server from dispatch to arrival of the first callback, as Discord's 3-second clock is. The local Discord and the
 * users run in a JVM of their own ({@link UsersJvm}), so this JVM holds only the bot and its collections are the
 * bot's; per level it prints the CPU per answer of both JVMs and of the bot's alone, and the bot's collections (count,
 * accumulated time, and the JVM uptime of the level, to find its pauses in a {@code -Xlog:gc} file).
 * {@code -Dbench.think=MS} makes each user pause a random time of that mean (exponential) before its next command,
 * as people do, instead of the closed loop; {@code -Dbench.commands=N} sets the commands per level and
 * {@code -Dbench.warmup=N} the closed-loop commands of 4 users before the first (200; more when only the 50-user
 * level runs, so the JIT has warmed the bot up as levels 1 and 10 would). Prints figures;
 * asserts nothing about speed.
 *
 * <p>Run: {@code bench interaction [data-dir]} (README, "Benchmarks"). With {@code -Dbench.postgres=true} the store is
 * the tests' embedded PostgreSQL instead of SQLite. With {@code -Dbench.metrics=true} the bot
 * runs with a metrics port (the Prometheus registry records every interaction, search and write, and a scrape
 * is taken every 5 s as a Prometheus server would), which is the cost of {@code metrics.port};
 * {@code -Dbench.users=50} runs one level only; {@code -Dbench.discord.jvm="..."} sets the users' JVM's options
 * ({@code -XX:+UseZGC} by default) and {@code -Dbench.discord=same-jvm} runs the local Discord and the users in the
 * bot's JVM, as before.
 */
public final class InteractionBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 200);
    private static final int[] USERS = java.util.Arrays.stream(System.getProperty("bench.users", "1,10,50")
            .split(",")).mapToInt(u -> Integer.parseInt(u.strip())).toArray();
    private static final int COMMANDS_PER_LEVEL = Integer.getInteger("bench.commands", 1000);
    /**
     * Mean pause of a user between a full answer and their next command, drawn from an exponential distribution
     * (a Poisson stream per user); 0, the default, is a closed loop that keeps the bot saturated.
     */
    static final long THINK_MILLIS = Long.getLong("bench.think", 0);
    /** Varied so the search service's page cache does not answer everything. */
    private static final String[] QUERIES = {"memorization", "diffusion models", "membership inference",
        "language model training data", "privacy", "unlearning", "copyright images", "extraction attack",
        "\"training data\"", "vision transformer", "recommender systems", "federated learning"};

    public static void main(String[] args) throws Exception {
        new InteractionBenchmark().run(args.length > 0 ? args[0] : null);
    }

    void run(String dataFolder) throws Exception {
        Path dataDir = Files.createTempDirectory("bench");
        String index = dataFolder != null ? dataFolder : dataDir.toString();
        boolean metrics = Boolean.getBoolean("bench.metrics");
        int metricsPort = metrics ? freePort() : 0;
        Map<String, String> appSettings = new HashMap<>(Map.of("data.dir", index,
                "seeds.dir", System.getProperty("paperscout.seeds", "seeds"),
                "metrics.port", String.valueOf(metricsPort)));
        boolean postgres = Boolean.getBoolean("bench.postgres");
        if (postgres) {
            // The tests' embedded PostgreSQL: the same answers with the store in PostgreSQL (issue 11's comparison).
            appSettings.put("store.url", org.paperscout.store.EmbeddedPg.newDatabaseUrl());
            appSettings.put("store.user", "postgres");
        }
        try (PaperScout app = PaperScout.open(Settings.of(appSettings), Clock.systemUTC());
             Users discord = startUsers()) {
            app.seedIfEmpty(Ingestor.Progress.NONE);
            System.out.println("index: " + index + ", " + app.search().getClass().getSimpleName()
                    + ", metrics " + (metrics ? "on (port " + metricsPort + ", scraped every 5 s)" : "off")
                    + ", store " + (postgres ? "PostgreSQL (embedded)" : "SQLite")
                    + ", local Discord and users " + (sameJvm() ? "in this JVM" : "in a JVM of their own")
                    + ", users' pause between commands " + (THINK_MILLIS == 0 ? "none (closed loop)"
                    : "exponential, mean " + THINK_MILLIS + " ms"));
            java.util.concurrent.ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor();
            if (metrics) {
                app.startOperations("discord", () -> null);
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
                scraper.scheduleAtFixedRate(() -> {
                    try {
                        http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        System.out.println("scrape failed: " + e);
                    }
                }, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
            }
            Map<String, String> values = new HashMap<>();
            values.put("discord.rest-url", discord.restBaseUrl());
            values.put("discord.gateway-url", discord.gatewayUrl());
            values.put("discord.cooldown-window", "1ms");
            values.put("discord.workers", System.getProperty("bench.workers", "4"));
            DiscordBot bot = new DiscordBot(DiscordConfig.from(Settings.of(values)), BotHarness.TOKEN, dataDir);
            bot.start(app.commands(), GuildReconciler.NONE);
            try {
                discord.level(4, WARMUP, 0);
                System.out.printf(Locale.ROOT, "%-6s %8s %8s %8s %8s %10s %10s %8s %6s %12s %8s %5s %7s %s%n",
                        "users", "answers", "p50 ms", "p99 ms", "max ms", "full p50", "full p99", "per s", "late",
                        "cpu ms/ans", "bot cpu", "gc n", "gc ms", "uptime s");
                for (int users : USERS) {
                    discord.clear();
                    long start = System.nanoTime();
                    double upStart = uptimeSeconds();
                    // CPU of both JVMs (bot, local Discord, clients: what recording metrics adds shows here even
                    // when other work on the machine makes the latencies noisy) and of the bot's JVM alone.
                    long cpuStart = processCpuNanos();
                    long[] gcStart = gcCountAndMillis();
                    Result r = discord.level(users, COMMANDS_PER_LEVEL, THINK_MILLIS);
                    long botCpu = processCpuNanos() - cpuStart;
                    long[] gc = gcCountAndMillis();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    int n = r.millis.size();
                    System.out.printf(Locale.ROOT,
                            "%-6d %8d %8.1f %8.1f %8.1f %10.1f %10.1f %8.0f %6d %12.2f %8.2f %5d %7d %.1f-%.1f%n",
                            users, n, percentile(r.millis, 50), percentile(r.millis, 99), percentile(r.millis, 100),
                            percentile(r.full, 50), percentile(r.full, 99), n / seconds, r.late,
                            (botCpu + discord.lastLevelCpuNanos()) / 1e6 / n, botCpu / 1e6 / n,
                            gc[0] - gcStart[0], gc[1] - gcStart[1], upStart, uptimeSeconds());
                }
            } finally {
                scraper.shutdownNow();
                bot.close();
            }
        }
    }

    /**
     * The local Discord and the simulated users. By default in a JVM of their own ({@link UsersJvm}, options from
     * {@code -Dbench.discord.jvm}), so the bot's JVM collects only the bot's garbage; with
     * {@code -Dbench.discord=same-jvm} in this one, as before (the comparison is then one property away).
     */
    interface Users extends AutoCloseable {
        String restBaseUrl();

        String gatewayUrl();

        /** {@code total} commands from {@code users} concurrent users pausing {@code thinkMillis} on average (see {@link #level(LocalDiscord, int, int, long,
         * java.util.function.IntFunction)}). */
        Result level(int users, int total, long thinkMillis) throws Exception;

        /** CPU time of the users' JVM over the last level; 0 when they run in this one (then counted here). */
        long lastLevelCpuNanos();

        void clear() throws Exception;
    }

    private static boolean sameJvm() {
        return "same-jvm".equals(System.getProperty("bench.discord"));
    }

    private static Users startUsers() throws java.io.IOException {
        if (!sameJvm()) {
            // ZGC by default: the local Discord keeps nearly all it allocates (every message and interaction), so
            // G1's young pauses there copied it all (70-270 ms in the level) and, as the server takes the
            // latencies, landed in them; ZGC does not stop the server to collect.
            String options = System.getProperty("bench.discord.jvm", "-XX:+UseZGC").strip();
            return UsersJvm.start(options.isEmpty() ? List.of() : List.of(options.split("\\s+")));
        }
        LocalDiscord discord = LocalDiscord.start();
        return new Users() {
            @Override
            public String restBaseUrl() {
                return discord.restBaseUrl();
            }

            @Override
            public String gatewayUrl() {
                return discord.gatewayUrl();
            }

            @Override
            public Result level(int users, int total, long thinkMillis) throws Exception {
                return InteractionBenchmark.level(discord, users, total, thinkMillis, user -> discord.guildId());
            }

            @Override
            public long lastLevelCpuNanos() {
                return 0;
            }

            @Override
            public void clear() {
                discord.clearRecorded();
            }

            @Override
            public void close() {
                discord.close();
            }
        };
    }

    private static double uptimeSeconds() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
    }

    /** Collections of this JVM so far and their accumulated time (the bot's pauses, when the users run apart). */
    private static long[] gcCountAndMillis() {
        long count = 0;
        long millis = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * First-answer latencies, full-answer latencies (first answer or the edit after it), late first answers; the
     * lists sorted, for {@link #percentile}.
     */
    record Result(List<Double> millis, List<Double> full, int late) {
    }

    /**
     * {@code total} {@code /search} commands from {@code users} concurrent users, each sending its next as soon as
     * the last was fully answered, or after a random pause of mean {@code thinkMillis} (exponential) when that is not
     * 0; user {@code u} works in guild {@code guildOf.apply(u)} (bench shards spreads them over the guilds of one
     * process's shards).
     */
    static Result level(LocalDiscord discord, int users, int total, long thinkMillis,
                        java.util.function.IntFunction<String> guildOf) throws Exception {
        ConcurrentLinkedQueue<Double> millis = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Double> full = new ConcurrentLinkedQueue<>();
        AtomicInteger remaining = new AtomicInteger(total);
        AtomicInteger late = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(users);
        List<Future<?>> running = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            UserKind who = u % 2 == 0 ? UserKind.MEMBER : UserKind.ADMIN;
            int user = u;
            String guild = guildOf.apply(u);
            running.add(pool.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    if (thinkMillis > 0) {
                        double draw = java.util.concurrent.ThreadLocalRandom.current().nextDouble();
                        Thread.sleep(Math.round(-thinkMillis * Math.log(1 - draw)));
                    }
                    Interaction i = discord.slashIn(guild, who, "search", Option.string("query", QUERIES[
                            Math.floorMod(user + remaining.get(), QUERIES.length)]));
                    RecordedCall first = discord.awaitFirstAnswer(i, WAIT);
                    millis.add(discord.firstAnswerLatency(i).orElseThrow().toNanos() / 1e6);
                    if (!discord.answeredInTime(i)) {
                        // Refused as too late (404): no edit follows, so there is no full answer to wait for.
                        late.incrementAndGet();
                        continue;
                    }
                    // After a defer the answer is an edit of the original, or (no results, errors) a private
                    // follow-up that replaces it.
                    RecordedCall last = first.json().path("type").asInt() == 5
                            ? discord.awaitWebhookCall(i, c -> c.method().equals("PATCH") || c.method().equals("POST"), WAIT)
                            : first;
                    full.add((last.receivedNanos() - i.dispatchedNanos()) / 1e6);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return new Result(sorted(millis), sorted(full), late.get());
    }

    private static List<Double> sorted(ConcurrentLinkedQueue<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }

    static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
