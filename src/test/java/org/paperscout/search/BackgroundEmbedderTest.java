package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model loads beside the start: /search answers with BM25 until it is there, and with vectors after. */
class BackgroundEmbedderTest {

    @TempDir
    static Path dir;
    static PaperIndex index;

    @BeforeAll
    static void indexSeeds() throws Exception {
        index = SeedIndex.open(dir.resolve("index"));
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    private static List<String> titles(SearchService search, String query) {
        return search.search(SearchRequest.of(query, 5)).hits().stream().map(h -> h.paper().title()).toList();
    }

    @Test
    void whileTheModelLoadsSearchAnswersWithBm25AndDoesNotCacheThatAnswer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeEmbedder fake = new FakeEmbedder();
        BackgroundEmbedder embedder = BackgroundEmbedder.start(() -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return fake;
        });
        SearchService hybrid = new SearchService(index, new SearchConfig(100, Duration.ofMinutes(10),
                Duration.ofSeconds(5)), new SemanticSearch(embedder, ScoreFusion.DEFAULT, 100));
        SearchService lexical = new SearchService(index, SearchConfig.defaults());

        assertThat(embedder.ready()).isFalse();
        assertThat(titles(hybrid, "goldfish loss")).isEqualTo(titles(lexical, "goldfish loss"));
        assertThat(fake.embeddedCount()).as("no query embedded before the model is there").isZero();

        release.countDown();
        embedder.embedQuery("wait for the load"); // blocks until the model answers
        assertThat(embedder.ready()).isTrue();
        int before = fake.embeddedCount();
        hybrid.search(SearchRequest.of("goldfish loss", 5));
        assertThat(fake.embeddedCount()).as("the BM25-only page was not cached: the query is embedded now")
                .isGreaterThan(before);
        embedder.close();
    }

    @Test
    void aModelThatFailsToLoadLeavesSearchOnBm25AndTellsWhyWhenAVectorIsNeeded() {
        BackgroundEmbedder embedder = BackgroundEmbedder.start(() -> {
            throw new IllegalStateException("cannot load embedding model minilm");
        });
        SearchService hybrid = new SearchService(index, SearchConfig.defaults(),
                new SemanticSearch(embedder, ScoreFusion.DEFAULT, 100));

        assertThatThrownBy(() -> embedder.embed(List.of("x"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("minilm");
        assertThat(embedder.ready()).isFalse();
        assertThat(embedder.failure()).contains("IllegalStateException: cannot load embedding model minilm");
        assertThat(titles(hybrid, "goldfish loss")).first().isEqualTo(SeedSearchTest.GOLDFISH);
        embedder.close();
    }

    @Test
    void aFailedModelIsTheSameWordsOnlyPathAsSemanticSearchConfiguredOff() throws Exception {
        BackgroundEmbedder embedder = BackgroundEmbedder.start(() -> {
            throw new OutOfMemoryError("Java heap space");
        });
        SearchService failed = new SearchService(index, new SearchConfig(100, Duration.ofMinutes(10),
                Duration.ofSeconds(5)), new SemanticSearch(embedder, ScoreFusion.DEFAULT, 100));
        SearchService off = new SearchService(index, SearchConfig.defaults());
        // Asking for a vector waits for the load in progress, then answers with nothing rather than throw.
        assertThat(failed.queryVector("goldfish loss")).isEmpty();
        assertThat(embedder.failure()).contains("OutOfMemoryError: Java heap space");

        assertThat(failed.semanticEnabled()).isFalse();
        assertThat(failed.semanticFailure()).contains("OutOfMemoryError: Java heap space");
        assertThat(off.semanticFailure()).isEmpty();
        assertThat(failed.semanticProgress()).isEmpty();
        String text = "Language models memorize and regurgitate their training data verbatim";
        assertThat(ids(failed.similarToText(text, null, 5))).isNotEmpty()
                .isEqualTo(ids(off.similarToText(text, null, 5)));
        String goldfish = off.search(SearchRequest.of("goldfish loss", 1)).hits().get(0).paper().id();
        assertThat(ids(failed.similar(goldfish, 5))).isNotEmpty().isEqualTo(ids(off.similar(goldfish, 5)));
        // The model will not come back, so a BM25 page is final and comes from the cache the second time.
        SearchPage first = failed.search(SearchRequest.of("goldfish loss", 5));
        assertThat(failed.search(SearchRequest.of("goldfish loss", 5))).isSameAs(first);
        embedder.close();
    }

    @Test
    void aLoadThatHangsIsWaitedForOnlySoLongThenWordsAnswer() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        BackgroundEmbedder embedder = BackgroundEmbedder.start(() -> {
            try {
                never.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new FakeEmbedder();
        }, Duration.ofMillis(50));
        SearchService hanging = new SearchService(index, SearchConfig.defaults(),
                new SemanticSearch(embedder, ScoreFusion.DEFAULT, 100));
        SearchService off = new SearchService(index, SearchConfig.defaults());

        assertThatThrownBy(() -> embedder.embed(List.of("x"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still loading");
        assertThat(hanging.queryVector("goldfish loss")).isEmpty();
        String text = "Language models memorize and regurgitate their training data verbatim";
        assertThat(ids(hanging.similarToText(text, null, 5))).isNotEmpty()
                .isEqualTo(ids(off.similarToText(text, null, 5)));
        // Still loading is not failed: semantic search stays on, and /status keeps showing progress.
        assertThat(embedder.failure()).isEmpty();
        assertThat(hanging.semanticEnabled()).isTrue();
        never.countDown();
        embedder.close();
    }

    @Test
    void theReasonIsTheFirstLineWithoutThePackageAndShortEnoughForStatus() {
        assertThat(BackgroundEmbedder.reason(new UnsatisfiedLinkError("no onnxruntime in java.library.path\nmore")))
                .isEqualTo("UnsatisfiedLinkError: no onnxruntime in java.library.path");
        assertThat(BackgroundEmbedder.reason(new IllegalStateException())).isEqualTo("IllegalStateException");
        String longReason = BackgroundEmbedder.reason(new IllegalStateException("x".repeat(500)));
        assertThat(longReason).hasSize(BackgroundEmbedder.MAX_REASON).endsWith("…");
    }

    private static List<String> ids(List<org.paperscout.catalog.Paper> papers) {
        return papers.stream().map(org.paperscout.catalog.Paper::id).toList();
    }
}
