package org.paperscout.recommend;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.paperscout.catalog.Paper;
import org.paperscout.search.RecentWindow;

/**
 * The final score: relevance (normalised to the best candidate), trending (normalised to the week's best) and
 * recency, mixed in the user's {@link Tune} proportions.
 */
final class Scoring {

    private final TrendingService trending;
    private final int windowDays;

    /**
     * What scoring needs of each paper, the same for every user of one window, week's ranking and day: a digest run
     * scores about 150 candidates for each of 100,000 users over the same few thousand papers, and looking each one
     * up in the window and in the week's ranking again was a fifth of composing them.
     */
    private volatile Memo memo;

    /** @param trend the week's ranking by paper id */
    private record Memo(RecentWindow.Snapshot window, TrendingService.Ranking week, LocalDate today,
                        Map<String, TrendingPaper> trend, Map<String, Facts> papers) {
    }

    /** One paper's parts of the score that do not depend on the user, and the window's paper (null if not in it). */
    private record Facts(TrendingPaper trending, double trendNorm, LocalDate published, double recency, Paper paper) {
    }

    Scoring(TrendingService trending, int windowDays) {
        this.trending = trending;
        this.windowDays = windowDays;
    }

    private Memo memo(RecentWindow.Snapshot window, TrendingService.Ranking week, LocalDate today) {
        Memo m = memo;
        if (m == null || m.window() != window || m.week() != week || !m.today().equals(today)) {
            Map<String, TrendingPaper> trend = new HashMap<>(week.papers().size() * 2);
            for (TrendingPaper p : week.papers()) {
                trend.put(p.paperId(), p);
            }
            m = new Memo(window, week, today, trend, new ConcurrentHashMap<>());
            memo = m; // a racing thread made another, as good: each fills its own
        }
        return m;
    }

    private Facts facts(String id, Memo m) {
        List<TrendingPaper> week = m.week().papers();
        double maxTrend = week.isEmpty() ? 0 : week.get(0).score();
        TrendingPaper t = m.trend().get(id);
        double trendNorm = t == null || maxTrend <= 0 ? 0 : t.score() / maxTrend;
        Paper paper = m.window().paper(id).orElse(null);
        LocalDate published = paper == null ? null : paper.published();
        double recency = 0;
        if (published != null) {
            long age = ChronoUnit.DAYS.between(published, m.today());
            recency = age < 0 || age >= windowDays ? 0 : 1.0 - age / (double) windowDays;
        }
        return new Facts(t, trendNorm, published, recency, paper);
    }

    void score(List<Candidate> kept, RecentWindow.Snapshot window, LocalDate today, Tune tune) {
        if (kept.isEmpty()) {
            return;
        }
        double maxRelevance = kept.stream().mapToDouble(Candidate::relevance).max().orElse(1);
        TrendingService.Ranking week = trending.ranking(TrendingWindow.WEEK);
        Memo m = memo(window, week, today);
        for (Candidate c : kept) {
            c.relevanceNorm = c.relevance() / maxRelevance;
            Facts f = m.papers().get(c.id);
            if (f == null) {
                f = facts(c.id, m);
                m.papers().putIfAbsent(c.id, f);
            }
            c.trending = f.trending();
            c.trendNorm = f.trendNorm();
            c.published = f.published();
            c.paper = f.paper();
            c.recency = f.recency();
            c.trendPart = tune.trendingShare() * c.trendNorm;
            c.finalScore = tune.relevanceShare() * c.relevanceNorm + c.trendPart + tune.recencyShare() * c.recency;
        }
    }
}
