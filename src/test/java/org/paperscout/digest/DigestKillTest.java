package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.PaperScout;
import org.paperscout.catalog.Ingestor;
import org.paperscout.config.Settings;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.store.Database;
import org.paperscout.store.StoreConfig;

/**
 * The bot process killed (SIGKILL) at random points of digest runs, then restarted, at least 50 times: every
 * (target, local date) due in that time gets exactly one digest, counted on the local Discord's messages.
 *
 * <p>The bot is {@link DigestBotChild}, a JVM of its own with the real composition root and JDA, talking to a
 * {@link LocalDiscord} in this JVM. Each restart is an hour later on a clock both share (the child's is offset, the
 * server's follows the same offset), so over the rounds every target comes due on several local dates, in four
 * zones. Most kills land a random time into the run (between ledger write, send and completion: the pace is slowed
 * so a row stays pending a while), one in eight while the process is still starting, and every sixth round is left
 * to finish its run first, as a crash loop that stops now and then would.
 */
class DigestKillTest {

    private static final Pattern MARKER = Pattern.compile("PaperScout digest (\\d{4}-\\d{2}-\\d{2})");
    private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"));
    /** Four channels come due each hour of the day; with two DM users, every restart finds a few due. */
    private static final int CHANNELS = 96;
    private static final Duration STEP = Duration.ofHours(1);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final AtomicLong offsetMillis = new AtomicLong();

