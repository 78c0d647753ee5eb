package org.paperscout.eval;

import java.util.List;
import java.util.Map;

/**
 * Ranking metrics over one query: a ranked list of document ids against graded judgements (grade above 0 is
 * relevant). Pure functions, so the figures can be checked by hand.
 */
public final class Metrics {

    private Metrics() {
    }

    /**
     * nDCG@k with the gain equal to the grade and a log2(rank + 1) discount; the ideal ranking sorts all judged
     * grades, so relevant documents the system never returns still count against it.
     */
    public static double ndcg(List<String> ranked, Map<String, Integer> grades, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            int g = grades.getOrDefault(ranked.get(i), 0);
            if (g > 0) {
                dcg += g / log2(i + 2);
            }
        }
        List<Integer> ideal = grades.values().stream().filter(g -> g > 0).sorted((a, b) -> b - a).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += ideal.get(i) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** Share of the relevant documents found in the first k. */
    public static double recall(List<String> ranked, Map<String, Integer> grades, int k) {
        long relevant = grades.values().stream().filter(g -> g > 0).count();
        if (relevant == 0) {
            return 0;
        }
        return relevantIn(ranked, grades, k) / (double) relevant;
    }

    /** 1 / rank of the first relevant document within the first k, else 0. */
    public static double reciprocalRank(List<String> ranked, Map<String, Integer> grades, int k) {
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (grades.getOrDefault(ranked.get(i), 0) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    /** Relevant documents among the first k, divided by k (a short list is not excused). */
    public static double precision(List<String> ranked, Map<String, Integer> grades, int k) {
        return relevantIn(ranked, grades, k) / (double) k;
    }

    private static long relevantIn(List<String> ranked, Map<String, Integer> grades, int k) {
        return ranked.stream().limit(k).distinct().filter(id -> grades.getOrDefault(id, 0) > 0).count();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
