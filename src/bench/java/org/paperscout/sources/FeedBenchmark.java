package org.paperscout.sources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.paperscout.catalog.Paper;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.SyntheticCorpus;
import org.paperscout.store.Database;
import org.paperscout.store.EmbeddedPg;
import org.paperscout.store.LeaderLock;
import org.paperscout.store.StoreConfig;

/**
 * What the shared papers feed costs on PostgreSQL (embedded, as in the tests): the poller's path through the feed
 * (merge against the index, append the rows, apply them) against the single process's direct path into the index,
 * then a follower rebuilding an empty index from the whole feed. Batches of 1,000 papers, as a poll of ten arXiv
 * pages of 100 gives at most.
 *
 * <p>Run: {@code bench feed [papers]} (default 20,000; README, "Benchmarks").
 */
public final class FeedBenchmark {

    private static final int BATCH = 1_000;

    public static void main(String[] args) throws Exception {
        int papers = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path work = Files.createTempDirectory("paperscout-feed-bench");
        SyntheticCorpus corpus = new SyntheticCorpus(20_000);
        List<List<Paper>> batches = new ArrayList<>();
        for (int from = 0; from < papers; from += BATCH) {
            List<Paper> batch = new ArrayList<>();
            for (int i = from; i < Math.min(papers, from + BATCH); i++) {
                batch.add(corpus.paper(i));
            }
            batches.add(batch);
        }
        try {
            // A throwaway pass first, so the measured paths do not pay for the JIT's warm-up in turn.
            try (PaperIndex warm = PaperIndex.open(work.resolve("warm/index"))) {
                for (List<Paper> batch : batches) {
                    warm.upsert(batch);
                }
            }
            try (PaperIndex direct = PaperIndex.open(work.resolve("direct/index"))) {
                MergingSink sink = new MergingSink(direct::upsert);
                long start = System.nanoTime();
                for (List<Paper> batch : batches) {
                    sink.upsert(batch);
                }
                report("direct into the index (SQLite's path)", papers, start);
            }
            try (Database db = Database.openPostgres(EmbeddedPg.newDatabase(), StoreConfig.defaults());
                 PaperIndex leaderIndex = PaperIndex.open(work.resolve("leader/index"))) {
                PaperFeed leader = new PaperFeed(db, leaderIndex, LeaderLock.always(), work.resolve("leader"),
                        Duration.ofSeconds(5), Clock.systemUTC());
                MergingSink sink = new MergingSink(leader::publish);
                long start = System.nanoTime();
                for (List<Paper> batch : batches) {
                    sink.upsert(batch);
                }
                report("through the feed on PostgreSQL (the poller's path)", papers, start);
                start = System.nanoTime();
                for (List<Paper> batch : batches) {
                    sink.upsert(batch);
                }
                report("the same papers again, unchanged: no rows", papers, start);

                try (PaperIndex followerIndex = PaperIndex.open(work.resolve("follower/index"))) {
                    PaperFeed follower = new PaperFeed(db, followerIndex, LeaderLock.always(),
                            work.resolve("follower"), Duration.ofSeconds(5), Clock.systemUTC());
                    start = System.nanoTime();
                    follower.catchUp();
                    report("a follower rebuilding an empty index from the feed", followerIndex.size(), start);
                }
            }
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void report(String what, int papers, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-55s %,8d papers in %6.2f s = %,8.0f papers/s%n", what, papers, seconds,
                papers / seconds);
    }
}
