package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The diversifier compares a candidate with the pages' picks only while it could still be picked; its pages are
 * exactly those of comparing every candidate with every pick, ties (equal scores, identical texts) included.
 */
class DiversifierTest {

    @Test
    void lazyPicksAreTheEagerPicksOnThousandsOfRandomPools() {
        Random r = new Random(11);
        for (int round = 0; round < 3_000; round++) {
            double lambda = r.nextInt(4) == 0 ? 1.0 : 0.3 + 0.6 * r.nextDouble();
            double nearDuplicate = 0.5 + 0.5 * r.nextDouble();
            int n = r.nextInt(31);
            List<Candidate> pool = new ArrayList<>();
            List<Map<String, Integer>> texts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Candidate c = new Candidate("p" + i);
                // Few distinct scores and few words: many ties and near-duplicates.
                c.finalScore = r.nextInt(5) == 0 ? 0 : r.nextInt(6) / 5.0;
                pool.add(c);
                Map<String, Integer> words = new LinkedHashMap<>();
                int size = 1 + r.nextInt(6);
                for (int w = 0; w < size; w++) {
                    words.merge("w" + r.nextInt(10), 1, Integer::sum);
                }
                texts.add(r.nextInt(6) == 0 && i > 0 ? texts.get(i - 1) : words);
            }
            TextSimilarity similarity = new TextSimilarity();
            List<TextSimilarity.Vector> vectors = texts.stream().map(similarity::vector).toList();
            double maxScore = pool.isEmpty() || pool.get(0).finalScore <= 0 ? 1 : pool.get(0).finalScore;
            int limit = 1 + r.nextInt(8);
            assertThat(new Diversifier(lambda, nearDuplicate).pick(pool, vectors, maxScore, limit))
                    .as("round %d", round)
                    .isEqualTo(eager(pool, vectors, maxScore, limit, lambda, nearDuplicate));
        }
    }

    @Test
    void picksOverAWindowsSharedVectorsAreTheEagerPicksOfTheSameVectors() {
        Random r = new Random(23);
        TextSimilarity.WindowVectors window = new TextSimilarity.WindowVectors(); // shared by every page
        for (int round = 0; round < 500; round++) {
            double lambda = 0.3 + 0.6 * r.nextDouble();
            double nearDuplicate = 0.3 + 0.7 * r.nextDouble();
            int n = r.nextInt(31);
            List<Candidate> pool = new ArrayList<>();
            List<TextSimilarity.Shared> texts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Candidate c = new Candidate("p" + i);
                c.finalScore = r.nextInt(8) / 7.0;
                pool.add(c);
                // Papers recur across pages with repeated words (weights other than 1), as in a window's pages.
                int paper = r.nextInt(200);
                texts.add(window.vector("paper" + paper, id -> words(paper)));
            }
            Diversifier.Similarity similarity = (i, j) -> TextSimilarity.cosine(texts.get(i), texts.get(j));
            double maxScore = pool.isEmpty() || pool.get(0).finalScore <= 0 ? 1 : pool.get(0).finalScore;
            int limit = 1 + r.nextInt(8);
            Diversifier.Picks picks = new Diversifier(lambda, nearDuplicate).new Picks(pool, similarity, maxScore);
            List<Candidate> lazy = new ArrayList<>();
            for (Candidate c; lazy.size() < limit && (c = picks.next()) != null; ) {
                lazy.add(c);
            }
            assertThat(lazy).as("round %d", round)
                    .isEqualTo(eager(pool, similarity, maxScore, limit, lambda, nearDuplicate));
        }
    }

    static Map<String, Integer> words(int paper) {
        Random words = new Random(paper);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int w = 0, size = 5 + words.nextInt(60); w < size; w++) {
            counts.merge("w" + words.nextInt(300), 1, Integer::sum);
        }
        return counts;
    }

    private static List<Candidate> eager(List<Candidate> left, List<TextSimilarity.Vector> vectors, double maxScore,
                                         int limit, double lambda, double nearDuplicate) {
        return eager(left, (i, j) -> TextSimilarity.cosine(vectors.get(i), vectors.get(j)), maxScore, limit, lambda,
                nearDuplicate);
    }

    /** The loop as it was: every candidate compared with every pick. */
    private static List<Candidate> eager(List<Candidate> left, Diversifier.Similarity similarity, double maxScore,
                                         int limit, double lambda, double nearDuplicate) {
        double[] maxSim = new double[left.size()];
        boolean[] taken = new boolean[left.size()];
        List<Candidate> chosen = new ArrayList<>();
        while (chosen.size() < limit) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < left.size(); i++) {
                if (taken[i] || maxSim[i] >= nearDuplicate) {
                    continue;
                }
                double value = lambda * left.get(i).finalScore / maxScore - (1 - lambda) * maxSim[i];
                if (value > bestValue) {
                    best = i;
                    bestValue = value;
                }
            }
            if (best < 0) {
                break;
            }
            taken[best] = true;
            chosen.add(left.get(best));
            for (int i = 0; i < left.size(); i++) {
                if (!taken[i]) {
                    maxSim[i] = Math.max(maxSim[i], similarity.cosine(i, best));
                }
            }
        }
        return chosen;
    }
}
