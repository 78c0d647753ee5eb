package org.paperscout.recommend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperscout.search.PaperStats;
import org.paperscout.search.SearchService;
import org.paperscout.store.EngagementTotals;
import org.paperscout.store.EngagementTotals.PaperEngagement;
import org.paperscout.commands.Text;
import org.paperscout.i18n.Messages;

/**
 * Trending: {@code score(p, now) = sum of weight(kind) * 2^(-(now - t)/halfLife) over p's engagement events in
 * the window + upstreamWeight * ln(1 + upvotes) + recencyWeight * (1 - ageDays / windowDays)} for papers
 * younger than the window. Candidates are the papers with engagement in the window and the papers published
 * in it; when those are fewer than asked for (a fresh install, or undated seeds) the most upvoted papers fill
 * in. Ties go to the lower id. A ranking is cached per window for {@code cacheTtl}.
 */
public final class TrendingService {

    /** Candidates from the window at most; a month on a million-paper index is about 12,000. */
    static final int MAX_WINDOW_PAPERS = 50_000;
    private static final Comparator<TrendingPaper> ORDER = Comparator.comparingDouble(TrendingPaper::score).reversed()
            .thenComparing(TrendingPaper::paperId);

    /** A ranking: best first; {@code hasEngagement} false when nobody in the server engaged in the window. */
    public record Ranking(List<TrendingPaper> papers, boolean hasEngagement) {
        public Ranking {
            papers = List.copyOf(papers);
        }
    }

    private final SearchService search;
    private final EngagementTotals totals;
    private final TrendingConfig config;
    private final Clock clock;
    private final Cache<TrendingWindow, Ranking> cache;
    /** Rankings of explicit spans (digests): every channel due in the same minute shares one. */
    private final Cache<Span, Ranking> spans;

    private record Span(Instant from, Instant to) {
    }

    public TrendingService(SearchService search, EngagementTotals totals, TrendingConfig config, Clock clock) {
        this.search = search;
        this.totals = totals;
        this.config = config;
        this.clock = clock;
        // The ticker follows the injected clock, so tests that move time also expire the cache.
        this.cache = Caffeine.newBuilder()
                .maximumSize(TrendingWindow.values().length)
                .expireAfterWrite(config.cacheTtl())
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
        // A few due minutes at once at most (a tick, late digests); each ranking may hold a month of papers.
        this.spans = Caffeine.newBuilder()
                .maximumSize(16)
                .expireAfterWrite(config.cacheTtl())
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
    }

    public TrendingConfig config() {
        return config;
    }

    /** The top {@code limit} papers of the window, optionally only those matching {@code topic}. */
    public Ranking top(TrendingWindow window, String topic, int limit) {
        Ranking all = ranking(window);
        List<TrendingPaper> papers = all.papers();
        if (topic != null && !topic.isBlank()) {
            List<String> ids = papers.stream().map(TrendingPaper::paperId).toList();
            Set<String> matching = search.matchingAmong(topic, ids);
            papers = papers.stream().filter(p -> matching.contains(p.paperId())).toList();
        }
        return new Ranking(papers.subList(0, Math.min(limit, papers.size())), all.hasEngagement());
    }

    /**
     * Drops every cached ranking, for when the papers changed (an ingest here, or new rows of the shared feed
     * applied from another process): a new paper's newness must count within seconds, not after the TTL.
     */
    public void invalidate() {
        cache.invalidateAll();
        spans.invalidateAll();
    }

    /** Every candidate of the window, scored, best first (cached). */
    public Ranking ranking(TrendingWindow window) {
        if (config.cacheTtl().isZero()) {
            return compute(window);
        }
        return cache.get(window, this::compute);
    }

    /**
     * The ranking of exactly {@code [from, to]}, as a digest covering that span shows it: engagement in the span
     * (decayed to {@code to}), and the papers published on its days (UTC; published dates are days) with their
     * upstream upvotes and a newness prior that falls over those days, so a paper from the span's first day
     * still gets some. An older paper earned its upvotes before the span, so only its engagement in the span
     * counts; and there is no fill-in of old papers. Every paper of the ranking is thus inside the span.
     */
    public Ranking between(Instant from, Instant to) {
        if (config.cacheTtl().isZero()) {
            return computeBetween(from, to);
        }
        return spans.get(new Span(from, to), k -> computeBetween(k.from(), k.to()));
    }

