package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;
import org.slf4j.LoggerFactory;

/** The background backfill over the seeds, with the fake embedder. */
class SemanticBackfillTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** Embeds only when the test hands out a permit, so the test can look at the index between batches. */
    static final class GatedEmbedder implements Embedder {
        final FakeEmbedder fake = new FakeEmbedder();
        final Semaphore permits = new Semaphore(0);
        final CountDownLatch waiting = new CountDownLatch(1);
        private volatile boolean refusing;

        @Override
        public float[][] embed(List<String> texts) {
            waiting.countDown();
            try {
                if (!permits.tryAcquire(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("test never released the batch");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (refusing) {
                throw new IllegalStateException("the model went away");
            }
            return fake.embed(texts);
        }

        /** From now on every call fails, at once: the calls in flight end without embedding anything. */
        void refuse() {
            refusing = true;
            permits.release(1_000);
        }

        @Override
        public int dimensions() {
            return FakeEmbedder.DIMENSIONS;
        }

        @Override
        public String modelName() {
            return "gated fake";
        }
    }

    /** A model whose load failed, found out on the first call (as {@link BackgroundEmbedder} does): it never answers. */
    static final class DeadEmbedder implements Embedder {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean failed;

        @Override
        public float[][] embed(List<String> texts) {
            calls.incrementAndGet();
            failed = true;
            throw new IllegalStateException("cannot load embedding model minilm");
        }

        @Override
        public Optional<String> failure() {
            return failed ? Optional.of("IllegalStateException: cannot load embedding model minilm") : Optional.empty();
        }

        @Override
        public int dimensions() {
            return FakeEmbedder.DIMENSIONS;
        }

        @Override
        public String modelName() {
            return "dead fake";
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void embedsEveryPaperAndReportsProgress() throws Exception {
        FakeEmbedder fake = new FakeEmbedder();
        try (PaperIndex index = SeedIndex.open(dir.resolve("index"));
             SemanticBackfill backfill = new SemanticBackfill(index, fake, 10)) {
            assertThat(backfill.progress()).isEqualTo(new SemanticProgress(0, 62));
            assertThat(backfill.progress().statusLine()).isEqualTo("semantic index: 0 of 62");
            backfill.start();
            await(() -> backfill.progress().complete());
            assertThat(backfill.progress().statusLine()).isEqualTo("semantic index: 62 of 62");
            // Vectors become searchable once a minute or at the end of a pass; a second pass must not embed again
            // what the first wrote.
            Thread.sleep(300);
            assertThat(fake.embeddedCount()).isEqualTo(62);
            SearchService search = new SearchService(index, SearchConfig.defaults());
            assertThat(search.vectors(search.allPapers(100).stream().map(Paper::id).toList())).hasSize(62);
        }
    }

    /**
     * A backfill of at least as many papers as make the index merge itself to one segment afterwards holds large
     * merges back while it runs, and only then; a small one, or an index that never compacts, keeps the normal policy.
     */
    @Test
    void aWholeIndexBackfillDefersLargeMergesUntilItIsDone() throws Exception {
        GatedEmbedder gated = new GatedEmbedder();
        try (PaperIndex index = SeedIndex.open(dir.resolve("index"));
             SemanticBackfill backfill = new SemanticBackfill(index, gated, 10, Duration.ZERO)) {
            // 62 papers to embed make a merge due; it waits for an hour without writes, so never within the test.
            index.compactWhenSettled(new IndexCompaction.Policy(1, 62, Duration.ofHours(1), Duration.ofHours(1)));
            assertThat(index.mergesDeferred()).isFalse();
            backfill.start();
            assertThat(gated.waiting.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(index.mergesDeferred()).as("deferred while the first batch is in the model").isTrue();
            gated.permits.release(1_000);
            await(backfill::idle);
            assertThat(backfill.progress().complete()).isTrue();
            assertThat(index.mergesDeferred()).as("normal again once every paper has its vector").isFalse();
        }
    }

    @Test
    void aSmallBackfillOrAnIndexThatNeverCompactsKeepsTheNormalMergePolicy() throws Exception {
        for (boolean compacts : new boolean[] {true, false}) {
            GatedEmbedder gated = new GatedEmbedder();
            try (PaperIndex index = SeedIndex.open(dir.resolve("index-" + compacts));
                 SemanticBackfill backfill = new SemanticBackfill(index, gated, 10, Duration.ZERO)) {
                if (compacts) { // 63 written papers make a merge due: one more than the backfill writes
                    index.compactWhenSettled(new IndexCompaction.Policy(1, 63, Duration.ofHours(1), Duration.ofHours(1)));
                }
                backfill.start();
                assertThat(gated.waiting.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
                assertThat(index.mergesDeferred()).as("compacts: " + compacts).isFalse();
                gated.permits.release(1_000);
                await(backfill::idle);
            }
        }
    }

    /** A model still loading: the backfill reads no batch (no scan of the index at start-up) until it is ready. */
    @Test
    void readsNothingUntilTheModelIsReady() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean loaded = new java.util.concurrent.atomic.AtomicBoolean();
        FakeEmbedder fake = new FakeEmbedder();
        Embedder loading = new Embedder() {
            @Override
            public float[][] embed(List<String> texts) {
                return fake.embed(texts);
            }

            @Override
            public boolean ready() {
                return loaded.get();
            }

            @Override
            public int dimensions() {
                return FakeEmbedder.DIMENSIONS;
            }

            @Override
            public String modelName() {
                return "loading fake";
            }
        };
        try (PaperIndex index = SeedIndex.open(dir.resolve("index"));
             SemanticBackfill backfill = new SemanticBackfill(index, loading, 10)) {
            backfill.start();
            Thread.sleep(500);
            assertThat(fake.embeddedCount()).isZero();
            loaded.set(true);
            await(() -> backfill.progress().complete());
            assertThat(fake.embeddedCount()).isEqualTo(62);
        }
    }

    @Test
    void searchKeepsAnsweringWhileHalfThePapersHaveVectors() throws Exception {
        GatedEmbedder gated = new GatedEmbedder();
        try (PaperIndex index = SeedIndex.open(dir.resolve("index"));
             SemanticBackfill backfill = new SemanticBackfill(index, gated, 31, Duration.ZERO)) {
            SearchService lexical = new SearchService(index, SearchConfig.defaults());
            SearchService hybrid = new SearchService(index, SearchConfig.defaults(),
                    new SemanticSearch(new FakeEmbedder(), ScoreFusion.DEFAULT, 10));
            List<String> before = titles(lexical, "goldfish loss");
            backfill.start();
            gated.permits.release();
            await(() -> backfill.progress().embedded() == 31);
            // The second batch is being embedded: half the index has vectors.
            assertThat(titles(lexical, "goldfish loss")).isEqualTo(before);
            assertThat(titles(hybrid, "goldfish loss")).first().isEqualTo(SeedSearchTest.GOLDFISH);
            assertThat(index.size()).isEqualTo(62);
            gated.permits.release(10);
            await(() -> backfill.progress().complete());
            assertThat(titles(lexical, "goldfish loss")).isEqualTo(before);
        }
    }

    @Test
    void aRestartCarriesOnWhereTheLastRunStopped() throws Exception {
        GatedEmbedder gated = new GatedEmbedder();
        try (PaperIndex index = SeedIndex.open(dir.resolve("index"));
             SemanticBackfill backfill = new SemanticBackfill(index, gated, 20)) {
            backfill.start();
            gated.permits.release();
            await(() -> gated.fake.embeddedCount() == 20);
            gated.refuse(); // the batches read after the first fail: the run stops with 20 papers embedded
        }
        FakeEmbedder fake = new FakeEmbedder();
        try (PaperIndex index = PaperIndex.open(dir.resolve("index"));
             SemanticBackfill backfill = new SemanticBackfill(index, fake, 20)) {
            int kept = backfill.progress().embedded();
            assertThat(kept).isEqualTo(20);
            backfill.start();
            await(() -> backfill.progress().complete());
            assertThat(fake.embeddedCount()).isEqualTo(62 - kept);
        }
    }

    @Test
    void closingWritesAndCommitsEveryBatchTheModelEmbedded() throws Exception {
        GatedEmbedder gated = new GatedEmbedder();
        try (PaperIndex index = SeedIndex.open(dir.resolve("index"));
             SemanticBackfill backfill = new SemanticBackfill(index, gated, 20)) {
            backfill.start();
            gated.permits.release();
            await(() -> gated.fake.embeddedCount() == 20);
            // The second and third batches are in the model, nothing is published yet (that happens once a
            // minute). They finish only once closing has begun: whatever the model embedded must then be in the
            // committed index, the batch the loop had not handed to the writer yet included.
            Thread release = new Thread(() -> {
                sleepQuietly(200);
                gated.permits.release(2);
            });
            release.start();
            backfill.close();
            release.join();
        }
        assertThat(gated.fake.embeddedCount()).isEqualTo(60);
        try (PaperIndex index = PaperIndex.open(dir.resolve("index"));
             SemanticBackfill backfill = new SemanticBackfill(index, new FakeEmbedder(), 20)) {
            assertThat(backfill.progress().embedded()).isEqualTo(60);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aNewPaperGetsItsVectorSoonAfterItArrives() throws Exception {
        try (PaperIndex index = SeedIndex.open(dir.resolve("index"));
             SemanticBackfill backfill = new SemanticBackfill(index, new FakeEmbedder(), 50)) {
            backfill.start();
            await(() -> backfill.progress().complete() && backfill.idle());
            index.upsert(List.of(new Paper("2501.00001", "A brand new paper", "About fresh results.", List.of(),
                    List.of(), null, null, 0, "test")));
            await(() -> backfill.progress().equals(new SemanticProgress(63, 63)));
        }
    }

    @Test
    void aModelThatFailedToLoadStopsTheBackfillWithOneErrorLine() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(SemanticBackfill.class);
        log.start();
        logger.addAppender(log);
        DeadEmbedder dead = new DeadEmbedder();
        try (PaperIndex index = SeedIndex.open(dir.resolve("index"));
             SemanticBackfill backfill = new SemanticBackfill(index, dead, 10)) {
            backfill.start();
            await(backfill::stopped);
            // A new paper wakes a running backfill; a stopped one must not ask the dead model again.
            index.upsert(List.of(new Paper("2501.00001", "A brand new paper", "About fresh results.", List.of(),
                    List.of(), null, null, 0, "test")));
            backfill.close();
            assertThat(dead.calls).as("one try, no retry loop").hasValue(1);
            assertThat(backfill.progress()).isEqualTo(new SemanticProgress(0, 63));
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getFormattedMessage()).isEqualTo("Semantic backfill stopped: the embedding model failed to "
                    + "load (IllegalStateException: cannot load embedding model minilm); 0 of 62 papers have a vector, "
                    + "the others get theirs after a restart with a working model");
        });
    }

    @Test
    void aModelKnownToHaveFailedIsNeverAskedByTheBackfill() throws Exception {
        DeadEmbedder dead = new DeadEmbedder();
        dead.failed = true;
        try (PaperIndex index = SeedIndex.open(dir.resolve("index"));
             SemanticBackfill backfill = new SemanticBackfill(index, dead, 10)) {
            backfill.start();
            await(backfill::stopped);
        }
        assertThat(dead.calls).hasValue(0);
    }

    private static List<String> titles(SearchService search, String query) {
        return search.search(SearchRequest.of(query, 5)).hits().stream().map(h -> h.paper().title()).toList();
    }
}
