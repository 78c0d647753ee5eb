package org.paperscout.recommend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import org.paperscout.search.RecentWindow;

/** Greedy maximal marginal relevance over the best candidates; near-duplicates of a picked paper are skipped. */
final class Diversifier {

    /**
     * A snapshot's papers as vectors, made once per paper: a digest run diversifies 100,000 pages over the same few
     * thousand papers, and building each page's vectors again was a sixth of the run's time. Weak keys: a replaced
     * snapshot takes its vectors with it; two at most live at once (one building, one serving).
     */
    private final Cache<RecentWindow.Snapshot, TextSimilarity.WindowVectors> vectors = Caffeine.newBuilder()
            .weakKeys().maximumSize(4).build();
    private final double lambda;
    private final double nearDuplicate;

    Diversifier(double lambda, double nearDuplicate) {
        this.lambda = lambda;
        this.nearDuplicate = nearDuplicate;
    }

    /** The similarity of two candidates of one pool, by their positions in it. */
    interface Similarity {
        double cosine(int i, int j);
    }

    /**
     * The picks of {@code pool} (best first), one at a time: a page shows a handful of the 30, and picking all 30
     * compared up to 435 pairs. The first picks do not depend on how many follow. Candidates outside the window are
     * left out.
     */
    Picks picks(RecentWindow.Snapshot window, List<Candidate> pool) {
        double maxScore = pool.isEmpty() || pool.get(0).finalScore <= 0 ? 1 : pool.get(0).finalScore;
        TextSimilarity.WindowVectors shared = vectors.get(window, w -> new TextSimilarity.WindowVectors());
        List<Candidate> left = new ArrayList<>(pool.size());
        TextSimilarity.Shared[] texts = new TextSimilarity.Shared[pool.size()];
        for (Candidate c : pool) {
            if (c.paper != null || window.paper(c.id).isPresent()) { // scored over this window, or looked up
                texts[left.size()] = shared.vector(c.id, window::terms);
                left.add(c);
            }
        }
        return new Picks(left, (i, j) -> TextSimilarity.cosine(texts[i], texts[j]), maxScore);
    }

    /** Up to {@code limit} greedy picks among {@code left} (best first), whose texts are {@code vectors}. */
    List<Candidate> pick(List<Candidate> left, List<TextSimilarity.Vector> vectors, double maxScore, int limit) {
        Picks picks = new Picks(left, (i, j) -> TextSimilarity.cosine(vectors.get(i), vectors.get(j)), maxScore);
        List<Candidate> chosen = new ArrayList<>();
        for (Candidate c; chosen.size() < limit && (c = picks.next()) != null; ) {
            chosen.add(c);
        }
        return chosen;
    }

    /**
     * Greedy maximal marginal relevance, one pick per {@link #next()}. Lazy: maxSim[i] is the similarity of left[i]
     * to the closest of the first compared[i] chosen papers, so its value can only fall as it catches up. A
     * candidate is brought up to date only while its stale value could still beat the best so far; the pick is
     * exactly the eager loop's (highest value, then lowest index), without comparing all 30 with each pick.
     */
    final class Picks {
        private final List<Candidate> left;
        private final Similarity similarity;
        private final double maxScore;
        private final double[] maxSim;
        private final int[] compared;
        private final boolean[] out; // taken, or a near-duplicate of a taken one
        private final List<Integer> chosenAt = new ArrayList<>();

        Picks(List<Candidate> left, Similarity similarity, double maxScore) {
            this.left = left;
            this.similarity = similarity;
            this.maxScore = maxScore;
            maxSim = new double[left.size()];
            compared = new int[left.size()];
            out = new boolean[left.size()];
        }

        /**
         * The next pick, or null when every candidate is taken or too like a taken one. Scanned in pool order (best
         * score first, so the best is usually met early) rather than sorted by stale value at every pick, which was a
         * twelfth of composing a personal digest: a candidate whose stale value is at most the best so far is
         * skipped, since its value can only fall and a later index loses a tie.
         */
        Candidate next() {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < left.size(); i++) {
                if (out[i] || best >= 0 && value(left.get(i), maxScore, maxSim[i]) <= bestValue) {
                    continue;
                }
                for (; compared[i] < chosenAt.size(); compared[i]++) {
                    maxSim[i] = Math.max(maxSim[i], similarity.cosine(i, chosenAt.get(compared[i])));
                }
                double value = value(left.get(i), maxScore, maxSim[i]);
                if (maxSim[i] >= nearDuplicate || !(value > Double.NEGATIVE_INFINITY)) {
                    out[i] = true; // the eager loop never picks it either: its similarity only grows
                    continue;
                }
                if (best < 0 || value > bestValue) {
                    best = i;
                    bestValue = value;
                }
            }
            if (best < 0) {
                return null;
            }
            out[best] = true;
            chosenAt.add(best);
            return left.get(best);
        }
    }

    private double value(Candidate c, double maxScore, double maxSim) {
        return lambda * c.finalScore / maxScore - (1 - lambda) * maxSim;
    }
}
