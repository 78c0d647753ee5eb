package org.paperscout.recommend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
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

    /**
     * The picks of {@code pool} (best first, each in the window), one at a time: a page shows a handful of the 30,
     * and picking all 30 compared up to 435 pairs. The first picks do not depend on how many follow.
     */
    Picks picks(RecentWindow.Snapshot window, List<Candidate> pool) {
        double maxScore = pool.isEmpty() || pool.get(0).finalScore <= 0 ? 1 : pool.get(0).finalScore;
        TextSimilarity.Numbering numbering = numberings.get(window, w -> new TextSimilarity.Numbering());
        List<Candidate> left = new ArrayList<>();
        List<TextSimilarity.Counted> texts = new ArrayList<>();
        int terms = 0;
        for (Candidate c : pool) {
            if (window.paper(c.id).isPresent()) {
                left.add(c);
                texts.add(numbering.counted(c.id, window.terms(c.id)));
                terms += texts.get(texts.size() - 1).numbers().length;
            }
        }
        return picks(left, texts, terms, maxScore);
    }

    /** The picks among {@code left}, whose texts are {@code texts} ({@code terms} words in all). */
    Picks picks(List<Candidate> left, List<TextSimilarity.Counted> texts, int terms, double maxScore) {
        TextSimilarity similarity = new TextSimilarity(terms);
        // Built in pool order however they are asked for: a vector's term order, and so its cosines' bits, depend on
        // the vectors numbered before it. Candidates never compared (the tail, when a page fills early) need none.
        TextSimilarity.Vector[] vectors = new TextSimilarity.Vector[texts.size()];
        int[] built = {0};
        IntFunction<TextSimilarity.Vector> vector = i -> {
            for (; built[0] <= i; built[0]++) {
                vectors[built[0]] = similarity.vector(texts.get(built[0]));
            }
            return vectors[i];
        };
        return new Picks(left, vector, maxScore);
    }

    /** Up to {@code limit} greedy picks among {@code left} (best first), whose texts are {@code vectors}. */
    List<Candidate> pick(List<Candidate> left, List<TextSimilarity.Vector> vectors, double maxScore, int limit) {
        Picks picks = new Picks(left, vectors::get, maxScore);
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
        private final IntFunction<TextSimilarity.Vector> vectors;
        private final double maxScore;
        private final double[] maxSim;
        private final int[] compared;
        private final boolean[] out; // taken, or a near-duplicate of a taken one
        private final List<Integer> chosenAt = new ArrayList<>();

        private Picks(List<Candidate> left, IntFunction<TextSimilarity.Vector> vectors, double maxScore) {
            this.left = left;
            this.vectors = vectors;
            this.maxScore = maxScore;
            maxSim = new double[left.size()];
            compared = new int[left.size()];
            out = new boolean[left.size()];
        }

        /** The next pick, or null when every candidate is taken or too like a taken one. */
        Candidate next() {
            // Primitive arrays and an insertion sort: 30 candidates at most, sorted once per pick.
            int[] order = new int[left.size()];
            double[] stale = new double[left.size()];
            int n = 0;
            for (int i = 0; i < left.size(); i++) {
                if (!out[i]) {
                    stale[i] = value(left.get(i), maxScore, maxSim[i]);
                    int at = n++;
                    for (; at > 0 && before(stale, i, order[at - 1]); at--) {
                        order[at] = order[at - 1];
                    }
                    order[at] = i;
                }
            }
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                int i = order[k];
                if (best >= 0 && (stale[i] < bestValue || stale[i] == bestValue && i > best)) {
                    break; // neither this one nor any after it can beat the best
                }
                for (; compared[i] < chosenAt.size(); compared[i]++) {
                    maxSim[i] = Math.max(maxSim[i], TextSimilarity.cosine(vectors.apply(i),
                            vectors.apply(chosenAt.get(compared[i]))));
                }
                double value = value(left.get(i), maxScore, maxSim[i]);
                if (maxSim[i] >= nearDuplicate || !(value > Double.NEGATIVE_INFINITY)) {
                    out[i] = true; // the eager loop never picks it either: its similarity only grows
                    continue;
                }
                if (best < 0 || value > bestValue || value == bestValue && i < best) {
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

        /** Higher stale value first, then lower index; stable, as the list sort it replaces. */
        private static boolean before(double[] stale, int x, int y) {
            return stale[x] != stale[y] ? Double.compare(stale[y], stale[x]) < 0 : x < y;
        }
    }

    private double value(Candidate c, double maxScore, double maxSim) {
        return lambda * c.finalScore / maxScore - (1 - lambda) * maxSim;
    }
}
