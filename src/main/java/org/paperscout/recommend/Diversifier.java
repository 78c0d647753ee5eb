package org.paperscout.recommend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import org.paperscout.search.RecentWindow;

/** Greedy maximal marginal relevance over the best candidates; near-duplicates of a picked paper are skipped. */
final class Diversifier {

    /**
     * A snapshot's papers as numbered terms, made once per paper: a digest run diversifies 100,000 pages over the
     * same few thousand papers, and hashing each paper's words again per page was a third of the run's time. Weak
     * keys: a replaced snapshot takes its numbering with it; two at most live at once (one building, one serving).
     */
    private final Cache<RecentWindow.Snapshot, TextSimilarity.Numbering> numberings = Caffeine.newBuilder()
            .weakKeys().maximumSize(4).build();
    private final double lambda;
    private final double nearDuplicate;

    Diversifier(double lambda, double nearDuplicate) {
        this.lambda = lambda;
        this.nearDuplicate = nearDuplicate;
    }

    /** Up to {@code limit} of {@code pool} (best first), each in the window. */
    List<Candidate> pick(RecentWindow.Snapshot window, List<Candidate> pool, int limit) {
        if (pool.isEmpty()) {
            return List.of();
        }
        double maxScore = pool.get(0).finalScore <= 0 ? 1 : pool.get(0).finalScore;
        TextSimilarity similarity = new TextSimilarity();
        TextSimilarity.Numbering numbering = numberings.get(window, w -> new TextSimilarity.Numbering());
        List<Candidate> left = new ArrayList<>();
        List<TextSimilarity.Vector> vectors = new ArrayList<>();
        for (Candidate c : pool) {
            if (window.paper(c.id).isPresent()) {
                left.add(c);
                vectors.add(similarity.vector(numbering.counted(c.id, window.terms(c.id))));
            }
        }
        // maxSim[i]: similarity of left[i] to the closest paper chosen so far, updated as each one is chosen.
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
                if (value > bestValue) { // strictly greater: ties keep the earlier (higher score, lower id)
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
                    maxSim[i] = Math.max(maxSim[i], TextSimilarity.cosine(vectors.get(i), vectors.get(best)));
                }
            }
        }
        return chosen;
    }
}
