package org.paperscout.recommend;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.paperscout.catalog.Paper;
import org.paperscout.search.OnnxEmbedder;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.ScoreFusion;
import org.paperscout.search.SemanticSearch;
import org.paperscout.search.PaperStats;
import org.paperscout.search.RecentWindow;
import org.paperscout.search.SearchConfig;
import org.paperscout.search.SearchService;
import org.paperscout.search.SyntheticCorpus;
import org.paperscout.store.Database;
import org.paperscout.store.EngagementTotals;
import org.paperscout.store.FeedbackStore;
import org.paperscout.follows.FollowKind;
import org.paperscout.follows.FollowStore;
import org.paperscout.library.LibraryStore;
import org.paperscout.store.SeenStore;
import org.paperscout.store.StoreConfig;
import org.paperscout.store.Verdict;

/**
 * Measures /recommend for users with 50 follows (40 topics, 5 authors, 3 categories, 2 exclusions) plus 10 👍
 * and 5 👎 on a synthetic index, and the trending computation over a million engagement events.
 *
 * <p>Run: {@code bench recommend
 * [sizes, default 100000,300000] [events, default 1000000] [work folder, default a temporary one] [--semantic]}
 * ({@code --semantic}: with the model and the vectors of an index {@code bench semantic} built in the folder). Sizes
 * are built up in one index; a work folder given is kept, so a second run reuses its index.
 */
public final class RecommendBenchmark {

    static final int BATCH = 50_000;
    static final int USERS = 5;
    static final int RUNS = 300;
    static final int WARM_UP = 30;
    /** The synthetic corpus spans 2020-01-01 plus 2,500 days; "now" is its end, so the window is full. */
    public static final Instant NOW = Instant.parse("2026-11-05T12:00:00Z");

    private final PrintStream out;
    private final SyntheticCorpus corpus = new SyntheticCorpus(50_000);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Set for {@code --semantic}: /recommend with the vectors' sources (nearest to likes and to topics). */
    private SemanticSearch semantic;

    RecommendBenchmark(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = args.length > 0 ? Arrays.stream(args[0].split(",")).map(String::strip)
                .map(Integer::parseInt).sorted().toList() : List.of(100_000, 300_000);
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("paperscout-recbench");
        boolean semantic = Arrays.asList(args).contains("--semantic");
        System.out.println("PaperScout recommend benchmark, " + Runtime.getRuntime().availableProcessors()
                + " cores, max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB, in " + work);
        try {
            if (semantic) {
                // An index with vectors (bench semantic's DIR); the model embeds the topic follows as the bot does.
                try (OnnxEmbedder embedder = OnnxEmbedder.load(OnnxEmbedder.Model.MINILM, OnnxEmbedder.Window.FIRST)) {
                    RecommendBenchmark bench = new RecommendBenchmark(System.out);
                    bench.semantic = new SemanticSearch(embedder, ScoreFusion.DEFAULT, 10_000);
                    bench.run(work, sizes, events);
                }
            } else {
                new RecommendBenchmark(System.out).run(work, sizes, events);
            }
        } finally {
            if (args.length <= 2) {
                org.apache.lucene.util.IOUtils.rm(work);
            }
        }
    }

