package org.paperscout.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.util.IOUtils;
import org.paperscout.digest.DigestConfig;
import org.paperscout.digest.DueChannelDigests;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.OpenApiSchemaValidator;
import org.paperscout.store.EmbeddedPg;

/**
 * Issue #11's scale run: one bot in N guilds (default 10,000) over 16 shards, served by three real bot processes
 * ({@code paperscout run}, shards 0-5, 6-10 and 11-15) on one embedded PostgreSQL and the local Discord, with a channel
 * digest due in the same minute in every guild. Reports how many each process sent, how long it took, the send rate
 * of each process and of all three together against the pacing and Discord's global limit of 50 requests a second
 * per bot token (every REST call but interaction answers, counted by the server in sliding one-second windows),
 * and counts duplicates and missing digests from the local Discord's channels. Then {@code /search} first-answer
 * latency with 50 concurrent users per process, each in a guild of that process's shards.
 *
 * <p>Prints figures; fails (exit non-zero) only on a wrong delivery: a duplicate, a missing digest, or none at all
 * within the wait. Run: {@code bench shards [guilds] [users-per-process]} with {@code -Dbench.jvm=-Xmx2g}.
 */
public final class ShardsBenchmark {

    private static final int SHARDS = 16;
    private static final List<String> PROCESSES = List.of("0-5", "6-10", "11-15");
    /** Discord's global rate limit per bot token; interaction answers do not count against it. */
    private static final int GLOBAL_LIMIT = 50;
    private static final int COMMANDS_PER_PROCESS = 1000;
    private static final int WARMUP_PER_PROCESS = 150;
    private static final Path LOG = Path.of("target", "bench-shards-child.log");

    public static void main(String[] args) throws Exception {
        int guilds = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        if (guilds < SHARDS) {
            throw new IllegalArgumentException("at least " + SHARDS + " guilds, one per shard");
        }
        Path dir = Files.createTempDirectory("bench-shards");
        try {
            new ShardsBenchmark().run(guilds, users, dir);
        } finally {
            IOUtils.rm(dir);
        }
    }

