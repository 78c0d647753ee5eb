package org.paperscout.recommend;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

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
