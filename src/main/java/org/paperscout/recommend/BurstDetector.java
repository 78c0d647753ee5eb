package org.paperscout.recommend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds phrases whose share of new papers rose sharply: the current period's paper count for a phrase against
 * what its share over the previous periods predicts. A phrase is a burst when it has at least
 * {@link #minCount} papers, at least {@link #growth} times what both its average earlier share and its busiest
 * earlier period predict (a topic that merely returns to an earlier high is not new), and a Poisson upper tail below
 * {@link #alpha} divided by the number of phrases tested (so a thousand phrases tested do not yield a thousand
 * chances for noise). The expected count is add-one smoothed, so a phrase never seen before still needs several
 * papers at once. Phrases that share most of their papers with a stronger one are the same topic and dropped;
 * a longer phrase that covers most of a shorter one's papers names it instead ("state space models" over
 * "state space").
 */
record BurstDetector(int minCount, double growth, double alpha) {

    static final BurstDetector DEFAULT = new BurstDetector(4, 3.0, 0.001);

    /** The current period: its paper count and, per phrase key, the papers that have it. */
    record Current(int papers, Map<String, Set<String>> papersByKey) {
    }

    /** An earlier period: its paper count and per-phrase paper counts. */
    record Earlier(int papers, Map<String, Integer> counts) {
    }

    /**
     * A burst.
     *
     * @param before   papers with the phrase in the period just before the current one
     * @param expected papers the phrase's earlier share predicts for the current period
     * @param surprise minus the base-10 log of the Poisson tail: how unlikely the count is without a burst
     */
    record Burst(String key, Set<String> paperIds, int before, double expected, double surprise) {
        int count() {
            return paperIds.size();
        }
    }

    /** The bursts of {@code current} against {@code earlier} (most recent first), strongest first. */
    List<Burst> detect(Current current, List<Earlier> earlier) {
        if (current.papers() == 0) {
            return List.of();
        }
        long earlierPapers = earlier.stream().mapToLong(Earlier::papers).sum();
        List<Map.Entry<String, Set<String>>> tested = current.papersByKey().entrySet().stream()
                .filter(e -> e.getValue().size() >= minCount).toList();
        double threshold = -Math.log10(alpha / Math.max(1, tested.size()));
        List<Burst> found = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : tested) {
            int count = e.getValue().size();
            long seen = 0;
            for (Earlier p : earlier) {
                seen += p.counts().getOrDefault(e.getKey(), 0);
            }
            double expected = current.papers() * (seen + 1.0) / (earlierPapers + 1.0);
            if (count < growth * Math.max(expected, peak(current.papers(), e.getKey(), earlier))) {
                continue;
            }
            double surprise = -log10PoissonTail(count, expected);
            if (surprise >= threshold) {
                int before = earlier.isEmpty() ? 0 : earlier.get(0).counts().getOrDefault(e.getKey(), 0);
                found.add(new Burst(e.getKey(), e.getValue(), before, expected, surprise));
            }
        }
        found.sort(Comparator.comparingDouble(Burst::surprise).reversed()
                .thenComparing(Comparator.comparingInt(Burst::count).reversed()).thenComparing(Burst::key));
        return distinct(found);
    }

    /** The count the phrase's busiest earlier window predicts (add-one smoothed, scaled to the current size). */
    private static double peak(int papers, String key, List<Earlier> earlier) {
        double peak = 0;
        for (Earlier p : earlier) {
            peak = Math.max(peak, papers * (p.counts().getOrDefault(key, 0) + 1.0) / (p.papers() + 1.0));
        }
        return peak;
    }

    private static List<Burst> distinct(List<Burst> sorted) {
        List<Burst> kept = new ArrayList<>();
        for (Burst b : sorted) {
            int same = -1;
            for (int i = 0; i < kept.size() && same < 0; i++) {
                if (overlap(b.paperIds(), kept.get(i).paperIds()) >= 0.5) {
                    same = i;
                }
            }
            if (same < 0) {
                kept.add(b);
            } else if (names(b, kept.get(same))) {
                kept.set(same, b);
            }
        }
        return kept;
    }

    /** Whether the longer {@code candidate} should name {@code kept}'s topic: it contains it and most of its papers. */
    private static boolean names(Burst candidate, Burst kept) {
        return candidate.key().length() > kept.key().length() && (" " + candidate.key() + " ").contains(
                " " + kept.key() + " ") && candidate.count() >= 0.8 * kept.count();
    }

    private static double overlap(Set<String> a, Set<String> b) {
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        int shared = 0;
        for (String id : small) {
            if (large.contains(id)) {
                shared++;
            }
        }
        return small.isEmpty() ? 0 : shared / (double) small.size();
    }

    /** P(X >= k) for X ~ Poisson(lambda), k >= 1, summed in log space so tails far below 1e-16 stay exact. */
    static double log10PoissonTail(int k, double lambda) {
        double logTerm = -lambda + k * Math.log(lambda) - logFactorial(k);
        double sum = 0;
        double term = 1; // relative to the first term
        for (int i = k; i < k + 10_000; i++) {
            sum += term;
            term *= lambda / (i + 1);
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return Math.min(0, (logTerm + Math.log(sum)) / Math.log(10));
    }

    private static double logFactorial(int n) {
        double s = 0;
        for (int i = 2; i <= n; i++) {
            s += Math.log(i);
        }
        return s;
    }
}
