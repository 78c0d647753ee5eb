package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Vectors from a window's shared numbering are the very vectors counted words give, bit for bit, so diversifying
 * a page from them picks exactly the papers it picked before; whatever pages came first.
 */
class TextSimilarityTest {

    @Test
    void numberedVectorsAreBitForBitTheVectorsOfTheWordCountsWhateverWasNumberedBefore() {
        Random r = new Random(7);
        List<Map<String, Integer>> papers = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            int words = 5 + r.nextInt(120);
            for (int w = 0; w < words; w++) {
                // 3,000 words in all: the per-page dictionary has to grow past its first size.
                counts.merge("w" + r.nextInt(3_000), 1 + r.nextInt(4), Integer::sum);
            }
            papers.add(counts);
        }
        TextSimilarity.Numbering numbering = new TextSimilarity.Numbering();
        // Pages in different orders over one numbering, as users' pages of one window are.
        for (int page = 0; page < 5; page++) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < papers.size(); i++) {
                order.add(i);
            }
            java.util.Collections.shuffle(order, r);
            TextSimilarity byCounts = new TextSimilarity();
            TextSimilarity byNumbers = new TextSimilarity();
            List<TextSimilarity.Vector> expected = new ArrayList<>();
            List<TextSimilarity.Vector> actual = new ArrayList<>();
            for (int i : order) {
                TextSimilarity.Vector e = byCounts.vector(papers.get(i));
                TextSimilarity.Vector a = byNumbers.vector(numbering.counted("p" + i, papers.get(i)));
                assertThat(a.terms()).isEqualTo(e.terms());
                assertThat(a.weights()).isEqualTo(e.weights());
                expected.add(e);
                actual.add(a);
            }
            for (int i = 0; i < expected.size(); i++) {
                for (int j = 0; j < expected.size(); j++) {
                    assertThat(TextSimilarity.cosine(actual.get(i), actual.get(j)))
                            .isEqualTo(TextSimilarity.cosine(expected.get(i), expected.get(j)));
                }
            }
        }
    }

    @Test
    void aPaperLikeItselfHasCosineOneAndUnlikeAnotherZero() {
        TextSimilarity.Numbering numbering = new TextSimilarity.Numbering();
        TextSimilarity s = new TextSimilarity();
        TextSimilarity.Vector a = s.vector(numbering.counted("a", Map.of("goldfish", 2, "loss", 1)));
        TextSimilarity.Vector b = s.vector(numbering.counted("b", Map.of("pond", 3)));
        assertThat(TextSimilarity.cosine(a, a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(TextSimilarity.cosine(a, b)).isZero();
    }
}
