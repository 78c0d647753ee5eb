package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hybrid search over the seeds with the real model: what BM25 cannot find. */
class SemanticSeedSearchTest {

    static final String CTR = SeedSearchTest.FIRST;

    @TempDir
    static Path dir;
    static PaperIndex index;
    static OnnxEmbedder embedder;
    static SearchService lexical;
    static SearchService hybrid;

    @BeforeAll
    static void indexAndEmbedSeeds() throws Exception {
        index = SeedIndex.open(dir.resolve("index"));
        embedder = OnnxEmbedder.load(OnnxEmbedder.Model.MINILM, OnnxEmbedder.Window.FIRST);
        try (SemanticBackfill backfill = new SemanticBackfill(index, embedder, 64)) {
            backfill.start();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!backfill.progress().complete()) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
        lexical = new SearchService(index, SearchConfig.defaults());
        hybrid = new SearchService(index, SearchConfig.defaults(),
                new SemanticSearch(embedder, ScoreFusion.DEFAULT, 100));
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
        embedder.close();
    }

    private static List<String> titles(SearchService search, String query) {
        return search.search(SearchRequest.of(query, 5)).hits().stream().map(h -> h.paper().title()).toList();
    }

    @Test
    void aParaphraseWithNoSharedWordFindsTheClickThroughPaper() {
        String query = "shoppers tapping adverts";
        assertThat(titles(lexical, query)).isEmpty();
        assertThat(titles(hybrid, query)).first().isEqualTo(CTR);
    }

    @Test
    void gibberishFindsNothingRatherThanTheNearestNoise() {
        assertThat(titles(hybrid, "xyzzy qwerty")).isEmpty();
    }

    @Test
    void exactWordQueriesKeepTheirBm25Leader() {
        assertThat(titles(hybrid, "goldfish loss")).first().isEqualTo(SeedSearchTest.GOLDFISH);
    }

    @Test
    void similarByVectorsFindsAnotherVerbatimMemorizationPaper() {
        String goldfishId = hybrid.paper(SeedSearchTest.GOLDFISH).orElseThrow().id();
        List<String> similar = hybrid.similar(goldfishId, 5).stream().map(p -> p.title()).toList();
        assertThat(similar).hasSize(5).doesNotContain(SeedSearchTest.GOLDFISH)
                .contains("Preventing Verbatim Memorization in Language Models Gives a False Sense of Privacy");
    }
}
