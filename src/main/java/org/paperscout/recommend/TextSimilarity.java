package org.paperscout.recommend;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Cosine similarity of analysed term counts, sub-linear in frequency; enough to spot near-duplicates. Vectors
 * are sorted term-number arrays over one shared dictionary, so a cosine is a merge rather than map lookups.
 */
final class TextSimilarity {

    private final Map<String, Integer> dictionary = new HashMap<>();

    /** A unit-length vector with weights 1 + ln(count). */
    record Vector(int[] terms, double[] weights) {
    }

    Vector vector(Map<String, Integer> counts) {
        int[] terms = new int[counts.size()];
        int i = 0;
        for (String t : counts.keySet()) {
            terms[i++] = dictionary.computeIfAbsent(t, k -> dictionary.size());
        }
        Arrays.sort(terms);
        Map<Integer, Integer> byNumber = new HashMap<>(counts.size() * 2);
        counts.forEach((t, c) -> byNumber.put(dictionary.get(t), c));
        double[] weights = new double[terms.length];
        double norm = 0;
        for (int k = 0; k < terms.length; k++) {
            weights[k] = 1 + Math.log(byNumber.get(terms[k]));
            norm += weights[k] * weights[k];
        }
        double length = Math.sqrt(norm);
        if (length > 0) {
            for (int k = 0; k < weights.length; k++) {
                weights[k] /= length;
            }
        }
        return new Vector(terms, weights);
    }

    /**
     * A window paper's vector for the diversifier: its terms in the window's shared numbering (ascending), its unit
     * weights in fixed point ({@link Shared#ONE} is 1.0). Fixed point because the numbering is shared by every
     * thread and numbered in whatever order pages first see words, so a dot product in term order would be summed
     * in an order that varies from run to run; integer sums are exact in any order, so a cosine, and with it every
     * page, is the same in every run. The rounding (2^-30 a weight) is far below what tells papers apart.
     */
    record Shared(int[] terms, int[] weights) {
        static final double ONE = 1 << 30;
    }

    /** Vectors of one window's papers, each made once and then shared by every page ranked over that window. */
    static final class WindowVectors {
        private final Map<String, Integer> numbers = new ConcurrentHashMap<>();
        private final AtomicInteger next = new AtomicInteger();
        private final Map<String, Shared> papers = new ConcurrentHashMap<>();

        /** The paper's vector, from its analysed word counts on first sight (asked for only then). */
        Shared vector(String paperId, Function<String, Map<String, Integer>> counts) {
            Shared v = papers.get(paperId); // a plain read first: computeIfAbsent may lock the bin even on a hit
            return v != null ? v : papers.computeIfAbsent(paperId, id -> shared(counts.apply(id)));
        }

        private Shared shared(Map<String, Integer> counts) {
            int n = counts.size();
            double[] w = new double[n];
            long[] order = new long[n];
            double norm = 0;
            int i = 0;
            // Summed in the counts' own order, which is the same in every run (unlike the numbering's).
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                w[i] = 1 + Math.log(e.getValue());
                norm += w[i] * w[i];
                order[i] = ((long) numbers.computeIfAbsent(e.getKey(), k -> next.getAndIncrement()) << 32) | i;
                i++;
            }
            Arrays.sort(order);
            double length = Math.sqrt(norm);
            int[] terms = new int[n];
            int[] weights = new int[n];
            for (int k = 0; k < n; k++) {
                terms[k] = (int) (order[k] >>> 32);
                weights[k] = length > 0 ? (int) Math.round(w[(int) order[k]] / length * Shared.ONE) : 0;
            }
            return new Shared(terms, weights);
        }
    }

    /** The cosine of two unit vectors of one window, exact for their fixed-point weights. */
    static double cosine(Shared a, Shared b) {
        long dot = 0; // at most about 2^60: both vectors have unit length
        int i = 0;
        int j = 0;
        int[] at = a.terms;
        int[] bt = b.terms;
        int[] aw = a.weights;
        int[] bw = b.weights;
        int n = at.length;
        int m = bt.length;
        // Both indexes step without a branch on which term is smaller: that branch goes either way at random in a
        // merge of two papers' words, and its mispredictions were most of a cosine's time (about a third faster).
        while (i < n && j < m) {
            int x = at[i];
            int y = bt[j];
            if (x == y) {
                dot += (long) aw[i] * bw[j];
            }
            i += x <= y ? 1 : 0;
            j += y <= x ? 1 : 0;
        }
        return dot / (Shared.ONE * Shared.ONE);
    }

    static double cosine(Vector a, Vector b) {
        if (a == null || b == null) {
            return 0;
        }
        double dot = 0;
        int i = 0;
        int j = 0;
        while (i < a.terms.length && j < b.terms.length) {
            int x = a.terms[i];
            int y = b.terms[j];
            if (x == y) {
                dot += a.weights[i++] * b.weights[j++];
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return dot;
    }
}