    private Ranking computeBetween(Instant from, Instant to) {
        LocalDate firstDay = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate lastDay = LocalDate.ofInstant(to, ZoneOffset.UTC);
        int days = (int) ChronoUnit.DAYS.between(firstDay, lastDay) + 1;
        List<PaperEngagement> engaged = totals.since(from, to, config.halfLife(), config.weights());
        Map<String, PaperEngagement> byId = new HashMap<>(engaged.size() * 2);
        engaged.forEach(e -> byId.put(e.paperId(), e));
        Map<String, PaperStats> stats = new HashMap<>(search.stats(byId.keySet()));
        for (PaperStats s : search.publishedSince(firstDay, MAX_WINDOW_PAPERS)) {
            if (!s.published().isAfter(lastDay)) {
                stats.putIfAbsent(s.id(), s);
            }
        }
        List<TrendingPaper> out = new ArrayList<>(stats.size());
        for (PaperStats s : stats.values()) {
            boolean published = s.published() != null && !s.published().isBefore(firstDay)
                    && !s.published().isAfter(lastDay);
            out.add(score(s, byId.get(s.id()), lastDay, days, published));
        }
        out.sort(ORDER);
        return new Ranking(out, out.stream().anyMatch(p -> p.people() > 0));
    }

    /** Computes the ranking now, bypassing the cache (the benchmark times this). */
    Ranking compute(TrendingWindow window) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate firstDay = today.minusDays(window.days() - 1L);
        List<PaperEngagement> engaged = totals.since(now.minus(window.length()), now, config.halfLife(), config.weights());
        Map<String, PaperEngagement> byId = new HashMap<>(engaged.size() * 2);
        engaged.forEach(e -> byId.put(e.paperId(), e));

        Map<String, PaperStats> stats = new HashMap<>(search.stats(byId.keySet()));
        for (PaperStats s : search.publishedSince(firstDay, MAX_WINDOW_PAPERS)) {
            stats.putIfAbsent(s.id(), s);
        }
        if (stats.size() < TrendingCommand.PAGE * 4) {
            for (PaperStats s : search.mostUpvoted(TrendingCommand.PAGE * 4)) {
                stats.putIfAbsent(s.id(), s);
            }
        }
        List<TrendingPaper> out = new ArrayList<>(stats.size());
        // Engagement on a paper that has left the index cannot be shown, so only indexed papers are scored.
        for (PaperStats s : stats.values()) {
            out.add(score(s, byId.get(s.id()), today, window));
        }
        out.sort(ORDER);
        boolean anyEngagement = out.stream().anyMatch(p -> p.people() > 0);
        return new Ranking(out, anyEngagement);
    }

    TrendingPaper score(PaperStats s, PaperEngagement e, LocalDate today, TrendingWindow window) {
        return score(s, e, today, window.days(), true);
    }

    /** @param withUpstream count the paper's upstream upvotes (and show them on its card) */
    private TrendingPaper score(PaperStats s, PaperEngagement e, LocalDate today, int windowDays,
                                boolean withUpstream) {
        double engagement = e == null ? 0 : e.decayed();
        int upvotes = withUpstream ? Math.max(0, s.upvotes()) : 0;
        double upstream = config.upstreamWeight() * Math.log1p(upvotes);
        double recency = 0;
        if (s.published() != null) {
            long age = ChronoUnit.DAYS.between(s.published(), today);
            if (age >= 0 && age < windowDays) {
                recency = config.recencyWeight() * (1.0 - age / (double) windowDays);
            }
        }
        return new TrendingPaper(s.id(), engagement + upstream + recency, engagement, upstream, recency,
                e == null ? 0 : e.votes(), e == null ? 0 : e.saves(), e == null ? 0 : e.clicks(),
                e == null ? 0 : e.expands(), upvotes, s.published());
    }

    /** The parts of a score in words, for a card: "12 👍 in the server · 340 upvotes upstream · new today". */
    public static List<String> parts(TrendingPaper p, LocalDate today) {
        return parts(p, today, true);
    }

    /** The same, with "new today" left to the caller when it says so on a line of its own. */
    static List<String> parts(TrendingPaper p, LocalDate today, boolean withNewness) {
        return parts(p, today, withNewness, Messages.of(Messages.ENGLISH));
    }

    /** The parts in the language of {@code m}. */
    public static List<String> parts(TrendingPaper p, LocalDate today, boolean withNewness, Messages m) {
        List<String> parts = new ArrayList<>();
        if (p.votes() > 0) {
            parts.add(m.get("trending.part-votes", "count", p.votes()));
        }
        if (p.saves() > 0) {
            parts.add(m.get("trending.part-saves", "count", p.saves()));
        }
        if (p.clicks() + p.expands() > 0) {
            parts.add(m.get("trending.part-read", "count", p.clicks() + p.expands()));
        }
        if (p.upvotes() > 0) {
            parts.add(m.get("trending.part-upvotes", "count", p.upvotes()));
        }
        if (withNewness && p.recency() > 0 && p.published() != null) {
            parts.add(m.get("trending.part-new", "days", ChronoUnit.DAYS.between(p.published(), today)));
        }
        return parts;
    }
}
