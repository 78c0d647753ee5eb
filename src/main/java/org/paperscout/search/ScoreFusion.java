package org.paperscout.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code /search} fuses its two lists: a weighted sum of the BM25 score, scaled by the best BM25 score of the
 * query (so 1 for the top lexical hit, whatever the query's length), and the cosine similarity of the query's
 * embedding to the paper's (negative cosines count as 0). A paper missing from one list gets 0 from it. Scores,
 * not ranks: how far ahead the top BM25 hit is, and how close in meaning each paper is, both carry over. Chosen
 * on five judged collections against reciprocal rank fusion (README, "Four more collections"). Pure: no index, no
 * model.
 *
 * @param lexicalShare the BM25 part's weight, from 0 to 1; the cosine part gets the rest
 */
public record ScoreFusion(float lexicalShare) {

    /** BM25 0.3, cosine 0.7: MiniLM's cosines spread over a narrower band than scaled BM25 scores do. */
    public static final ScoreFusion DEFAULT = new ScoreFusion(0.3f);

    public ScoreFusion {
        if (!(lexicalShare >= 0 && lexicalShare <= 1)) {
            throw new IllegalArgumentException("lexical share " + lexicalShare + " is not between 0 and 1");
        }
    }

    /**
     * @param lexical BM25 hits with their raw scores, best first
     * @param vector  kNN hits with their cosine similarity (-1 to 1)
     * @return every paper of either list, best first; ties by id so the order is deterministic
     */
    public List<ScoredId> fuse(List<ScoredId> lexical, List<ScoredId> vector) {
        Map<String, Float> scores = new HashMap<>();
        float best = 0;
        for (ScoredId s : lexical) {
            best = Math.max(best, s.score());
        }
        for (ScoredId s : lexical) {
            float part = best > 0 ? lexicalShare * Math.max(0, s.score()) / best : 0;
            scores.merge(s.id(), part, Math::max);
        }
        Map<String, Float> meaning = new HashMap<>();
        for (ScoredId s : vector) {
            meaning.merge(s.id(), (1 - lexicalShare) * Math.max(0, s.score()), Math::max);
        }
        meaning.forEach((id, part) -> scores.merge(id, part, Float::sum));
        List<ScoredId> out = new ArrayList<>(scores.size());
        scores.forEach((id, score) -> out.add(new ScoredId(id, score)));
        out.sort(Comparator.comparing(ScoredId::score).reversed().thenComparing(ScoredId::id));
        return out;
    }
}
