package org.paperscout.digest;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.Commands;
import org.paperscout.config.Settings;
import org.paperscout.discord.DiscordBot;
import org.paperscout.discord.DiscordConfig;
import org.paperscout.discord.DiscordPublisher;
import org.paperscout.discord.GuildReconciler;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.recommend.RecommendConfig;
import org.paperscout.recommend.Recommender;
import org.paperscout.recommend.TrendingConfig;
import org.paperscout.recommend.TrendingService;
import org.paperscout.recommend.TuneStore;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.PaperStats;
import org.paperscout.search.RecentWindow;
import org.paperscout.search.SearchConfig;
import org.paperscout.search.SearchService;
import org.paperscout.search.SyntheticCorpus;
import org.paperscout.store.Database;
import org.paperscout.store.EngagementTotals;
import org.paperscout.store.FeedbackStore;
import org.paperscout.follows.FollowStore;
import org.paperscout.library.LibraryStore;
import org.paperscout.store.SeenStore;
import org.paperscout.store.StoreConfig;

/**
 * Digest figures: composing 10,000 channel digests and 100,000 personal digests on a large synthetic index (the
 * job's own compose step, over the real trending service and recommender, on the job's four sender threads), and
 * delivering 1,000 channel digests through JDA and the local Discord.
 *
 * <p>Run: {@code bench digest [papers, default 1000000] [work folder, default a temporary one]} (README,
 * "Benchmarks"). A work folder given is kept, so a second run
 * reuses its index.
 */
public final class DigestBenchmark {

    static final int CHANNELS = 10_000;
    static final int USERS = 100_000;
    static final int DELIVERIES = 1_000;
    /** Topics channels and users pick from: shared, as in real servers (a few hundred research areas). */
    static final int TOPICS = 1_000;
    static final int EVENTS = 200_000;
    static final int BATCH = 50_000;
    /** The synthetic corpus spans 2020-01-01 plus 2,500 days; "now" is its end, so the last day is full. */
    static final Instant NOW = org.paperscout.recommend.RecommendBenchmark.NOW;

    /**
     * Hash every composed digest (its papers, order and words) and print one fingerprint per kind, to show that a
     * change kept every digest as it was; the hashing costs time, so timed runs leave it off.
     */
    private static boolean fingerprint;
    private final PrintStream out = System.out;
    private final SyntheticCorpus corpus = new SyntheticCorpus(50_000);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    public static void main(String[] args) throws Exception {
        boolean composeOnly = Arrays.asList(args).contains("--compose-only");
        fingerprint = Arrays.asList(args).contains("--fingerprint");
        args = Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
        int papers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("paperscout-digestbench");
        System.out.println("PaperScout digest benchmark, " + Runtime.getRuntime().availableProcessors()
                + " cores, max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB, in " + work);
        try {
            DigestBenchmark b = new DigestBenchmark();
            b.composition(work, papers);
            if (!composeOnly) {
                b.delivery(work);
            }
        } finally {
            if (args.length <= 1) {
                org.apache.lucene.util.IOUtils.rm(work);
            }
        }
    }

    void composition(Path work, int size) throws Exception {
        try (PaperIndex index = PaperIndex.open(work.resolve("index"))) {
            int have = index.size();
            long t0 = System.nanoTime();
            for (int from = have; from < size; from += BATCH) {
                List<Paper> batch = new ArrayList<>(BATCH);
                for (int n = from; n < Math.min(size, from + BATCH); n++) {
                    batch.add(corpus.paper(n));
                }
                index.upsert(batch);
            }
            if (size > have) {
                out.printf("indexed %,d papers in %.0f s%n", size - have, (System.nanoTime() - t0) / 1e9);
            }
            Path dataDir = work.resolve("data");
            org.apache.lucene.util.IOUtils.rm(dataDir);
            // Setting up writes 200,000 events and 240,000 follows in single transactions: on a shared machine
            // that can take longer than a bot's write is allowed to.
            StoreConfig setup = new StoreConfig(StoreConfig.defaults().busyTimeout(), Duration.ofMinutes(5),
                    StoreConfig.defaults().readers());
            try (Database db = Database.open(dataDir, setup, clock)) {
                compose(index, db);
            }
        }
    }

