package org.paperscout.recommend;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
     * The week's ranking by paper id, made once per ranking (it is cached for seconds and serves every user): a
     * digest run scored each of 100,000 users against the whole week's list.
     */
    private volatile ById byId;

    private record ById(TrendingService.Ranking ranking, Map<String, TrendingPaper> papers) {
    }

    Scoring(TrendingService trending, int windowDays) {
        this.trending = trending;
        this.windowDays = windowDays;
    }

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

    void score(List<Candidate> kept, RecentWindow.Snapshot window, LocalDate today, Tune tune) {
        if (kept.isEmpty()) {
            return;
        }
        double maxRelevance = kept.stream().mapToDouble(Candidate::relevance).max().orElse(1);
        TrendingService.Ranking week = trending.ranking(TrendingWindow.WEEK);
        double maxTrend = week.papers().isEmpty() ? 0 : week.papers().get(0).score();
        Map<String, TrendingPaper> trend = byId(week);
        for (Candidate c : kept) {
            c.relevanceNorm = c.relevance() / maxRelevance;
            TrendingPaper t = trend.get(c.id);
            c.trending = t;
            c.trendNorm = t == null || maxTrend <= 0 ? 0 : t.score() / maxTrend;
            c.published = window.paper(c.id).map(Paper::published).orElse(null);
            if (c.published != null) {
                long age = ChronoUnit.DAYS.between(c.published, today);
                c.recency = age < 0 || age >= windowDays ? 0 : 1.0 - age / (double) windowDays;
            }
            c.trendPart = tune.trendingShare() * c.trendNorm;
            c.finalScore = tune.relevanceShare() * c.relevanceNorm + c.trendPart + tune.recencyShare() * c.recency;
        }
    }
}