    @Test
    void killNineAtRandomPointsOfDigestRunsLeavesExactlyOneDigestPerTargetAndLocalDate() throws Exception {
        int rounds = Boolean.getBoolean("test.fast") ? 12 : 50;
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Clock shared = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return Instant.now().plusMillis(offsetMillis.get());
            }
        };
        Path data = dir.resolve("data");
        Files.deleteIfExists(Child.LOG);
        try (LocalDiscord discord = LocalDiscord.builder().extraChannels(CHANNELS).clock(shared).start()) {
            Instant start = shared.instant();
            List<DigestTarget> targets = prepare(discord, data, start);
            Stats stats = new Stats();
            long runMillis = 1500;
            for (int round = 0; round < rounds; round++) {
                offsetMillis.addAndGet(STEP.toMillis());
                Child child = Child.start(data, discord, offsetMillis.get(), dir);
                boolean complete = round % 6 == 5;
                if (!complete && random.nextInt(8) == 0) {
                    Thread.sleep(random.nextInt(1500)); // while opening the index, the database or the gateway
                    stats.duringStart += child.started.getCount() == 1 ? 1 : 0;
                } else {
                    assertThat(child.started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("child started").isTrue();
                    long t0 = System.nanoTime();
                    if (complete) {
                        awaitAllDue(discord, targets, start, shared.instant());
                        runMillis = Math.max(600, (System.nanoTime() - t0) / 1_000_000);
                    } else {
                        Thread.sleep(random.nextLong(runMillis));
                    }
                }
                child.kill();
                stats.afterKill(data, discord, targets);
            }
            // A last restart, left alone: it settles what the last kill left and delivers what is due.
            offsetMillis.addAndGet(STEP.toMillis());
            Child last = Child.start(data, discord, offsetMillis.get(), dir);
            assertThat(last.started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            Instant end = shared.instant();
            awaitAllDue(discord, targets, start, end);
            last.stop();

            Map<String, Map<LocalDate, Integer>> expected = due(targets, start, end);
            Map<String, Map<LocalDate, Integer>> delivered = delivered(discord, targets);
            int pairs = expected.values().stream().mapToInt(Map::size).sum();
            assertThat(delivered).as("digests per target and local date (seed %d)", seed).isEqualTo(expected);
            try (Database db = Database.open(data, StoreConfig.defaults(), shared)) {
                DigestStore store = new DigestStore(db, shared);
                for (DigestTarget t : targets) {
                    List<Delivery> history = store.ledger().history(t.key());
                    assertThat(history).as(t.key()).hasSize(expected.get(t.key()).size())
                            .allMatch(d -> d.state() == Delivery.State.SENT);
                }
            }
            System.out.printf("digest kill test: %d kills (%d while starting), %d (target, date) pairs, 0 duplicates, "
                            + "0 misses; kills that left a row pending: %d, of which the message was already out: %d; "
                            + "seed %d%n", rounds, stats.duringStart, pairs, stats.pendingLeft, stats.sentUnrecorded,
                    seed);
        }
    }

    /** 96 channels and two DM users, in four zones, at times spread over the day; a few dated papers. */
    private List<DigestTarget> prepare(LocalDiscord discord, Path data, Instant start) throws IOException {
        Files.createDirectories(data);
        StringBuilder papers = new StringBuilder();
        LocalDate first = LocalDate.ofInstant(start, ZoneOffset.UTC).minusDays(1);
        for (int day = 0; day < 6; day++) {
            for (int i = 0; i < 4; i++) {
                papers.append(String.format("{\"id\": \"2601.%02d%03d\", \"title\": \"Paper %d of day %d on "
                                + "memorization\", \"abstract\": \"A study of memorization number %d. More follows.\", "
                                + "\"authors\": [\"Ada Lovelace\"], \"categories\": [\"cs.LG\"], \"published\": \"%s\", "
                                + "\"upvotes\": %d}%n", day, i, i, day, i, first.plusDays(day), 10 * i));
            }
        }
        Path jsonl = dir.resolve("papers.jsonl");
        Files.writeString(jsonl, papers.toString());
        Clock at = Clock.fixed(start, ZoneOffset.UTC);
        try (PaperScout app = PaperScout.open(Settings.of(Map.of("data.dir", data.toString())), at)) {
            app.ingestor().ingest(List.of(jsonl), Ingestor.Progress.NONE);
        }
        List<DigestTarget> targets = new ArrayList<>();
        try (Database db = Database.open(data, StoreConfig.defaults(), at)) {
            DigestStore store = new DigestStore(db, at);
            LocalTime base = LocalTime.ofInstant(start, ZoneOffset.UTC);
            for (int i = 0; i < CHANNELS; i++) {
                ZoneId zone = ZONES.get(i % ZONES.size());
                // Four local times in each hour of the day, so every restart finds a few targets newly due.
                LocalTime time = LocalTime.of((base.getHour() + 1 + i / 4) % 24, (i * 13) % 60);
                DigestTarget t = new DigestTarget(DigestTarget.Kind.CHANNEL, discord.extraChannelId(i),
                        discord.guildId(), time, zone, i % 3 == 2 ? DigestDays.WEEKDAYS : DigestDays.EVERY_DAY,
                        i % 2 == 0 ? null : "memorization", 3, false, start, null, discord.adminUserId(), false);
                store.saveChannel(t);
                targets.add(t);
            }
            for (String user : List.of(discord.adminUserId(), discord.memberUserId())) {
                LocalTime time = LocalTime.of((base.getHour() + 2 + targets.size()) % 24, 30);
                store.saveDm(user, time, ZoneId.of("Europe/Berlin"), start);
                targets.add(store.dm(user).orElseThrow());
            }
        }
        return targets;
    }

    /** Every (target, local date) due in [start, end]: one digest each. */
    private static Map<String, Map<LocalDate, Integer>> due(List<DigestTarget> targets, Instant start, Instant end) {
        Map<String, Map<LocalDate, Integer>> out = new TreeMap<>();
        for (DigestTarget t : targets) {
            Map<LocalDate, Integer> dates = new TreeMap<>();
            DigestSchedule.Occurrence o = DigestSchedule.next(start, t.time(), t.zone(), t.days());
            while (!o.at().isAfter(end)) {
                dates.put(o.date(), 1);
                o = DigestSchedule.next(o.at(), t.time(), t.zone(), t.days());
            }
            out.put(t.key(), dates);
        }
        return out;
    }

    /** Digests per target and local date as the local Discord holds them (the footer names the date). */
    private static Map<String, Map<LocalDate, Integer>> delivered(LocalDiscord discord, List<DigestTarget> targets) {
        Map<String, Map<LocalDate, Integer>> out = new TreeMap<>();
        for (DigestTarget t : targets) {
            Map<LocalDate, Integer> dates = new TreeMap<>();
            for (JsonNode m : discord.messagesIn(channelOf(discord, t))) {
                Matcher marker = MARKER.matcher(m.path("embeds").toString());
                if (m.path("author").path("id").asText().equals(discord.botUserId()) && marker.find()) {
                    dates.merge(LocalDate.parse(marker.group(1)), 1, Integer::sum);
                }
            }
            out.put(t.key(), dates);
        }
        return out;
    }

    private static String channelOf(LocalDiscord discord, DigestTarget t) {
        return t.kind() == DigestTarget.Kind.CHANNEL ? t.id() : discord.dmChannelIdOf(t.id());
    }

    /** Waits until everything due by {@code now} is on the local Discord. */
    private static void awaitAllDue(LocalDiscord discord, List<DigestTarget> targets, Instant start, Instant now)
            throws InterruptedException {
        Map<String, Map<LocalDate, Integer>> expected = due(targets, start, now);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Map<LocalDate, Integer>> got = delivered(discord, targets);
            boolean all = expected.entrySet().stream().allMatch(e ->
                    got.get(e.getKey()).keySet().containsAll(e.getValue().keySet()));
            if (all) {
                return;
            }
            Thread.sleep(50);
        }
    }

    /** What the kills hit, read from the ledger the dead process left. */
    private static final class Stats {
        int duringStart;
        int pendingLeft;
        int sentUnrecorded;

        void afterKill(Path data, LocalDiscord discord, List<DigestTarget> targets) {
            Clock now = Clock.systemUTC();
            try (Database db = Database.open(data, StoreConfig.defaults(), now)) {
                DigestStore store = new DigestStore(db, now);
                List<Delivery> pending = store.ledger().pending();
                pendingLeft += pending.isEmpty() ? 0 : 1;
                Map<String, Map<LocalDate, Integer>> out = delivered(discord, targets);
                for (Delivery d : pending) {
                    if (out.getOrDefault(d.target(), Map.of()).containsKey(d.date())) {
                        sentUnrecorded++;
                        break;
                    }
                }
            }
        }
    }

    /** A {@link DigestBotChild} process. */
    private static final class Child extends ChildJvm {
        private Child(Process process) {
            super(process, "digest-child-stdout");
        }

        /** The child's log goes to target/digest-kill-child.log (appended; read it when the test fails). */
        static final Path LOG = Path.of("target", "digest-kill-child.log");

        static Child start(Path data, LocalDiscord discord, long offset, Path tmp) throws IOException {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // Short-lived JVMs: the C1 compiler and the class-data archive start them fastest.
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx256m",
                    // sqlite-jdbc unpacks its native library per process; a killed one never deletes its copy.
                    "-Dorg.sqlite.tmpdir=" + tmp,
                    "-cp", System.getProperty("java.class.path"), DigestBotChild.class.getName(),
                    data.toString(), discord.restBaseUrl(), discord.gatewayUrl(), Long.toString(offset));
            return new Child(new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(LOG.toFile())).start());
        }

        void stop() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
