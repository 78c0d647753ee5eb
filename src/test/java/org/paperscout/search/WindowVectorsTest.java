package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Exact kNN over the window's vectors: the same order as sorting every paper by its dot product. */
class WindowVectorsTest {

    private static float[] unit(Random r, int dims) {
        float[] v = new float[dims];
        for (int d = 0; d < dims; d++) {
            v[d] = (float) r.nextGaussian();
        }
        OnnxEmbedder.normalise(v);
        return v;
    }

    @Test
    void theNearestAreTheTopOfAFullSortBestFirstWithoutTheExcluded() {
        Random r = new Random(3);
        Map<String, float[]> vectors = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            vectors.put("p" + i, unit(r, 48));
        }
        WindowVectors window = new WindowVectors(vectors);
        for (int q = 0; q < 20; q++) {
            float[] query = unit(r, 48);
            List<String> sorted = vectors.keySet().stream()
                    .sorted(Comparator.comparingDouble((String id) -> -dot(query, vectors.get(id))))
                    .toList();
            Set<String> exclude = Set.of(sorted.get(0), sorted.get(3));
            List<ScoredId> near = window.nearest(query, 25, exclude);
            assertThat(near).extracting(ScoredId::id)
                    .isEqualTo(sorted.stream().filter(id -> !exclude.contains(id)).limit(25).toList());
            assertThat(near.get(0).score()).isCloseTo((1f + (float) dot(query, vectors.get(near.get(0).id()))) / 2f,
                    org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void tiesGoToTheLowerIdAndKBeyondTheWindowReturnsEveryPaper() {
        float[] same = {1f, 0f};
        WindowVectors window = new WindowVectors(Map.of("b", same, "a", same, "c", new float[] {0f, 1f}));
        assertThat(window.nearest(same, 1, Set.of())).extracting(ScoredId::id).containsExactly("a");
        assertThat(window.nearest(same, 10, Set.of())).extracting(ScoredId::id).containsExactly("a", "b", "c");
        assertThat(window.nearest(same, 10, Set.of()).get(2).score()).isEqualTo(0.5f);
        assertThat(WindowVectors.EMPTY.nearest(same, 5, Set.of())).isEmpty();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