    private void compose(PaperIndex index, Database db) throws Exception {
        SearchService search = new SearchService(index, new SearchConfig(0, Duration.ofSeconds(1), Duration.ofSeconds(5)));
        FollowStore follows = new FollowStore(db, clock);
        SeenStore seen = new SeenStore(db, clock);
        TrendingService trending = new TrendingService(search, new EngagementTotals(db), TrendingConfig.defaults(), clock);
        RecommendConfig recommendConfig = RecommendConfig.defaults();
        RecentWindow window = new RecentWindow(search, recommendConfig.maxWindowPapers());
        Recommender recommender = new Recommender(search, window, follows, new FeedbackStore(db, clock),
                new LibraryStore(db, clock), seen, new TuneStore(db, clock), trending, recommendConfig, clock);
        DigestStore store = new DigestStore(db, clock);
        DigestContent content = new TrendingDigestContent(trending, recommender, search, clock);
        DigestConfig config = DigestConfig.defaults();
        DigestJob job = new DigestJob(store, content, seen, new ComposeOnly(), config, clock, Pacer.NONE);

        Random r = new Random(42);
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < TOPICS; i++) {
            topics.add(corpus.query(r, 1 + r.nextInt(2)));
        }
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        List<String> week = search.publishedSince(today.minusDays(6), 1_000_000).stream().map(PaperStats::id).toList();
        org.paperscout.recommend.RecommendBenchmark.insertEvents(db, week, EVENTS, 50_000, Duration.ofDays(7), r);
        // One in five users follows nothing (their digest is trending instead); the others three shared topics.
        insertFollows(db, topics, r);
        out.printf("%,d papers (%,d published in the last week), %,d engagement events, %,d channels (half with a"
                + " topic), %,d DM users (4 in 5 with 3 topic follows), %,d distinct topics%n", index.size(),
                week.size(), EVENTS, CHANNELS, USERS, TOPICS);

