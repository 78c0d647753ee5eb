package org.paperscout.search;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;

/** Vectors in the Lucene index: stored, read back, searched exactly on a tiny corpus, kept across updates. */
class VectorIndexTest {

    @TempDir
    Path dir;
    PaperIndex index;
    SearchService search;

    static Paper paper(String id, String title, String abstractText, LocalDate published) {
        return new Paper(id, title, abstractText, List.of("A. Author"), List.of("cs.LG"), published, null, 0, "test");
    }

    static final List<Paper> TINY = List.of(
            paper("p1", "Graph neural networks", "Message passing over graph nodes and edges.", LocalDate.of(2023, 1, 1)),
            paper("p2", "Protein folding", "Predicting protein structure from amino acid sequences.",
                    LocalDate.of(2024, 1, 1)),
            paper("p3", "Graph transformers", "Attention over graph nodes replaces message passing.",
                    LocalDate.of(2025, 1, 1)),
            paper("p4", "Speech recognition", "Acoustic models turn audio into text.", LocalDate.of(2025, 6, 1)));

    @BeforeEach
    void open() throws Exception {
        index = PaperIndex.open(dir.resolve("index"));
        index.upsert(TINY);
        search = new SearchService(index, SearchConfig.defaults(),
                new SemanticSearch(new FakeEmbedder(), ScoreFusion.DEFAULT, 100));
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    private void embedAll() throws Exception {
        Map<String, float[]> vectors = new java.util.HashMap<>();
        Map<String, String> texts = new java.util.HashMap<>();
        for (Paper p : TINY) {
            vectors.put(p.id(), FakeEmbedder.vector(Embedder.paperText(p)));
            texts.put(p.id(), Embedder.paperText(p));
        }
        assertThat(index.addVectors(vectors, texts)).isEqualTo(4);
    }

    @Test
    void papersIngestedWithoutVectorsAreListedAsMissingInIdOrder() throws Exception {
        assertThat(missing(null)).extracting(Paper::id)
                .containsExactly("p1", "p2", "p3", "p4");
        assertThat(missing("p2")).extracting(Paper::id)
                .containsExactly("p3", "p4");
        assertThat(search.semanticProgress()).contains(new SemanticProgress(0, 4));
    }

    @Test
    void storedVectorsReadBackExactlyAndTheRestOfThePaperSurvives() throws Exception {
        embedAll();
        Map<String, float[]> read = search.vectors(List.of("p3", "p1", "nope"));
        assertThat(read.keySet()).containsExactlyInAnyOrder("p1", "p3");
        assertThat(read.get("p3")).containsExactly(FakeEmbedder.vector(Embedder.paperText(TINY.get(2))));
        assertThat(index.get("p2")).contains(TINY.get(1));
        assertThat(search.semanticProgress()).contains(new SemanticProgress(4, 4));
        assertThat(missing(null)).isEmpty();
    }

    @Test
    void nearestFindsTheClosestVectorsFirstUnderADateFilterAndExclusions() throws Exception {
        embedAll();
        float[] query = FakeEmbedder.vector("graph nodes message passing");
        List<String> exact = bruteForce(query);
        assertThat(exact.subList(0, 2)).containsExactlyInAnyOrder("p1", "p3");
        // the other two share no word with the query: equal (zero) similarity, in any order
        assertThat(search.nearest(query, 2, null, Set.of())).extracting(ScoredId::id).isEqualTo(exact.subList(0, 2));
        assertThat(search.nearest(query, 2, LocalDate.of(2024, 6, 1), Set.of())).extracting(ScoredId::id)
                .isEqualTo(exact.stream().filter(id -> id.equals("p3") || id.equals("p4")).toList());
        assertThat(search.nearest(query, 1, null, Set.of(exact.get(0)))).extracting(ScoredId::id)
                .containsExactly(exact.get(1));
        // Many exclusions, or exclusions under dates, go through a filter instead of a larger answer: same rule.
        Set<String> many = new java.util.HashSet<>(Set.of(exact.get(0)));
        java.util.stream.IntStream.range(0, 12).forEach(i -> many.add("absent-" + i));
        assertThat(search.nearest(query, 1, null, many)).extracting(ScoredId::id).containsExactly(exact.get(1));
        assertThat(search.nearest(query, 2, LocalDate.of(2024, 6, 1), Set.of("p3"))).extracting(ScoredId::id)
                .containsExactly("p4");
        assertThat(search.nearest(query, 4, null, Set.of("p1", "p3"))).extracting(ScoredId::id)
                .containsExactlyInAnyOrder("p2", "p4");
    }

    @Test
    void aWindowBuiltBeforeItsPapersWereEmbeddedGainsTheirVectorsWithoutARebuild() throws Exception {
        float[] query = FakeEmbedder.vector("graph nodes message passing");
        AtomicInteger vectorRefreshes = new AtomicInteger();
        index.onVectorsAdded(vectorRefreshes::incrementAndGet);
        try (RecentWindow window = new RecentWindow(search, 100)) {
            RecentWindow.Snapshot since2024 = window.rebuild(LocalDate.of(2024, 6, 1), 1);
            assertThat(since2024.nearestToTopic("graphs", 5, () -> since2024.nearestByMeaning(query, 5, Set.of())))
                    .isEmpty();
            embedAll(); // a vectors-only refresh: no text changed, so the window is not rebuilt
            assertThat(vectorRefreshes).hasValue(1);
            assertThat(since2024.nearestByMeaning(query, 5, Set.of())).isEmpty();
            assertThat(since2024.vectorsDue(1)).isFalse(); // read just now: not looked at again at once

            since2024.addVectors(index, 1);
            assertThat(since2024.nearestByMeaning(query, 5, Set.of())).extracting(ScoredId::id)
                    .containsExactly("p3", "p4");
            // the topic's list by meaning is found again, not served from before the vectors came
            assertThat(since2024.nearestToTopic("graphs", 5, () -> since2024.nearestByMeaning(query, 5, Set.of())))
                    .extracting(ScoredId::id).containsExactly("p3", "p4");
            assertThat(since2024.vectors(List.of("p3", "p4", "p1")).keySet()).containsExactlyInAnyOrder("p3", "p4");
        }
    }

    @Test
    void theRecentWindowFindsTheSameNearestPapersAsTheIndexAmongItsOwn() throws Exception {
        embedAll();
        float[] query = FakeEmbedder.vector("graph nodes message passing");
        try (RecentWindow window = new RecentWindow(search, 100)) {
            RecentWindow.Snapshot since2024 = window.rebuild(LocalDate.of(2024, 6, 1), 1);
            assertThat(since2024.nearestByMeaning(query, 2, Set.of())).extracting(ScoredId::id)
                    .isEqualTo(search.nearest(query, 2, LocalDate.of(2024, 6, 1), Set.of()).stream()
                            .map(ScoredId::id).toList());
            assertThat(since2024.nearestByMeaning(query, 5, Set.of("p3"))).extracting(ScoredId::id)
                    .containsExactly("p4");
            assertThat(since2024.vectors(List.of("p1", "p3")).keySet()).containsExactly("p3");
        }
        index.upsert(List.of(paper("p5", "Graph nodes", "New, no vector yet.", LocalDate.of(2025, 7, 1))));
        try (RecentWindow window = new RecentWindow(search, 100)) {
            assertThat(window.rebuild(LocalDate.of(2024, 6, 1), 1).nearestByMeaning(query, 5, Set.of()))
                    .extracting(ScoredId::id).doesNotContain("p5");
        }
    }

    @Test
    void anUpdateKeepsTheVectorWhenTheTextIsUnchangedAndDropsItWhenTheTextChanges() throws Exception {
        embedAll();
        index.upsert(List.of(TINY.get(0).withUpvotes(7)));
        assertThat(search.vectors(List.of("p1"))).containsKey("p1");
        Paper rewritten = paper("p2", "Protein folding", "A new abstract about folding.", LocalDate.of(2024, 1, 1));
        index.upsert(List.of(rewritten));
        assertThat(search.vectors(List.of("p2"))).isEmpty();
        assertThat(missing(null)).extracting(Paper::id).containsExactly("p2");
    }

    @Test
    void aVectorEmbeddedFromAnOutdatedTextIsNotWritten() throws Exception {
        Paper p2 = TINY.get(1);
        int written = index.addVectors(Map.of("p2", FakeEmbedder.vector("old text")), Map.of("p2", "old text"));
        assertThat(written).isZero();
        assertThat(search.vectors(List.of("p2"))).isEmpty();
        assertThat(index.get("p2")).contains(p2);
    }

    @Test
    void addingVectorsDoesNotCountAsAChangeOfContentButAnUpsertDoes() throws Exception {
        java.util.concurrent.atomic.AtomicInteger changes = new java.util.concurrent.atomic.AtomicInteger();
        index.onChange(changes::incrementAndGet);
        embedAll();
        assertThat(changes).hasValue(0);
        assertThat(search.vectors(List.of("p1"))).containsKey("p1"); // yet the new vectors are searchable
        index.upsert(List.of(paper("p5", "Another paper", "", null)));
        assertThat(changes).hasValue(1);
    }

    @Test
    void vectorsSurviveReopeningTheIndex() throws Exception {
        embedAll();
        index.commitVectors();
        index.close();
        index = PaperIndex.open(dir.resolve("index"));
        search = new SearchService(index, SearchConfig.defaults());
        assertThat(search.vectors(List.of("p1", "p2", "p3", "p4"))).hasSize(4);
    }

    @Test
    void similarUsesVectorsAndNeverReturnsThePaperItself() throws Exception {
        embedAll();
        float[] p3 = FakeEmbedder.vector(Embedder.paperText(TINY.get(2)));
        assertThat(search.similar("p3", 2)).extracting(Paper::id).first()
                .isEqualTo(bruteForce(p3).stream().filter(id -> !id.equals("p3")).findFirst().orElseThrow());
        assertThat(search.similar("p3", 3)).extracting(Paper::id).doesNotContain("p3");
    }

    @Test
    void hybridSearchObeysExcludeAndMustOperatorsInTheVectorPart() throws Exception {
        embedAll();
        // "graph" alone: both graph papers, from both sides
        assertThat(ids("graph nodes").subList(0, 2)).containsExactlyInAnyOrder("p1", "p3");
        // -transformers removes p3 from BM25 and from the kNN candidates
        assertThat(ids("graph nodes -transformers")).contains("p1").doesNotContain("p3");
        // "+b" is required on both sides: the graph papers are near in vector space but lack "speech"
        assertThat(ids("graph nodes +speech")).containsExactly("p4");
        assertThat(ids("+graph +speech")).isEmpty();
        assertThat(ids("audio +speech")).containsExactly("p4");
    }

    @Test
    void newestSortStaysLexical() throws Exception {
        embedAll();
        SearchPage page = search.search(new SearchRequest("graph", null, SortOrder.NEWEST, 0, 10));
        assertThat(page.hits()).extracting(h -> h.paper().id()).containsExactly("p3", "p1");
    }

    /** The tiny corpus ordered by exact dot product with {@code query}, the reference for the HNSW search. */
    private static List<String> bruteForce(float[] query) {
        return TINY.stream().sorted(java.util.Comparator.comparingDouble((Paper p) -> {
            float[] v = FakeEmbedder.vector(Embedder.paperText(p));
            double dot = 0;
            for (int i = 0; i < v.length; i++) {
                dot += v[i] * query[i];
            }
            return -dot;
        })).map(Paper::id).toList();
    }

    private List<Paper> missing(String after) {
        List<Paper> out = index.search(s -> IndexVectors.missing(s, after, 10));
        return out;
    }

    private List<String> ids(String query) {
        return search.search(SearchRequest.of(query, 10)).hits().stream().map(h -> h.paper().id()).toList();
    }
}