    void run(Path work, List<Integer> sizes, int events) throws IOException {
        Path indexDir = work.resolve("index");
        for (int size : sizes) {
            try (PaperIndex index = PaperIndex.open(indexDir)) {
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
                    out.printf("%,d papers: indexed %,d more in %.0f s%n", size, size - have, (System.nanoTime() - t0) / 1e9);
                }
                Path dataDir = work.resolve("data-" + size);
                org.apache.lucene.util.IOUtils.rm(dataDir);
                try (Database db = Database.open(dataDir, StoreConfig.defaults(), clock)) {
                    measure(size, index, db, events);
                }
            }
        }
    }

    private void measure(int size, PaperIndex index, Database db, int events) {
        SearchConfig searchConfig = new SearchConfig(0, Duration.ofSeconds(1), Duration.ofSeconds(5));
        SearchService search = semantic == null ? new SearchService(index, searchConfig)
                : new SearchService(index, searchConfig, semantic);
        FollowStore follows = new FollowStore(db, clock);
        FeedbackStore feedback = new FeedbackStore(db, clock);
        LibraryStore library = new LibraryStore(db, clock);
        TrendingConfig trendingConfig = TrendingConfig.defaults();
        EngagementTotals totals = new EngagementTotals(db);
        TrendingService trending = new TrendingService(search, totals, trendingConfig, clock);
        RecommendConfig config = RecommendConfig.defaults();
        RecentWindow window = new RecentWindow(search, config.maxWindowPapers());
        Recommender recommender = new Recommender(search, window, follows, feedback, library, new SeenStore(db, clock),
                new TuneStore(db, clock), trending, config, clock);

        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        List<String> recent = search.publishedSince(today.minusDays(29), 1_000_000).stream().map(PaperStats::id).toList();
        out.printf("%,d papers: %,d published in the last 14 days, %,d in the last 30%n", size,
                search.publishedSince(today.minusDays(13), 1_000_000).size(), recent.size());

        Random r = new Random(42);
        List<String> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            String user = "bench-" + u;
            users.add(user);
            for (int i = 0; i < 40; i++) {
                follows.add(user, FollowKind.TOPIC, corpus.query(r, 1 + r.nextInt(3)));
            }
            for (int i = 0; i < 5; i++) {
                follows.add(user, FollowKind.AUTHOR, "Author " + r.nextInt(50_000));
            }
            for (String c : List.of("cs.LG", "cs.CL", "cs.IR")) {
                follows.add(user, FollowKind.CATEGORY, c);
            }
            follows.add(user, FollowKind.EXCLUDE, corpus.query(r, 1));
            follows.add(user, FollowKind.EXCLUDE, corpus.query(r, 1));
            for (int i = 0; i < 15; i++) {
                feedback.set(user, recent.get(r.nextInt(recent.size())), i < 10 ? Verdict.UP : Verdict.DOWN);
            }
        }
        insertEvents(db, recent, events, 200_000, Duration.ofDays(30), r);

        // Trending over the month: the SQL aggregation alone, then the whole ranking (no cache).
        long[] sql = new long[5];
        long[] full = new long[5];
        int engaged = 0;
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            engaged = totals.since(NOW.minus(Duration.ofDays(30)), NOW, trendingConfig.halfLife(),
                    trendingConfig.weights()).size();
            sql[i] = System.nanoTime() - t;
            t = System.nanoTime();
            trending.compute(TrendingWindow.MONTH);
            full[i] = System.nanoTime() - t;
        }
        Arrays.sort(sql);
        Arrays.sort(full);
        out.printf("%,d papers: trending over %,d events (%,d papers engaged): SQL aggregation median %.0f ms,"
                + " whole month ranking median %.0f ms (5 runs)%n", size, countEvents(db), engaged, sql[2] / 1e6,
                full[2] / 1e6);

        long[] builds = new long[3];
        for (int i = 0; i < builds.length; i++) {
            long t = System.nanoTime();
            window.rebuild(today.minusDays(config.windowDays() - 1L), TrendingCommand.PAGE);
            builds[i] = System.nanoTime() - t;
        }
        Arrays.sort(builds);
        out.printf("%,d papers: building the %d-day window (%,d papers in memory) median %.0f ms (3 runs; done in"
                + " the background after each index change)%n", size, config.windowDays(),
                window.snapshot(today.minusDays(config.windowDays() - 1L), TrendingCommand.PAGE).size(),
                builds[1] / 1e6);
        for (int i = 0; i < WARM_UP; i++) {
            recommender.recommend(users.get(i % USERS), true, TrendingCommand.PAGE);
        }
        long[] nanos = new long[RUNS];
        int shown = 0;
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            shown += recommender.recommend(users.get(i % USERS), true, TrendingCommand.PAGE).items().size();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        out.printf("%,d papers: /recommend (50 follows, 10 👍, 5 👎, seen recorded) p50 %.1f ms, p99 %.1f ms over %d"
                + " calls, %.1f cards each; trending mix cached as in the bot%n", size, pct(nanos, 50) / 1e6,
                pct(nanos, 99) / 1e6, RUNS, shown / (double) RUNS);
        // Cold: the first /recommend after the window was rebuilt (an index change), nothing cached yet.
        long[] cold = new long[20];
        for (int i = 0; i < cold.length; i++) {
            window.rebuild(today.minusDays(config.windowDays() - 1L), TrendingCommand.PAGE);
            long t = System.nanoTime();
            recommender.rank(users.get(i % USERS), true, TrendingCommand.PAGE);
            cold[i] = System.nanoTime() - t;
        }
        Arrays.sort(cold);
        out.printf("%,d papers: first /recommend ranking after a window rebuild (cold) median %.1f ms, max %.1f ms"
                + " (%d runs)%n", size, pct(cold, 50) / 1e6, cold[cold.length - 1] / 1e6, cold.length);
        long[] ranking = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            recommender.rank(users.get(i % USERS), true, TrendingCommand.PAGE);
            ranking[i] = System.nanoTime() - t;
        }
        Arrays.sort(ranking);
        out.printf("%,d papers: of which ranking alone (no seen write) p50 %.1f ms, p99 %.1f ms%n", size,
                pct(ranking, 50) / 1e6, pct(ranking, 99) / 1e6);
        window.close();
    }

    /**
     * Inserts {@code events} engagement events from {@code users} people over {@code span} before {@link #NOW},
     * with skewed popularity as in a real server: a few papers get most of the attention.
     */
    public static void insertEvents(Database db, List<String> papers, int events, int users, Duration span,
                                    Random r) {
        String[] kinds = {"vote", "save", "click", "expand"};
        long spanMs = span.toMillis();
        int chunk = 100_000;
        for (int done = 0; done < events; done += chunk) {
            int n = Math.min(chunk, events - done);
            db.write(c -> {
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT OR IGNORE INTO events (user_id, paper_id, kind, at) VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < n; i++) {
                        int paper = (int) Math.min(papers.size() - 1, Math.abs(r.nextGaussian()) * papers.size() / 4);
                        p.setString(1, "user" + r.nextInt(users));
                        p.setString(2, papers.get(paper));
                        p.setString(3, kinds[r.nextInt(kinds.length)]);
                        p.setLong(4, NOW.toEpochMilli() - (long) (r.nextDouble() * spanMs));
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                return null;
            });
        }
    }

    private static long countEvents(Database db) {
        return db.read(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM events")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
