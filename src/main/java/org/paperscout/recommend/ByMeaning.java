package org.paperscout.recommend;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.search.Embedder;
import org.paperscout.search.RecentWindow;
import org.paperscout.search.ScoredId;
import org.paperscout.search.SearchService;

/**
 * The meaning side of feedback: the window's papers nearest the centroid of the liked papers' embeddings, and for
 * each, the liked paper it is closest to with the cosine a card may show. Empty when semantic search is off or no
 * liked paper has a vector yet.
 */
final class ByMeaning {

    private final List<ScoredId> nearest;
    private final Map<String, float[]> vectors;
    private final List<Paper> liked;

    record Closest(String paperId, double cosine) {
    }

    private ByMeaning(List<ScoredId> nearest, Map<String, float[]> vectors, List<Paper> liked) {
        this.nearest = nearest;
        this.vectors = vectors;
        this.liked = liked;
    }

    static ByMeaning of(SearchService search, RecentWindow.Snapshot window, List<Paper> positives, Profile profile) {
        if (!search.semanticEnabled() || positives.isEmpty()) {
            return new ByMeaning(List.of(), Map.of(), positives);
        }
        Map<String, float[]> likedVectors = search.vectors(positives.stream().map(Paper::id).toList());
        float[] centroid = centroid(likedVectors.values());
        if (centroid == null) {
            return new ByMeaning(List.of(), Map.of(), positives);
        }
        Set<String> exclude = new HashSet<>(profile.positives().keySet());
        exclude.addAll(profile.negatives());
        // Exact, over the window's own vectors: every paper found is one the window holds.
        List<ScoredId> near = window.nearestByMeaning(centroid, Recommender.PER_SOURCE, exclude);
        Set<String> ids = new HashSet<>(likedVectors.keySet());
        near.forEach(s -> ids.add(s.id()));
        return new ByMeaning(near, search.vectors(ids), positives);
    }

    List<ScoredId> nearest() {
        return nearest;
    }

    /** The liked paper whose embedding is closest to {@code paperId}'s, and that cosine. */
    Closest closest(String paperId) {
        float[] v = vectors.get(paperId);
        String best = liked.get(0).id();
        double bestCosine = -1;
        for (Paper p : liked) {
            float[] w = vectors.get(p.id());
            if (v != null && w != null && Embedder.cosine(v, w) > bestCosine) {
                bestCosine = Embedder.cosine(v, w);
                best = p.id();
            }
        }
        return new Closest(best, bestCosine);
    }

    /** The unit-length mean of the vectors, or null when there are none. */
    private static float[] centroid(java.util.Collection<float[]> vs) {
        if (vs.isEmpty()) {
            return null;
        }
        float[] sum = new float[vs.iterator().next().length];
        for (float[] v : vs) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        }
        double norm = 0;
        for (float x : sum) {
            norm += x * x;
        }
        if (norm == 0) {
            return null;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < sum.length; i++) {
            sum[i] *= inv;
        }
        return sum;
    }
}
