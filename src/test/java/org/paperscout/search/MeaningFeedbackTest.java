package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;

/** Feedback in meaning: the moved query (pure), and what it changes in a hybrid /search. */
class MeaningFeedbackTest {

    @TempDir
    Path dir;

    private static float[] unit(float... v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(n);
        }
        return v;
    }

    @Test
    void theQueryMovesTowardsTheMeanOfItsFirstPapersAndStaysUnitLength() {
        float[] query = unit(1, 0, 0);
        float[] moved = new MeaningFeedback(2, 0.8f).expand(query, List.of(unit(0, 1, 0), unit(0, 1, 0), unit(0, 0, 1)));
        // Only the first two count: 0.8 * query + 0.2 * (0, 1, 0), normalised; nothing of the third.
        double norm = Math.sqrt(0.8 * 0.8 + 0.2 * 0.2);
        assertThat(moved[0]).isCloseTo((float) (0.8 / norm), within(1e-6f));
        assertThat(moved[1]).isCloseTo((float) (0.2 / norm), within(1e-6f));
        assertThat(moved[2]).isZero();
        assertThat(Embedder.cosine(moved, moved)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void withoutLeadersOrWithAFullQueryShareTheQueryStays() {
        float[] query = unit(1, 2, 3);
        assertThat(MeaningFeedback.DEFAULT.expand(query, List.of())).isSameAs(query);
        assertThat(MeaningFeedback.DEFAULT.expand(query, List.of(new float[3]))).isSameAs(query);
        float[] same = new MeaningFeedback(3, 1f).expand(query, List.of(unit(0, 1, 0)));
        assertThat(same).containsExactly(query, within(1e-6f));
    }

    @Test
    void settingsOutsideTheirRangeAreRefused() {
        assertThatThrownBy(() -> new MeaningFeedback(0, 0.5f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MeaningFeedback(3, 1.5f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MeaningFeedback(3, Float.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Paper paper(String id, String title, String abstractText) {
        return new Paper(id, title, abstractText, List.of("A. Author"), List.of("cs.LG"), LocalDate.of(2025, 1, 1),
                null, 0, "test");
    }

    @Test
    void ofTwoPapersTheWordsAndTheQueryTieOnTheOneCloserToTheFirstPapersWins() throws Exception {
        List<Paper> papers = List.of(
                paper("l1", "Alpha alpha", "Alpha gamma delta epsilon."),
                paper("l2", "Alpha alpha", "Alpha gamma delta epsilon gamma."),
                paper("l3", "Alpha alpha", "Alpha delta epsilon gamma delta."),
                // Same title, same abstract length, one "alpha" each: BM25 and the query's cosine tie, and the
                // tie goes to the smaller id, a-other, unless the first papers' meaning is taken into account.
                paper("a-other", "Alpha", "Kappa lambda sigma."),
                paper("b-near", "Alpha", "Gamma delta epsilon."));
        float[] query = FakeEmbedder.vector("alpha");
        float[] near = FakeEmbedder.vector(Embedder.paperText(papers.get(4)));
        float[] other = FakeEmbedder.vector(Embedder.paperText(papers.get(3)));
        assertThat(Embedder.cosine(query, near)).isEqualTo(Embedder.cosine(query, other));
        try (PaperIndex index = PaperIndex.open(dir.resolve("index"))) {
            index.upsert(papers);
            Map<String, float[]> vectors = new HashMap<>();
            Map<String, String> texts = new HashMap<>();
            for (Paper p : papers) {
                vectors.put(p.id(), FakeEmbedder.vector(Embedder.paperText(p)));
                texts.put(p.id(), Embedder.paperText(p));
            }
            index.addVectors(vectors, texts);
            SearchService hybrid = new SearchService(index, SearchConfig.defaults(),
                    new SemanticSearch(new FakeEmbedder(), ScoreFusion.DEFAULT, 100));
            List<String> ids = hybrid.search(SearchRequest.of("alpha", 5)).hits().stream()
                    .map(h -> h.paper().id()).toList();
            assertThat(ids.subList(0, 3)).containsExactlyInAnyOrder("l1", "l2", "l3");
            assertThat(ids.subList(3, 5)).containsExactly("b-near", "a-other");
        }
    }
}
