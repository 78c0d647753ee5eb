package org.paperscout.digest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.recommend.Recommendation;
import org.paperscout.recommend.Recommender;
import org.paperscout.recommend.TrendingPaper;
import org.paperscout.recommend.TrendingService;
import org.paperscout.recommend.TrendingWindow;
import org.paperscout.search.SearchService;

/**
 * Digest content from the recommend feature: a channel's digest is the trending ranking (the same score and card
 * parts as /trending) cut to what is new since the last digest, and a personal digest is the user's /recommend
 * ranking without the papers they were shown before.
 *
 * <p>"New since the last digest" means engaged with in the window or published on or after its first (UTC) day.
 * The trending service's fill-in of the most upvoted papers (for a fresh index) is left out: without it an idle
 * server gets the honest "nothing new" note instead of the same old papers every day.
 */
public final class TrendingDigestContent implements DigestContent {

    /** Distinct (window, first day, topic) selections kept per ranking; a topic is at most 200 characters. */
    static final int MAX_SELECTIONS = 5_000;
    /** Said at the top of a personal digest for someone who follows nothing yet. */
    static final String TRENDING_INSTEAD = "You follow nothing yet, so these are this week's trending papers. "
            + "Follow topics with /follow topic to get picks of your own; stop these with /notify off.";

    private final TrendingService trending;
    private final Recommender recommender;
    private final SearchService search;
    private final Clock clock;
    /** Selections from the latest ranking only (replaced when the trending service computes a new one). */
    private volatile Selections selections = new Selections(null, Caffeine.newBuilder().maximumSize(0).build());

    public TrendingDigestContent(TrendingService trending, Recommender recommender, SearchService search,
                                 Clock clock) {
        this.trending = trending;
        this.recommender = recommender;
        this.search = search;
        this.clock = clock;
    }

    @Override
    public Ranked trending(Instant since, Instant until, String topic, int offset, int limit) {
        TrendingWindow window = windowFor(since, until);
        // The ranking is the service's cached one for the whole window (shared by every channel due now).
        TrendingService.Ranking ranking = trending.ranking(window);
        Selection key = new Selection(window, LocalDate.ofInstant(since, ZoneOffset.UTC),
                topic == null || topic.isBlank() ? null : topic);
        List<TrendingPaper> fresh = selected(ranking, key);
        List<TrendingPaper> page = fresh.subList(Math.min(Math.max(offset, 0), fresh.size()),
                Math.min(Math.max(offset, 0) + limit, fresh.size()));
        return new Ranked(picks(page, "new since the last digest"), fresh.size());
    }

    /** Which papers of a ranking a digest takes: those new since {@code firstDay}, matching {@code topic}. */
    private record Selection(TrendingWindow window, LocalDate firstDay, String topic) {
    }

    /**
     * The ranking's papers for a selection, computed once per ranking: thousands of channels due in the same minute
     * share a few hundred topics, and one topic query over the ranking serves them all (and their "show more").
     */
    private List<TrendingPaper> selected(TrendingService.Ranking ranking, Selection key) {
        Selections s = selections;
        if (s.ranking() != ranking) { // a new ranking: what was selected from the old one is stale
            s = new Selections(ranking, Caffeine.newBuilder().maximumSize(MAX_SELECTIONS).build());
            selections = s;
        }
        return s.cache().get(key, k -> select(ranking, k));
    }

    /** Selections from one ranking; a cache never mixes rankings, so a racing thread can only waste work. */
    private record Selections(TrendingService.Ranking ranking, Cache<Selection, List<TrendingPaper>> cache) {
    }

    private List<TrendingPaper> select(TrendingService.Ranking ranking, Selection key) {
        List<TrendingPaper> fresh = new ArrayList<>();
        for (TrendingPaper p : ranking.papers()) {
            if (p.people() > 0 || p.published() != null && !p.published().isBefore(key.firstDay())) {
                fresh.add(p);
            }
        }
        if (key.topic() != null && !fresh.isEmpty()) {
            Set<String> matching = search.matchingAmong(key.topic(),
                    fresh.stream().map(TrendingPaper::paperId).toList());
            fresh.removeIf(p -> !matching.contains(p.paperId()));
        }
        return List.copyOf(fresh);
    }

    @Override
    public Ranked recommended(String userId, Set<String> exclude, Instant until, int limit) {
        // rank() already leaves out what `seen` holds (exclude is the same set); the filter is a second guard.
        List<Pick> picks = new ArrayList<>();
        for (Recommendation r : recommender.rank(userId, false, limit).items()) {
            if (!exclude.contains(r.paper().id())) {
                picks.add(new Pick(r.paper(), r.reasons()));
            }
        }
        // Asked only when there is nothing: most users have a profile, and these are three more database reads.
        if (picks.isEmpty() && !recommender.hasProfile(userId)) {
            return trendingInstead(exclude, limit);
        }
        return new Ranked(picks, picks.size());
    }

    private Ranked trendingInstead(Set<String> exclude, int limit) {
        List<TrendingPaper> page = new ArrayList<>();
        for (TrendingPaper p : trending.ranking(TrendingWindow.WEEK).papers()) {
            if (page.size() == limit) {
                break;
            }
            if (!exclude.contains(p.paperId())) {
                page.add(p);
            }
        }
        return new Ranked(picks(page, "in the index now; nobody has voted on it yet"), page.size(), TRENDING_INSTEAD);
    }

    private List<Pick> picks(List<TrendingPaper> page, String fallbackReason) {
        Map<String, Paper> byId = new HashMap<>();
        search.papers(page.stream().map(TrendingPaper::paperId).toList()).forEach(p -> byId.put(p.id(), p));
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<Pick> picks = new ArrayList<>();
        for (TrendingPaper p : page) {
            Paper paper = byId.get(p.paperId());
            if (paper == null) {
                continue; // removed from the index since the ranking was cached
            }
            List<String> parts = TrendingService.parts(p, today);
            picks.add(new Pick(paper, List.of(parts.isEmpty() ? fallbackReason : String.join(" · ", parts))));
        }
        return picks;
    }

    /** The shortest trending window covering the digest's: a day for a daily digest, a week after a weekend. */
    static TrendingWindow windowFor(Instant since, Instant until) {
        Duration span = Duration.between(since, until);
        for (TrendingWindow w : TrendingWindow.values()) {
            // A little slack: a DST day is 25 hours, and a late digest's window is a little longer than a day.
            if (span.compareTo(w.length().plusHours(2)) <= 0) {
                return w;
            }
        }
        return TrendingWindow.MONTH;
    }
}
