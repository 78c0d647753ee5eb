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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.Reply;
import org.paperscout.i18n.Messages;
import org.paperscout.recommend.EmergingReply;
import org.paperscout.recommend.EmergingTopics;
import org.paperscout.recommend.Recommendation;
import org.paperscout.recommend.Recommender;
import org.paperscout.recommend.TrendingPaper;
import org.paperscout.recommend.TrendingService;
import org.paperscout.recommend.TrendingWindow;
import org.paperscout.search.PaperSubset;
import org.paperscout.search.SearchService;

/**
 * Digest content from the recommend feature: a channel's digest is the trending ranking of exactly its window (the
 * same score and card parts as /trending, see {@link TrendingService#between}), and a personal digest is the
 * user's /recommend ranking without the papers they were shown before.
 *
 * <p>Every paper of a channel's digest is inside its window: published on or after the window's first (UTC) day,
 * or engaged with here during the window. Old papers are not filled in: an idle server gets the honest "nothing
 * new" note instead of the same old papers every day.
 */
public final class TrendingDigestContent implements DigestContent {

    /** Distinct (window, topic) selections kept; a topic is at most 200 characters. */
    static final int MAX_SELECTIONS = 5_000;
    /**
     * How long a selection is reused. Channels due in the same tick share it; a longer life would keep old rankings
     * (a month of papers each) alive after the trending service dropped them.
     */
    static final Duration SELECTION_TTL = Duration.ofMinutes(2);
    /** The key of what the top of a personal digest says to someone who follows nothing yet. */
    static final String TRENDING_INSTEAD = "digest.trending-instead";

    private final TrendingService trending;
    private final Recommender recommender;
    private final SearchService search;
    private final Clock clock;
    private final Cache<Selection, Selected> selections;
    /**
     * Cards' papers and reasons per page: channels of one topic and window show the same page, and users who follow
     * nothing the same week's trending, each a stored-fields read per paper. Keyed by the page's scored papers
     * themselves, so a new ranking with other counts never gets the old reasons.
     */
    private final Cache<PicksKey, List<Pick>> pages;
    /**
     * The ranking's papers found in the index once, shared by every topic selected from it: a topic query over the
     * whole index restricted to a day's papers cost more in looking those papers up than in matching. Weak keys
     * (identity): a replaced ranking takes its subset with it.
     */
    private final Cache<TrendingService.Ranking, PaperSubset> subsets = Caffeine.newBuilder().weakKeys()
            .maximumSize(16).build();
    /** The weekly alert's topics; null where nothing delivers alerts (benchmarks). */
    private final EmergingTopics emerging;
    /** The last alert picture drawn: rendering it takes about 12 ms (bench charts), and a Monday posts it to every alert channel. */
    private volatile Drawn drawn;

    public TrendingDigestContent(TrendingService trending, Recommender recommender, SearchService search,
                                 Clock clock) {
        this(trending, recommender, search, clock, null);
    }

