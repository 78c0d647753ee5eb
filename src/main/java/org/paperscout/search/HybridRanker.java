package org.paperscout.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted reciprocal rank fusion of a lexical ranking and a vector (kNN) ranking: a paper scores
 * {@code w / (k + rank)} in each list it appears in (ranks from 1), summed. Used where a list's scores say little
 * across queries ({@code /similar}'s more-like-this, the feedback profile's long query); {@code /search} weighs
 * scores instead ({@link ScoreFusion}).
 * Pure: no index, no model.
 *
 * @param k             damping: larger values flatten the difference between rank 1 and rank 10
 * @param lexicalWeight weight of the BM25 list
 * @param vectorWeight  weight of the kNN list
 */
public record HybridRanker(int k, float lexicalWeight, float vectorWeight) {

    public HybridRanker {
        if (k < 1 || lexicalWeight < 0 || vectorWeight < 0) {
            throw new IllegalArgumentException("k " + k + ", weights " + lexicalWeight + ", " + vectorWeight);
        }
    }

    /** Both rankings fused, best first; ties by id so the order is deterministic. */
    public List<ScoredId> fuse(List<String> lexical, List<String> vector) {
        Map<String, Float> scores = new HashMap<>();
        add(scores, lexical, lexicalWeight);
        add(scores, vector, vectorWeight);
        List<ScoredId> out = new ArrayList<>(scores.size());
        scores.forEach((id, score) -> out.add(new ScoredId(id, score)));
        out.sort(Comparator.comparing(ScoredId::score).reversed().thenComparing(ScoredId::id));
        return out;
    }

    private void add(Map<String, Float> scores, List<String> ranking, float weight) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < ranking.size(); i++) {
            // A list may repeat an id; only its best (first) rank counts.
            if (seen.add(ranking.get(i))) {
                scores.merge(ranking.get(i), weight / (k + i + 1), Float::sum);
            }
        }
    }
}
