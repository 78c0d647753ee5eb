package org.paperscout.recommend;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cosine similarity of analysed term counts, sub-linear in frequency; enough to spot near-duplicates. Vectors
 * are sorted term-number arrays over one shared dictionary, so a cosine is a merge rather than map lookups.
 */
final class TextSimilarity {

    private final Map<String, Integer> dictionary = new HashMap<>();
    /** This instance's number of each {@link Numbering} number, for {@link #vector(Counted)}. */
    private final IntNumbers local;

    TextSimilarity() {
        this(0);
    }

    /** @param expectedTerms about how many terms the vectors made here hold in all (sizes the numbering) */
    TextSimilarity(int expectedTerms) {
        local = new IntNumbers(expectedTerms);
    }

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
     * The same vector as {@link #vector(Map)} of the counts {@code c} was made from, bit for bit: terms are numbered
     * here in the same order (first seen, in the counts' order), so weights are summed and cosines merged in the
     * same order. What it saves is hashing every word of every paper again: {@code c} is made once per paper and
     * window, and its numbers are ints. Do not mix both kinds of vector on one instance.
     */
    Vector vector(Counted c) {
        int n = c.numbers.length;
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = ((long) local.numberOf(c.numbers[i]) << 32) | i;
        }
        Arrays.sort(order);
        int[] terms = new int[n];
        double[] weights = new double[n];
        double norm = 0;
        for (int k = 0; k < n; k++) {
            terms[k] = (int) (order[k] >>> 32);
            weights[k] = c.weights[(int) order[k]];
            norm += weights[k] * weights[k];
        }
        double length = Math.sqrt(norm);
        if (length > 0) {
            for (int k = 0; k < n; k++) {
                weights[k] /= length;
            }
        }
        return new Vector(terms, weights);
    }

    /** A paper's terms as shared numbers, in the order of its counts map, each with its weight 1 + ln(count). */
    record Counted(int[] numbers, double[] weights) {
    }

    /** Numbers for words shared by every ranking over one window snapshot, and each paper's terms in them. */
    static final class Numbering {
        private final Map<String, Integer> numbers = new ConcurrentHashMap<>();
        private final AtomicInteger next = new AtomicInteger();
        private final Map<String, Counted> papers = new ConcurrentHashMap<>();

        Counted counted(String paperId, Map<String, Integer> counts) {
            return papers.computeIfAbsent(paperId, id -> {
                int[] ids = new int[counts.size()];
                double[] weights = new double[counts.size()];
                int i = 0;
                for (Map.Entry<String, Integer> e : counts.entrySet()) {
                    ids[i] = numbers.computeIfAbsent(e.getKey(), k -> next.getAndIncrement());
                    weights[i++] = 1 + Math.log(e.getValue());
                }
                return new Counted(ids, weights);
            });
        }
    }

    /** Numbers in order of first sight (0, 1, 2...), for ints: open addressing, no boxing. */
    private static final class IntNumbers {
        private int[] keys;
        private int[] values;
        private boolean[] used;
        private int size;

        IntNumbers(int expected) {
            int capacity = Integer.highestOneBit(Math.max(64, expected * 2 - 1)) << 1; // under half full
            keys = new int[capacity];
            values = new int[capacity];
            used = new boolean[capacity];
        }

        int numberOf(int key) {
            int mask = keys.length - 1;
            int slot = (key * 0x9E3779B9) >>> 7 & mask;
            while (used[slot]) {
                if (keys[slot] == key) {
                    return values[slot];
                }
                slot = (slot + 1) & mask;
            }
            used[slot] = true;
            keys[slot] = key;
            values[slot] = size++;
            if (size * 2 > keys.length) {
                grow();
            }
            return size - 1;
        }

        private void grow() {
            int[] oldKeys = keys;
            int[] oldValues = values;
            boolean[] oldUsed = used;
            keys = new int[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            used = new boolean[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldUsed[i]) {
                    int slot = (oldKeys[i] * 0x9E3779B9) >>> 7 & mask;
                    while (used[slot]) {
                        slot = (slot + 1) & mask;
                    }
                    used[slot] = true;
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                }
            }
        }
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
