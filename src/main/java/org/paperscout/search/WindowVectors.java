package org.paperscout.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.lucene.util.VectorUtil;

/**
 * The recent window's paper vectors, held in memory, and an exact nearest-neighbour search over them. A kNN over
 * the main index under the window's dates is a poor fit for HNSW: the window is well under 1% of a large index,
 * so the graph search visits as many nodes as the filter admits without finding enough of them, gives up, and
 * Lucene then scores the window's papers exactly anyway, once per segment. Scoring them here skips the futile
 * graph walk and the per-segment filters: a few thousand dot products per topic.
 */
final class WindowVectors {

    static final WindowVectors EMPTY = new WindowVectors(Map.of());

    private final String[] ids;
    private final float[][] vectors;
    private final Map<String, float[]> byId;

    /** @param vectors unit vectors by paper id (papers without one are simply absent) */
    WindowVectors(Map<String, float[]> vectors) {
        this.ids = vectors.keySet().toArray(String[]::new);
        java.util.Arrays.sort(ids); // ties broken by id, as everywhere else
        this.vectors = new float[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            this.vectors[i] = vectors.get(ids[i]);
        }
        this.byId = Collections.unmodifiableMap(new HashMap<>(vectors));
    }

    int size() {
        return ids.length;
    }

    /** The stored vectors of those of {@code paperIds} in the window that have one. */
    Map<String, float[]> get(Collection<String> paperIds) {
        Map<String, float[]> out = new HashMap<>();
        for (String id : paperIds) {
            float[] v = byId.get(id);
            if (v != null) {
                out.put(id, v);
            }
        }
        return out;
    }

    /** Those of {@code paperIds} without a vector here. */
    List<String> missing(Collection<String> paperIds) {
        List<String> out = new ArrayList<>();
        for (String id : paperIds) {
            if (!byId.containsKey(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** These vectors and {@code more} (which win for a paper in both). */
    WindowVectors with(Map<String, float[]> more) {
        Map<String, float[]> all = new HashMap<>(byId);
        all.putAll(more);
        return new WindowVectors(all);
    }

    /**
     * The {@code k} window papers nearest {@code query} (a unit vector), best first, scored {@code (1 + cosine)
     * / 2} as the index's kNN scores them; never those in {@code exclude}.
     */
    List<ScoredId> nearest(float[] query, int k, Set<String> exclude) {
        if (k <= 0 || ids.length == 0) {
            return List.of();
        }
        // A min-heap of the best k so far; lower index (id order) wins a tie.
        PriorityQueue<int[]> heap = new PriorityQueue<>(k + 1, (a, b) -> {
            int byScore = Float.compare(Float.intBitsToFloat(a[1]), Float.intBitsToFloat(b[1]));
            return byScore != 0 ? byScore : Integer.compare(b[0], a[0]);
        });
        float floor = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < ids.length; i++) {
            float dot = VectorUtil.dotProduct(query, vectors[i]);
            if (heap.size() == k && dot <= floor) {
                continue;
            }
            if (exclude.contains(ids[i])) {
                continue;
            }
            heap.add(new int[] {i, Float.floatToIntBits(dot)});
            if (heap.size() > k) {
                heap.poll();
            }
            if (heap.size() == k) {
                floor = Float.intBitsToFloat(heap.peek()[1]);
            }
        }
        List<ScoredId> out = new ArrayList<>(heap.size());
        while (!heap.isEmpty()) {
            int[] e = heap.poll();
            out.add(new ScoredId(ids[e[0]], Math.max(0f, (1f + Float.intBitsToFloat(e[1])) / 2f)));
        }
        Collections.reverse(out);
        return out;
    }
}
