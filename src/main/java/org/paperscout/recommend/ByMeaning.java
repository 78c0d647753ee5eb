package org.paperscout.recommend;

import java.util.ArrayList;
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
        return of(search, window, positives, profile, Recommender.PER_SOURCE, "c");
    }

    static ByMeaning of(SearchService search, RecentWindow.Snapshot window, List<Paper> positives, Profile profile,
                        int depth, String mode) {
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
        List<ScoredId> near = new ArrayList<>();
        if (mode.equals("max") || mode.equals("c+max")) {
            Set<String> union = new java.util.LinkedHashSet<>();
            for (float[] v : likedVectors.values()) {
                int got = 0;
                for (ScoredId s : search.nearest(v, 2 * depth, window.publishedFrom(), exclude)) {
                    if (window.paper(s.id()).isPresent() && got < depth) {
                        union.add(s.id());
                        got++;
                    }
                }
            }
            if (mode.equals("c+max")) {
                for (ScoredId s : search.nearest(centroid, 2 * depth, window.publishedFrom(), exclude)) {
                    if (window.paper(s.id()).isPresent()) {
                        union.add(s.id());
                    }
                }
            }
            Map<String, float[]> vs = search.vectors(union);
            for (String id : union) {
                float[] v = vs.get(id);
                if (v == null) {
                    continue;
                }
                double best = -1;
                for (float[] w : likedVectors.values()) {
                    best = Math.max(best, Embedder.cosine(v, w));
                }
                double score = best;
                if (mode.equals("c+max")) {
                    score = 0.5 * best + 0.5 * Embedder.cosine(v, centroid);
                }
                near.add(new ScoredId(id, (float) score));
            }
            near.sort(java.util.Comparator.comparing(ScoredId::score).reversed().thenComparing(ScoredId::id));
            if (near.size() > depth) {
                near = new ArrayList<>(near.subList(0, depth));
            }
        } else {
            for (ScoredId s : search.nearest(centroid, 2 * depth, window.publishedFrom(), exclude)) {
                if (window.paper(s.id()).isPresent() && near.size() < depth) {
                    near.add(s);
                }
            }
        }
        Set<String> ids = new HashSet<>(likedVectors.keySet());
        near.forEach(s -> ids.add(s.id()));
        ByMeaning m = new ByMeaning(near, new java.util.HashMap<>(search.vectors(ids)), positives);
        m.search = search;
        m.centroid = centroid;
        return m;
    }

    private SearchService search;
    private float[] centroid;

    /** Cosine of each paper to the liked centroid (X: scratch). */
    Map<String, Double> centroidCosines(java.util.Collection<String> ids) {
        Map<String, Double> out = new java.util.HashMap<>();
        if (centroid == null) {
            return out;
        }
        Set<String> missing = new HashSet<>(ids);
        missing.removeAll(vectors.keySet());
        if (!missing.isEmpty()) {
            vectors.putAll(search.vectors(missing));
        }
        for (String id : ids) {
            float[] v = vectors.get(id);
            out.put(id, v == null ? 0.0 : Embedder.cosine(v, centroid));
        }
        return out;
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