        LocalTime at = LocalTime.ofInstant(NOW, ZoneOffset.UTC);
        List<DigestTarget> channels = new ArrayList<>();
        for (int i = 0; i < CHANNELS; i++) {
            channels.add(new DigestTarget(DigestTarget.Kind.CHANNEL, "c" + i, "g" + i % 500, at, ZoneOffset.UTC,
                    DigestDays.EVERY_DAY, i % 2 == 0 ? null : topics.get(r.nextInt(TOPICS)), 5, false,
                    NOW.minus(Duration.ofDays(30)), null, null, false));
        }
        List<DigestTarget> dms = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            dms.add(new DigestTarget(DigestTarget.Kind.DM, "u" + u, null, at, ZoneOffset.UTC, DigestDays.EVERY_DAY,
                    null, DigestComposer.DM_SIZE, false, NOW.minus(Duration.ofDays(30)), null, null, false));
        }
        DigestSchedule.Occurrence occ = DigestSchedule.latest(NOW, at, ZoneOffset.UTC, DigestDays.EVERY_DAY);
        Instant from = occ.at().minus(Duration.ofDays(1));

        // Warm-up: 1% of each, not counted (the JIT, the trending ranking's cache, the window's snapshot).
        time(job, channels.subList(0, CHANNELS / 100), occ, from, config.senders());
        time(job, dms.subList(0, USERS / 100), occ, from, config.senders());
        Timing c = time(job, channels, occ, from, config.senders());
        out.printf("compose %,d channel digests: %.1f s wall (%.1f s CPU) on %d sender threads, median %.2f ms,"
                + " p99 %.2f ms, %.1f cards each, content %s%n", CHANNELS, c.wallSeconds, c.cpuSeconds,
                config.senders(), c.median(), c.p99(), c.cardsEach(), c.fingerprint());
        Timing d = time(job, dms, occ, from, config.senders());
        out.printf("compose %,d personal digests: %.1f s wall (%.1f s CPU) on %d sender threads, median %.2f ms,"
                + " p99 %.2f ms, %.1f cards each, content %s%n", USERS, d.wallSeconds, d.cpuSeconds,
                config.senders(), d.median(), d.p99(), d.cardsEach(), d.fingerprint());
        out.printf("composition in all: %.1f s wall, %.1f s CPU (target: under 30 s)%n", c.wallSeconds + d.wallSeconds,
                c.cpuSeconds + d.cpuSeconds);
        window.close();
    }

    /**
     * @param replies every composed digest, in target order: its fingerprint (printed) lets a speed-up show that
     *                every digest still has the same papers, order and words as before it
     */
    private record Timing(double wallSeconds, long[] nanos, int cards, String[] replies, double cpuSeconds) {
        String fingerprint() {
            return fingerprint ? sha(String.join("\n", replies)) : "not hashed (--fingerprint)";
        }

        double median() {
            return nanos[nanos.length / 2] / 1e6;
        }

        double p99() {
            return nanos[(int) Math.min(nanos.length - 1, Math.ceil(nanos.length * 0.99) - 1)] / 1e6;
        }

        double cardsEach() {
            return cards / (double) nanos.length;
        }
    }

    /**
     * CPU time the sender threads spent composing (hashing for {@code --fingerprint} left out): on a machine shared
     * with other builds the wall time mostly says how busy the machine was, the CPU time what composing costs.
     */
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory
            .getThreadMXBean();

    private static String sha(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Timing time(DigestJob job, List<DigestTarget> targets, DigestSchedule.Occurrence occ, Instant from,
                               int threads) throws Exception {
        long[] nanos = new long[targets.size()];
        String[] replies = new String[targets.size()];
        AtomicInteger cards = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong cpu = new java.util.concurrent.atomic.AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                long t = System.nanoTime();
                DigestDeliverer.Composed composed = job.compose(targets.get(n), occ, from, false);
                nanos[n] = System.nanoTime() - t;
                cpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
                if (fingerprint) { // whole replies kept until the end would fill the heap
                    replies[n] = sha(composed.reply() + "\n" + composed.paperIds());
                }
                cards.addAndGet(composed.paperIds().size());
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        Arrays.sort(nanos);
        return new Timing(wall, nanos, cards.get(), replies, cpu.get() / 1e9);
    }

    /** 1,000 channels due in the same minute, through the real JDA client and the local Discord. */
    void delivery(Path work) throws Exception {
        for (boolean paced : List.of(true, false)) {
            Path dataDir = work.resolve(paced ? "deliver-paced" : "deliver-unpaced");
            org.apache.lucene.util.IOUtils.rm(dataDir);
            try (LocalDiscord discord = LocalDiscord.builder().extraChannels(DELIVERIES).start();
                 Database db = Database.open(dataDir, StoreConfig.defaults(), Clock.systemUTC())) {
                Map<String, String> values = new HashMap<>();
                values.put("discord.rest-url", discord.restBaseUrl());
                values.put("discord.gateway-url", discord.gatewayUrl());
                DiscordBot bot = new DiscordBot(DiscordConfig.from(Settings.of(values)), "local-test-token.0000.abcdef",
                        dataDir);
                bot.start(new Commands(List.of(), List.of()), GuildReconciler.NONE);
                try {
                    deliverOnce(discord, db, bot, paced);
                } finally {
                    bot.close();
                }
            }
        }
    }

    private void deliverOnce(LocalDiscord discord, Database db, DiscordBot bot, boolean paced) {
        {
            {
                TestClockNearNow clock = new TestClockNearNow();
                DigestStore store = new DigestStore(db, clock);
                LocalTime due = LocalTime.ofInstant(clock.instant().plus(Duration.ofMinutes(1)), ZoneOffset.UTC)
                        .withSecond(0).withNano(0);
                for (int i = 0; i < DELIVERIES; i++) {
                    store.saveChannel(new DigestTarget(DigestTarget.Kind.CHANNEL, discord.extraChannelId(i),
                            discord.guildId(), due, ZoneOffset.UTC, DigestDays.EVERY_DAY, null, 5, false,
                            clock.instant(), null, "bench-admin", false));
                }
                clock.skip(Duration.ofMinutes(2));
                DigestConfig config = DigestConfig.defaults();
                DigestJob job = new DigestJob(store, new ThreeCards(), new SeenStore(db, clock),
                        new DiscordPublisher(bot), config, clock,
                        paced ? new RatePacer(config.sendsPerSecond()) : Pacer.NONE);
                long t0 = System.nanoTime();
                DigestJob.RunSummary s = job.runOnce();
                double seconds = (System.nanoTime() - t0) / 1e9;
                job.close();
                out.printf("deliver %,d channel digests through JDA + local Discord: %.1f s (%s), %d sent, %d 429s%n",
                        DELIVERIES, seconds, paced ? "paced at " + config.sendsPerSecond() + "/s, the default"
                                : "unpaced: the bot's own speed", s.sent(),
                        discord.requests(c -> c.status() == 429).size());
            }
        }
    }

    /** The real clock, moved forward on request (the job decides what is due by it). */
    private static final class TestClockNearNow extends Clock {
        private volatile Duration skip = Duration.ZERO;

        void skip(Duration d) {
            skip = skip.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(skip);
        }
    }

    /** Composition only: nothing is sent, digests are written in English. */
    private static final class ComposeOnly implements Publisher {
        @Override
        public String publish(DigestTarget target, org.paperscout.commands.Reply digest, String nonce) {
            throw new UnsupportedOperationException("the composition benchmark sends nothing");
        }

        @Override
        public java.util.Optional<String> findDelivered(DigestTarget target, String nonce, String marker,
                                                        Instant since) {
            return java.util.Optional.empty();
        }

        @Override
        public List<String> missingPermissions(String guildId, String channelId) {
            return List.of();
        }

        @Override
        public boolean tell(String userId, String text) {
            return false;
        }
    }

    /** Three cards for every digest: delivery is measured, not composition. */
    private static final class ThreeCards implements DigestContent {
        private final SyntheticCorpus corpus = new SyntheticCorpus(1_000);

        @Override
        public Ranked trending(Instant since, Instant until, String topic, int offset, int limit) {
            List<Pick> picks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                picks.add(new Pick(corpus.paper(i), List.of("trending today")));
            }
            return new Ranked(picks, 3);
        }

        @Override
        public Ranked recommended(String userId, java.util.Set<String> exclude, Instant until, int limit) {
            return Ranked.EMPTY;
        }
    }


    private static void insertFollows(Database db, List<String> topics, Random r) {
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO follows (user_id, kind, text, "
                    + "text_key, created_at) VALUES (?, 'topic', ?, ?, ?)")) {
                for (int u = 0; u < USERS; u++) {
                    if (u % 5 == 4) {
                        continue;
                    }
                    for (int i = 0; i < 3; i++) {
                        String topic = topics.get(r.nextInt(TOPICS));
                        p.setString(1, "u" + u);
                        p.setString(2, topic);
                        p.setString(3, FollowStore.key(topic));
                        p.setLong(4, NOW.toEpochMilli());
                        p.addBatch();
                    }
                }
                p.executeBatch();
            }
            return null;
        });
    }
}
