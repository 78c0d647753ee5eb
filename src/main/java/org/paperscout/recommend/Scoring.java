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

    private record Memo(RecentWindow.Snapshot window, TrendingService.Ranking week, LocalDate today,
                        Map<String, Facts> papers) {
    }

    /** One paper's parts of the score that do not depend on the user. */
    private record Facts(TrendingPaper trending, double trendNorm, LocalDate published, double recency) {
    }

    Scoring(TrendingService trending, int windowDays) {
        this.trending = trending;
        this.windowDays = windowDays;
    }

    private Memo memo(RecentWindow.Snapshot window, TrendingService.Ranking week, LocalDate today) {
        Memo m = memo;
        if (m == null || m.window() != window || m.week() != week || !m.today().equals(today)) {
            m = new Memo(window, week, today, new ConcurrentHashMap<>());
            memo = m; // a racing thread made another, as good: each fills its own
        }
        return m;
    }

    private Facts facts(String id, RecentWindow.Snapshot window, TrendingService.Ranking week, LocalDate today,
                        Map<String, TrendingPaper> trend) {
        double maxTrend = week.papers().isEmpty() ? 0 : week.papers().get(0).score();
        TrendingPaper t = trend.get(id);
        double trendNorm = t == null || maxTrend <= 0 ? 0 : t.score() / maxTrend;
        LocalDate published = window.paper(id).map(Paper::published).orElse(null);
        double recency = 0;
        if (published != null) {
            long age = ChronoUnit.DAYS.between(published, today);
            recency = age < 0 || age >= windowDays ? 0 : 1.0 - age / (double) windowDays;
        }
        return new Facts(t, trendNorm, published, recency);
    }

    void score(List<Candidate> kept, RecentWindow.Snapshot window, LocalDate today, Tune tune) {
        if (kept.isEmpty()) {
            return;
        }
        double maxRelevance = kept.stream().mapToDouble(Candidate::relevance).max().orElse(1);
        TrendingService.Ranking week = trending.ranking(TrendingWindow.WEEK);
        Memo m = memo(window, week, today);
        Map<String, TrendingPaper> trend = null;
        for (Candidate c : kept) {
            c.relevanceNorm = c.relevance() / maxRelevance;
            Facts f = m.papers().get(c.id);
            if (f == null) {
                if (trend == null) {
                    trend = byId(week);
                }
                f = facts(c.id, window, week, today, trend);
                m.papers().putIfAbsent(c.id, f);
            }
            c.trending = f.trending();
            c.trendNorm = f.trendNorm();
            c.published = f.published();
            c.recency = f.recency();
            c.trendPart = tune.trendingShare() * c.trendNorm;
            c.finalScore = tune.relevanceShare() * c.relevanceNorm + c.trendPart + tune.recencyShare() * c.recency;
        }
    }

    /** The week's ranking by paper id, made once per ranking (it is cached for seconds and serves every user). */
    private Map<String, TrendingPaper> byId(TrendingService.Ranking week) {
        ById b = byId;
        if (b == null || b.ranking() != week) {
            Map<String, TrendingPaper> papers = new HashMap<>(week.papers().size() * 2);
            for (TrendingPaper p : week.papers()) {
                papers.put(p.paperId(), p);
            }
            b = new ById(week, papers);
            byId = b; // a racing thread made the same map
        }
        return b.papers();
    }

    private volatile ById byId;

    private record ById(TrendingService.Ranking ranking, Map<String, TrendingPaper> papers) {
    }
}