    private void run(int guildCount, int users, Path dir) throws Exception {
        try (LocalDiscord discord = LocalDiscord.builder().extraGuilds(guildCount - 1).recommendedShards(SHARDS)
                .validator(OpenApiSchemaValidator.disabled()).start()) {
            List<String> guilds = discord.guildIds();
            Map<String, Integer> processOf = new HashMap<>();
            List<List<String>> guildsOf = new ArrayList<>();
            PROCESSES.forEach(p -> guildsOf.add(new ArrayList<>()));
            for (String g : guilds) {
                int p = processOfShard(ShardSelection.shardOf(Long.parseLong(g), SHARDS));
                processOf.put(g, p);
                guildsOf.get(p).add(g);
            }
            String url = EmbeddedPg.newDatabaseUrl();
            Instant dueAt = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            long saveStart = System.nanoTime();
            DueChannelDigests.save(url, discord, guilds, dueAt);
            System.out.printf(Locale.ROOT, "bench shards: %d guilds over %d shards in %d processes (%s), %s guilds "
                            + "each; %d channel digests due at %s, saved in %.1f s; %d concurrent users per process%n",
                    guilds.size(), SHARDS, PROCESSES.size(), String.join(" / ", PROCESSES),
                    guildsOf.stream().map(l -> Integer.toString(l.size())).toList(), guilds.size(), dueAt,
                    (System.nanoTime() - saveStart) / 1e9, users);
            // The bot's defaults but for the things a test machine lacks: every process as an operator starts it.
            BotJvm bots = new BotJvm(discord, url, SHARDS, List.of("-Xshare:auto", "-Xmx512m"), Map.of(), LOG);
            List<Process> children = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(url, "postgres", null)) {
                long start = System.nanoTime();
                Instant startedAt = Instant.now();
                for (int p = 0; p < PROCESSES.size(); p++) {
                    children.add(bots.start(dir.resolve("p" + p), PROCESSES.get(p)));
                }
                discord.awaitLiveShards(java.util.stream.IntStream.range(0, SHARDS).boxed().toList(),
                        Duration.ofMinutes(5));
                System.out.printf(Locale.ROOT, "all %d shards identified %.1f s after the processes started%n",
                        SHARDS, (System.nanoTime() - start) / 1e9);
                List<Long> rest = new ArrayList<>();
                awaitDelivered(c, discord, guilds.size(), rest, children);
                report(discord, c, guilds, processOf, children, rest, startedAt, dueAt);
                interactions(discord, guildsOf, users);
            } finally {
                for (Process p : children) {
                    p.destroy();
                }
                for (Process p : children) {
                    if (!p.waitFor(30, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            }
        }
    }

    private static int processOfShard(int shard) {
        return shard <= 5 ? 0 : shard <= 10 ? 1 : 2;
    }

    /**
     * Waits until every digest is sent by the ledger, taking the server's recorded calls as it goes (so they do not
     * pile up); gives up when nothing moved for two minutes or a process died.
     */
    private static void awaitDelivered(Connection c, LocalDiscord discord, int total, List<Long> rest,
                                       List<Process> children) throws SQLException, InterruptedException {
        long lastSent = -1;
        long lastChange = System.nanoTime();
        long lastPrint = 0;
        while (true) {
            TimeUnit.SECONDS.sleep(1);
            for (org.paperscout.discord.local.RecordedCall call : discord.drainRecorded()) {
                // Interaction answers are exempt from the global limit; everything else counts.
                if (!call.path().startsWith("/interactions/") && !call.path().startsWith("/webhooks/")) {
                    rest.add(call.receivedAt().toEpochMilli());
                }
            }
            long sent = DueChannelDigests.countBy(c, "SELECT state, count(*) FROM deliveries GROUP BY state").getOrDefault("sent", 0L);
            if (sent >= total) {
                return;
            }
            if (sent != lastSent) {
                lastSent = sent;
                lastChange = System.nanoTime();
            }
            if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(30)) {
                lastPrint = System.nanoTime();
                System.out.printf(Locale.ROOT, "  ... %d of %d sent%n", sent, total);
            }
            for (Process p : children) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a bot process exited (" + p.exitValue() + "); see " + LOG);
                }
            }
            if (System.nanoTime() - lastChange > TimeUnit.MINUTES.toNanos(2)) {
                throw new IllegalStateException("no digest sent for two minutes, " + sent + " of " + total
                        + " sent; see " + LOG);
            }
        }
    }

    private static void report(LocalDiscord discord, Connection c, List<String> guilds, Map<String, Integer> processOf,
                               List<Process> children, List<Long> rest, Instant startedAt, Instant dueAt)
            throws SQLException {
        int duplicates = 0;
        int missing = 0;
        List<List<Instant>> sentAt = new ArrayList<>();
        PROCESSES.forEach(p -> sentAt.add(new ArrayList<>()));
        List<Instant> all = new ArrayList<>();
        for (String g : guilds) {
            List<JsonNode> messages = discord.messagesIn(discord.channelIdOf(g));
            if (messages.isEmpty()) {
                missing++;
                continue;
            }
            duplicates += messages.size() - 1;
            for (JsonNode m : messages) {
                Instant at = Instant.parse(m.path("timestamp").asText());
                sentAt.get(processOf.get(g)).add(at);
                all.add(at);
            }
        }
        Map<String, Long> byHost = DueChannelDigests.countBy(c, "SELECT claimed_host, count(*) FROM deliveries WHERE state = 'sent' "
                + "GROUP BY claimed_host");
        Collections.sort(all);
        DigestConfig config = DigestConfig.defaults();
        System.out.printf(Locale.ROOT, "%-8s %8s %8s %10s %10s %10s %12s %12s%n", "shards", "channels", "sent",
                "first s", "last s", "sends/s", "max in 1 s", "paced at");
        for (int p = 0; p < PROCESSES.size(); p++) {
            List<Instant> times = sentAt.get(p);
            Collections.sort(times);
            long pid = children.get(p).pid();
            long claimed = byHost.entrySet().stream().filter(e -> e.getKey() != null && e.getKey().endsWith("/" + pid))
                    .mapToLong(Map.Entry::getValue).sum();
            double part = shardCount(PROCESSES.get(p)) / (double) SHARDS;
            System.out.printf(Locale.ROOT, "%-8s %8d %8d %10.1f %10.1f %10.2f %12d %12.2f%n", PROCESSES.get(p),
                    times.size(), claimed,
                    seconds(startedAt, times.get(0)), seconds(startedAt, times.get(times.size() - 1)),
                    rate(times), maxInOneSecond(times.stream().map(Instant::toEpochMilli).toList()),
                    config.withShare(part).processSendsPerSecond());
        }
        long firstSend = all.get(0).toEpochMilli();
        long lastSend = all.get(all.size() - 1).toEpochMilli();
        List<Long> restMillis = rest.stream().filter(at -> at >= firstSend && at <= lastSend).toList();
        int maxRest = maxInOneSecond(restMillis);
        System.out.printf(Locale.ROOT, "%-8s %8d %8d %10.1f %10.1f %10.2f %12d %12d%n", "all", guilds.size(),
                all.size(), seconds(startedAt, all.get(0)), seconds(startedAt, all.get(all.size() - 1)), rate(all),
                maxInOneSecond(all.stream().map(Instant::toEpochMilli).toList()), config.sendsPerSecond());
        System.out.printf(Locale.ROOT, "times from the processes' start, %.1f s after the digests' due time %s. "
                        + "Every REST "
                        + "call but interaction answers while digests went out: %d, at most %d in any one second "
                        + "(Discord's global limit %d: %s)%n", seconds(dueAt, startedAt), dueAt, restMillis.size(),
                maxRest, GLOBAL_LIMIT, maxRest <= GLOBAL_LIMIT ? "under" : "OVER");
        System.out.printf(Locale.ROOT, "delivered: %d of %d channels, %d duplicates, %d missing; ledger %s%n",
                guilds.size() - missing, guilds.size(), duplicates, missing,
                DueChannelDigests.countBy(c, "SELECT state, count(*) FROM deliveries GROUP BY state"));
        if (duplicates != 0 || missing != 0) {
            throw new IllegalStateException(duplicates + " duplicate and " + missing + " missing digests");
        }
    }

    private static int shardCount(String spec) {
        String[] range = spec.split("-");
        return Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** Sends a second between the first and the last (so the pacing shows, not the start-up before it). */
    private static double rate(List<Instant> sorted) {
        double span = seconds(sorted.get(0), sorted.get(sorted.size() - 1));
        return span <= 0 ? Double.NaN : (sorted.size() - 1) / span;
    }

    /** The most events in any window of one second (Discord's global limit counts per second). */
    static int maxInOneSecond(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int best = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            while (sorted.get(to) - sorted.get(from) >= 1000) {
                from++;
            }
            best = Math.max(best, to - from + 1);
        }
        return best;
    }

    /** {@code /search} from {@code users} concurrent users per process at once, each in a guild of its shards. */
    private static void interactions(LocalDiscord discord, List<List<String>> guildsOf, int users) throws Exception {
        discord.clearRecorded();
        runLevels(discord, guildsOf, 4, WARMUP_PER_PROCESS, 0);
        discord.clearRecorded();
        long start = System.nanoTime();
        List<InteractionBenchmark.Result> results = runLevels(discord, guildsOf, users, COMMANDS_PER_PROCESS,
                InteractionBenchmark.THINK_MILLIS);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "/search, %d concurrent users per process (%d in all), %d commands each "
                + "process, %.1f s, users' mean pause %d ms:%n", users, users * guildsOf.size(), COMMANDS_PER_PROCESS,
                seconds, InteractionBenchmark.THINK_MILLIS);
        System.out.printf(Locale.ROOT, "%-8s %8s %8s %8s %8s %10s %6s%n", "shards", "answers", "p50 ms", "p99 ms",
                "max ms", "full p99", "late");
        List<Double> allFirst = new ArrayList<>();
        for (int p = 0; p < results.size(); p++) {
            InteractionBenchmark.Result r = results.get(p);
            allFirst.addAll(r.millis());
            System.out.printf(Locale.ROOT, "%-8s %8d %8.1f %8.1f %8.1f %10.1f %6d%n", PROCESSES.get(p),
                    r.millis().size(), InteractionBenchmark.percentile(r.millis(), 50),
                    InteractionBenchmark.percentile(r.millis(), 99), InteractionBenchmark.percentile(r.millis(), 100),
                    InteractionBenchmark.percentile(r.full(), 99), r.late());
        }
        Collections.sort(allFirst);
        System.out.printf(Locale.ROOT, "%-8s %8d %8.1f %8.1f %8.1f%n", "all", allFirst.size(),
                InteractionBenchmark.percentile(allFirst, 50), InteractionBenchmark.percentile(allFirst, 99),
                InteractionBenchmark.percentile(allFirst, 100));
    }

    /**
     * One level per process, all at the same time; user u of a process works in one of its guilds and pauses
     * {@code thinkMillis} on average between commands ({@code -Dbench.think}, as in {@link InteractionBenchmark}).
     */
    private static List<InteractionBenchmark.Result> runLevels(LocalDiscord discord, List<List<String>> guildsOf,
                                                               int users, int commands, long thinkMillis)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(guildsOf.size());
        try {
            List<Future<InteractionBenchmark.Result>> running = new ArrayList<>();
            for (List<String> own : guildsOf) {
                int step = Math.max(1, own.size() / users);
                running.add(pool.submit(() -> InteractionBenchmark.level(discord, users, commands, thinkMillis,
                        u -> own.get((u * step) % own.size()))));
            }
            List<InteractionBenchmark.Result> out = new ArrayList<>();
            for (Future<InteractionBenchmark.Result> f : running) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