    public TrendingDigestContent(TrendingService trending, Recommender recommender, SearchService search,
                                 Clock clock, EmergingTopics emerging) {
        this.emerging = emerging;
        this.trending = trending;
        this.recommender = recommender;
        this.search = search;
        this.clock = clock;
        this.selections = Caffeine.newBuilder().maximumSize(MAX_SELECTIONS).expireAfterWrite(SELECTION_TTL)
                .ticker(() -> clock.millis() * 1_000_000L).build();
        this.pages = Caffeine.newBuilder().maximumSize(MAX_SELECTIONS).expireAfterWrite(SELECTION_TTL)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    @Override
    public Ranked trending(Instant since, Instant until, String topic, int offset, int limit) {
        // The ranking is the service's cached one for the window (shared by every channel due at the same time).
        TrendingService.Ranking ranking = trending.between(since, until);
        List<TrendingPaper> fresh = selected(ranking, new Selection(since, until,
                topic == null || topic.isBlank() ? null : topic));
        List<TrendingPaper> page = fresh.subList(Math.min(Math.max(offset, 0), fresh.size()),
                Math.min(Math.max(offset, 0) + limit, fresh.size()));
        return new Ranked(picks(page, "digest.reason-new"), fresh.size());
    }

    private record Selection(Instant since, Instant until, String topic) {
    }

    /** A selection and the ranking it was taken from (a new ranking of the same window makes it stale). */
    private record Selected(TrendingService.Ranking ranking, List<TrendingPaper> papers) {
    }

    /**
     * The ranking's papers for a topic, computed once per ranking: thousands of channels due in the same minute
     * share a few hundred topics, and one topic query over the ranking serves them all (and their "show more").
     */
    private List<TrendingPaper> selected(TrendingService.Ranking ranking, Selection key) {
        Selected s = selections.getIfPresent(key);
        if (s == null || s.ranking() != ranking) {
            s = new Selected(ranking, select(ranking, key.topic()));
            selections.put(key, s); // a racing thread can only waste work: both computed the same list
        }
        return s.papers();
    }

    private List<TrendingPaper> select(TrendingService.Ranking ranking, String topic) {
        List<TrendingPaper> fresh = new ArrayList<>(ranking.papers());
        if (topic != null && !fresh.isEmpty()) {
            Set<String> matching = search.matchingAmong(topic, subsets.get(ranking,
                    r -> search.subset(r.papers().stream().map(TrendingPaper::paperId).toList())));
            fresh.removeIf(p -> !matching.contains(p.paperId()));
        }
        return List.copyOf(fresh);
    }

    @Override
    public Reply emergingTopics(Locale locale) {
        if (emerging == null) {
            return null;
        }
        List<EmergingTopics.Topic> topics = emerging.find(TrendingWindow.WEEK, EmergingReply.TOPICS);
        if (topics.isEmpty()) {
            return null;
        }
        Drawn d = drawn;
        if (d == null || !d.topics().equals(topics)) {
            d = new Drawn(List.copyOf(topics), EmergingReply.sparklines(topics));
            drawn = d; // racing channels can only draw the same picture twice
        }
        return EmergingReply.of(Messages.of(locale), topics, TrendingWindow.WEEK, d.png()).build();
    }

    /** The alert's picture and the topics it shows: the same for every channel of the week, whatever its language. */
    private record Drawn(List<EmergingTopics.Topic> topics, byte[] png) {
    }

    @Override
    public Ranked recommended(String userId, Set<String> exclude, Instant until, int limit) {
        // exclude is what `seen` holds, read by the caller: rank() leaves it out without reading it again, and the
        // filter is a second guard.
        List<Pick> picks = new ArrayList<>();
        for (Recommendation r : recommender.rank(userId, exclude, limit).items()) {
            if (!exclude.contains(r.paper().id())) {
                picks.add(new Pick(r.paper(), r::reasons));
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
        return new Ranked(picks(page, "reason.in-index"), page.size(), TRENDING_INSTEAD);
    }

    private record PicksKey(List<TrendingPaper> page, String fallbackReason, LocalDate today) {
    }

    /** @param fallbackReason the message key of the reason of a paper without a trending part */
    private List<Pick> picks(List<TrendingPaper> page, String fallbackReason) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return pages.get(new PicksKey(List.copyOf(page), fallbackReason, today),
                k -> computePicks(k.page(), k.fallbackReason(), k.today()));
    }

    private List<Pick> computePicks(List<TrendingPaper> page, String fallbackReason, LocalDate today) {
        Map<String, Paper> byId = new HashMap<>();
        search.papers(page.stream().map(TrendingPaper::paperId).toList()).forEach(p -> byId.put(p.id(), p));
        List<Pick> picks = new ArrayList<>();
        for (TrendingPaper p : page) {
            Paper paper = byId.get(p.paperId());
            if (paper == null) {
                continue; // removed from the index since the ranking was cached
            }
            // Worded once per language: the page is shared by channels of every language, thousands of them.
            Map<Locale, List<String>> worded = new ConcurrentHashMap<>();
            picks.add(new Pick(paper, m -> worded.computeIfAbsent(m.locale(), l -> {
                List<String> parts = TrendingService.parts(p, today, true, m);
                return List.of(parts.isEmpty() ? m.get(fallbackReason) : String.join(" · ", parts));
            })));
        }
        return List.copyOf(picks);
    }
}
