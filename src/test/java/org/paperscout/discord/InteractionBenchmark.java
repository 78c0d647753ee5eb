package org.paperscout.discord;

import java.nio.file.Files;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.paperscout.discord.local.Interaction;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.UserKind;

/**
 * First-answer latency of {@code /search} through the production bot (real JDA) and the local Discord, at 1, 10 and
 * 50 concurrent users, each sending its next command as soon as the last was answered. Latency is measured by the
 * server from dispatch to arrival of the first callback, as Discord's 3-second clock is. Prints figures; asserts
 * nothing about speed.
 *
 * <p>Run: {@code mvn -o -q test -Dtest=InteractionBenchmark -Dbench=true} (or its {@code main}).
 */
class InteractionBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int WARMUP = 200;
    private static final int[] USERS = {1, 10, 50};
    private static final int COMMANDS_PER_LEVEL = 1000;

    public static void main(String[] args) throws Exception {
        new InteractionBenchmark().run();
    }

    @Test
    @EnabledIfSystemProperty(named = "bench", matches = "true")
    void run() throws Exception {
        Path dataDir = Files.createTempDirectory("bench");
        try (LocalDiscord discord = LocalDiscord.start()) {
            BotHarness h = new BotHarness(discord, dataDir, Map.of("discord.cooldown-window", "1ms", "discord.workers", System.getProperty("bench.workers", "4")));
            h.start();
            try {
                level(discord, 4, WARMUP);
                System.out.printf(Locale.ROOT, "%-6s %8s %8s %8s %8s %8s %6s%n", "users", "answers", "p50 ms",
                        "p99 ms", "max ms", "per s", "late");
                for (int users : USERS) {
                    discord.clearRecorded();
                    long start = System.nanoTime();
                    Result r = level(discord, users, COMMANDS_PER_LEVEL);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "%-6d %8d %8.1f %8.1f %8.1f %8.0f %6d%n", users, r.millis.size(),
                            percentile(r.millis, 50), percentile(r.millis, 99), percentile(r.millis, 100),
                            r.millis.size() / seconds, r.late);
                }
            } finally {
                h.bot.close();
            }
        }
    }

    private record Result(List<Double> millis, int late) {
    }

    private static Result level(LocalDiscord discord, int users, int total) throws Exception {
        ConcurrentLinkedQueue<Double> millis = new ConcurrentLinkedQueue<>();
        AtomicInteger remaining = new AtomicInteger(total);
        AtomicInteger late = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(users);
        List<Future<?>> running = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            UserKind who = u % 2 == 0 ? UserKind.MEMBER : UserKind.ADMIN;
            int user = u;
            running.add(pool.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    Interaction i = discord.slash(who, "search", Option.string("query", "memorization " + user));
                    discord.awaitFirstAnswer(i, WAIT);
                    millis.add(discord.firstAnswerLatency(i).orElseThrow().toNanos() / 1e6);
                    if (!discord.answeredInTime(i)) {
                        late.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return new Result(sorted, late.get());
    }

    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
