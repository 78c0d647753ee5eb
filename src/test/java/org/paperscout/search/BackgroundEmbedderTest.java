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
        assertThat(titles(hybrid, "goldfish loss")).first().isEqualTo(SeedSearchTest.GOLDFISH);
        embedder.close();
    }
}
