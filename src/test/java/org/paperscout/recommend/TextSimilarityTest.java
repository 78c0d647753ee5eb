package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A window's shared vectors give the cosines of the word counts (to 1e-8), and the very same bits whatever order
 * the window's papers were first seen in, so a page is the same in every run however threads interleave.
 */
class TextSimilarityTest {

    private static List<Map<String, Integer>> papers(Random r) {
        List<Map<String, Integer>> papers = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            int words = 5 + r.nextInt(120);
            for (int w = 0; w < words; w++) {
                counts.merge("w" + r.nextInt(3_000), 1 + r.nextInt(4), Integer::sum);
            }
            papers.add(counts);
        }
        return papers;
    }

    @Test
    void sharedCosinesAreTheSameBitsWhicheverPaperTheWindowSawFirstAndMatchTheWordCounts() {
        Random r = new Random(7);
        List<Map<String, Integer>> papers = papers(r);
        TextSimilarity byCounts = new TextSimilarity();
        List<TextSimilarity.Vector> exact = papers.stream().map(byCounts::vector).toList();
        double[][] first = null;
        for (int run = 0; run < 5; run++) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < papers.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, r); // another thread first, another numbering
            TextSimilarity.WindowVectors window = new TextSimilarity.WindowVectors();
            TextSimilarity.Shared[] shared = new TextSimilarity.Shared[papers.size()];
            for (int i : order) {
                shared[i] = window.vector("p" + i, id -> papers.get(Integer.parseInt(id.substring(1))));
            }
            double[][] cosines = new double[papers.size()][papers.size()];
            for (int i = 0; i < papers.size(); i++) {
                for (int j = 0; j < papers.size(); j++) {
                    cosines[i][j] = TextSimilarity.cosine(shared[i], shared[j]);
                    assertThat(cosines[i][j]).isCloseTo(TextSimilarity.cosine(exact.get(i), exact.get(j)),
                            offset(1e-8));
                }
            }
            if (first == null) {
                first = cosines;
            } else {
                assertThat(cosines).as("run %d", run).isDeepEqualTo(first);
            }
        }
    }

    @Test
    void aPaperLikeItselfHasCosineOneAndUnlikeAnotherZero() {
        TextSimilarity.WindowVectors window = new TextSimilarity.WindowVectors();
        TextSimilarity.Shared a = window.vector("a", id -> Map.of("goldfish", 2, "loss", 1));
        TextSimilarity.Shared b = window.vector("b", id -> Map.of("pond", 3));
        assertThat(TextSimilarity.cosine(a, a)).isCloseTo(1.0, offset(1e-8));
        assertThat(TextSimilarity.cosine(a, b)).isZero();
    }

    @Test
    void aPapersWordsAreCountedOncePerWindow() {
        TextSimilarity.WindowVectors window = new TextSimilarity.WindowVectors();
        AtomicInteger counted = new AtomicInteger();
        TextSimilarity.Shared first = window.vector("a", id -> {
            counted.incrementAndGet();
            return Map.of("goldfish", 2);
        });
        TextSimilarity.Shared again = window.vector("a", id -> {
            counted.incrementAndGet();
            return Map.of("pond", 1);
        });
        assertThat(again).isSameAs(first);
        assertThat(counted).hasValue(1);
    }
}
