package org.paperscout.recommend;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.Text;
import org.paperscout.search.QueryRejected;
import org.paperscout.search.RecentWindow;
import org.paperscout.search.ScoredId;
import org.paperscout.search.SearchService;
import org.paperscout.store.FeedbackStore;
import org.paperscout.store.Follow;
import org.paperscout.store.FollowKind;
import org.paperscout.store.FollowStore;
import org.paperscout.store.LibraryStore;
import org.paperscout.store.SavedPaper;
import org.paperscout.store.SeenPlace;
import org.paperscout.store.SeenStore;
import org.paperscout.store.Verdict;

/**
 * /recommend: papers for one user from their follows and feedback.
 *
 * <p>Candidates come from the recent window (the whole index when the window holds fewer than a page). Each
 * gets {@code relevance = best normalised topic match (BM25 / the topic's best score) + author and category
 * boosts + a Rocchio boost from papers the user liked or saved (more-like-this, normalised) - a penalty from
 * papers they voted down or dismissed}; excluded topics remove a candidate outright. The final score mixes
 * relevance (normalised to the best candidate), trending (normalised to the week's best) and recency in the
 * user's {@link Tune} proportions; the page is then picked by maximal marginal relevance so near-duplicates
 * never fill it. What the user saved, voted on or dismissed never comes back; what was already shown comes
 * back only when they ask for it again.
 */
public final class Recommender {

    /** Matches kept per follow or liked paper; enough for a page after exclusions and diversification. */
    static final int PER_SOURCE = 50;
    /** Liked/saved and disliked papers used for the Rocchio terms, most recent first. */
    static final int MAX_FEEDBACK_PAPERS = 10;
    /** Candidates scored in full (trending, recency) after ranking by relevance alone. */
    static final int SCORED = 300;
    /** Candidates loaded and compared for diversification. */
    static final int MMR_POOL = 30;
    static final double AUTHOR_BOOST = 0.5;
    static final double CATEGORY_BOOST = 0.25;
    static final double SIMILAR_BOOST = 0.6;
    static final double DISLIKE_PENALTY = 0.6;
    /** A trending or recency part is named on a card only when it carried at least this share of the score. */
    static final double NAMED_SHARE = 0.2;
    /** A relevance part is named when it is at least this fraction of the largest part. */
    static final double NAMED_SHARE_OF_LARGEST = 0.5;

    /**
     * One page of recommendations.
     *
     * @param wholeIndex the recent window held too few papers, so the whole index was used
     * @param hiddenSeen candidates left out because the user had already been shown them
     */
    public record Page(List<Recommendation> items, boolean wholeIndex, int hiddenSeen) {
        public Page {
            items = List.copyOf(items);
        }
    }

    private final SearchService search;
    private final RecentWindow window;
    private final FollowStore follows;
    private final FeedbackStore feedback;
    private final LibraryStore library;
    private final SeenStore seen;
    private final TuneStore tunes;
    private final TrendingService trending;
    private final RecommendConfig config;
    private final Clock clock;

    public Recommender(SearchService search, RecentWindow window, FollowStore follows, FeedbackStore feedback, LibraryStore library,
                       SeenStore seen, TuneStore tunes, TrendingService trending, RecommendConfig config, Clock clock) {
        this.search = search;
        this.window = window;
        this.follows = follows;
        this.feedback = feedback;
        this.library = library;
        this.seen = seen;
        this.tunes = tunes;
        this.trending = trending;
        this.config = config;
        this.clock = clock;
    }

    public RecommendConfig config() {
        return config;
    }

    /** The user's mix: their own /tune, or the configured default. */
    public Tune tune(String userId) {
        return tunes.get(userId).orElse(config.defaultTune());
    }

    /** Whether there is anything to recommend from: a topic, author or category follow, a 👍 or a save. */
    public boolean hasProfile(String userId) {
        boolean follows = this.follows.list(userId).stream().anyMatch(f -> f.kind() != FollowKind.EXCLUDE);
        return follows || library.counts(userId).total() > 0
                || feedback.all(userId).containsValue(Verdict.UP);
    }

    /**
     * The next page for the user, recorded in {@code seen}. With {@code again}, papers shown before may come
     * back; saved, voted and dismissed ones never do.
     */
    public Page recommend(String userId, boolean again, int limit) {
        Page page = rank(userId, again, limit);
        seen.markSeen(userId, page.items().stream().map(r -> r.paper().id()).toList(), SeenPlace.RECOMMEND);
        return page;
    }

    /** Ranks without recording anything. */
    public Page rank(String userId, boolean again, int limit) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        RecentWindow.Snapshot snap = window.snapshot(today.minusDays(config.windowDays() - 1L), limit);

        List<Follow> all = follows.list(userId);
        Map<String, Verdict> verdicts = feedback.all(userId);
        List<SavedPaper> saved = library.page(userId, 0, MAX_FEEDBACK_PAPERS);
        Set<String> excluded = new HashSet<>(verdicts.keySet());
        excluded.addAll(library.savedIds(userId));
        Set<String> seenIds = again ? Set.of() : seen.seenPaperIds(userId);

        Map<String, Candidate> candidates = new HashMap<>();
        for (Follow f : all) {
            switch (f.kind()) {
                case TOPIC -> addTopic(candidates, snap, f.text());
                case AUTHOR -> {
                    for (ScoredId s : snap.author(f.text(), PER_SOURCE)) {
                        Candidate c = candidates.computeIfAbsent(s.id(), Candidate::new);
                        if (c.author == 0) {
                            c.author = AUTHOR_BOOST;
                            c.authorName = f.text();
                        }
                    }
                }
                case CATEGORY -> {
                    for (ScoredId s : snap.category(f.text(), PER_SOURCE)) {
                        Candidate c = candidates.computeIfAbsent(s.id(), Candidate::new);
                        if (c.category == 0) {
                            c.category = CATEGORY_BOOST;
                            c.categoryName = f.text();
                        }
                    }
                }
                case EXCLUDE -> { }
            }
        }
        // Rocchio: move towards what the user liked or saved, away from what they voted down or dismissed.
        Map<String, String> positives = new java.util.LinkedHashMap<>();
        saved.forEach(s -> positives.put(s.paper().id(), "saved"));
        verdicts.entrySet().stream().filter(e -> e.getValue() == Verdict.UP).map(Map.Entry::getKey).sorted()
                .limit(MAX_FEEDBACK_PAPERS).forEach(id -> positives.putIfAbsent(id, "liked"));
        for (Map.Entry<String, String> p : positives.entrySet()) {
            List<ScoredId> like = moreLike(snap, p.getKey());
            float top = like.isEmpty() ? 0 : like.get(0).score();
            for (ScoredId s : like) {
                double v = SIMILAR_BOOST * s.score() / top;
                Candidate c = candidates.computeIfAbsent(s.id(), Candidate::new);
                if (v > c.similar) {
                    c.similar = v;
                    c.similarTo = p.getKey();
                    c.similarHow = p.getValue();
                }
            }
        }
        verdicts.entrySet().stream().filter(e -> e.getValue() != Verdict.UP).map(Map.Entry::getKey).sorted()
                .limit(MAX_FEEDBACK_PAPERS).forEach(id -> {
                    List<ScoredId> like = moreLike(snap, id);
                    float top = like.isEmpty() ? 0 : like.get(0).score();
                    for (ScoredId s : like) {
                        Candidate c = candidates.get(s.id());
                        if (c != null) {
                            c.penalty = Math.max(c.penalty, DISLIKE_PENALTY * s.score() / top);
                        }
                    }
                });

        int hiddenSeen = 0;
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : candidates.values()) {
            if (excluded.contains(c.id)) {
                continue;
            }
            if (seenIds.contains(c.id)) {
                hiddenSeen++;
                continue;
            }
            if (c.relevance() > 0) {
                kept.add(c);
            }
        }
        for (Follow f : all) {
            if (f.kind() == FollowKind.EXCLUDE && !kept.isEmpty()) {
                Set<String> out = matchingOrNone(snap, f.text(), kept.stream().map(c -> c.id).toList());
                kept.removeIf(c -> out.contains(c.id));
            }
        }
        kept.sort(Comparator.comparingDouble(Candidate::relevance).reversed().thenComparing(c -> c.id));
        if (kept.size() > SCORED) {
            kept = new ArrayList<>(kept.subList(0, SCORED));
        }
        score(kept, snap, today, tune(userId));
        kept.sort(Comparator.comparingDouble((Candidate c) -> c.finalScore).reversed().thenComparing(c -> c.id));
        List<Candidate> pool = kept.subList(0, Math.min(MMR_POOL, kept.size()));
        List<Recommendation> picked = diversify(snap, pool, limit, today);
        return new Page(picked, snap.widened(), hiddenSeen);
    }

    /** More-like-this over the window for a liked or disliked paper, which may itself be older. */
    private List<ScoredId> moreLike(RecentWindow.Snapshot snap, String paperId) {
        return snap.paper(paperId).or(() -> search.paper(paperId)).map(p -> snap.moreLike(p, PER_SOURCE))
                .orElse(List.of());
    }

    private void addTopic(Map<String, Candidate> candidates, RecentWindow.Snapshot snap, String topic) {
        List<ScoredId> hits;
        try {
            hits = snap.topic(topic, PER_SOURCE);
        } catch (QueryRejected e) {
            return; // a follow saved before the query rules changed; /following still lists it
        }
        if (hits.isEmpty()) {
            return;
        }
        float top = hits.get(0).score();
        for (ScoredId s : hits) {
            double v = s.score() / top;
            Candidate c = candidates.computeIfAbsent(s.id(), Candidate::new);
            if (v > c.topic) {
                c.topic = v;
                c.topicName = topic;
            }
        }
    }

    private Set<String> matchingOrNone(RecentWindow.Snapshot snap, String query, List<String> ids) {
        try {
            return snap.matching(query, ids);
        } catch (QueryRejected e) {
            return Set.of();
        }
    }

    private void score(List<Candidate> kept, RecentWindow.Snapshot snap, LocalDate today, Tune tune) {
        if (kept.isEmpty()) {
            return;
        }
        double maxRelevance = kept.stream().mapToDouble(Candidate::relevance).max().orElse(1);
        TrendingService.Ranking week = trending.ranking(TrendingWindow.WEEK);
        double maxTrend = week.papers().isEmpty() ? 0 : week.papers().get(0).score();
        Map<String, TrendingPaper> trend = new HashMap<>();
        Set<String> ids = new LinkedHashSet<>();
        kept.forEach(c -> ids.add(c.id));
        for (TrendingPaper p : week.papers()) {
            if (ids.contains(p.paperId())) {
                trend.put(p.paperId(), p);
            }
        }
        for (Candidate c : kept) {
            c.relevanceNorm = c.relevance() / maxRelevance;
            TrendingPaper t = trend.get(c.id);
            c.trending = t;
            c.trendNorm = t == null || maxTrend <= 0 ? 0 : t.score() / maxTrend;
            c.published = snap.paper(c.id).map(Paper::published).orElse(null);
            if (c.published != null) {
                long age = ChronoUnit.DAYS.between(c.published, today);
                c.recency = age < 0 || age >= config.windowDays() ? 0 : 1.0 - age / (double) config.windowDays();
            }
            c.trendPart = tune.trendingShare() * c.trendNorm;
            c.finalScore = tune.relevanceShare() * c.relevanceNorm + c.trendPart + tune.recencyShare() * c.recency;
        }
    }

    /** Greedy maximal marginal relevance over the pool; near-duplicates of a picked paper are skipped. */
    private List<Recommendation> diversify(RecentWindow.Snapshot snap, List<Candidate> pool, int limit,
                                           LocalDate today) {
        if (pool.isEmpty()) {
            return List.of();
        }
        double maxScore = pool.get(0).finalScore <= 0 ? 1 : pool.get(0).finalScore;
        Map<String, Paper> byId = new HashMap<>();
        TextSimilarity similarity = new TextSimilarity();
        List<Candidate> left = new ArrayList<>();
        List<TextSimilarity.Vector> vectors = new ArrayList<>();
        for (Candidate c : pool) {
            snap.paper(c.id).ifPresent(p -> {
                byId.put(p.id(), p);
                left.add(c);
                vectors.add(similarity.vector(snap.terms(p.id())));
            });
        }
        // maxSim[i]: similarity of left[i] to the closest paper chosen so far, updated as each one is chosen.
        double[] maxSim = new double[left.size()];
        boolean[] taken = new boolean[left.size()];
        List<Candidate> chosen = new ArrayList<>();
        double lambda = config.mmrLambda();
        while (chosen.size() < limit) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < left.size(); i++) {
                if (taken[i] || maxSim[i] >= config.nearDuplicate()) {
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
        List<Recommendation> out = new ArrayList<>();
        for (Candidate c : chosen) {
            out.add(new Recommendation(byId.get(c.id), c.finalScore, reasons(c, byId, today)));
        }
        return out;
    }

    private List<String> reasons(Candidate c, Map<String, Paper> loaded, LocalDate today) {
        List<String> reasons = new ArrayList<>();
        // A part is named when it carried a fair share of the relevance; the largest part always is.
        double largest = Math.max(Math.max(c.topic, c.author), Math.max(c.category, c.similar));
        double named = largest * NAMED_SHARE_OF_LARGEST;
        if (c.topic > 0 && c.topic >= named) {
            reasons.add("matches your topic '" + c.topicName + "'");
        }
        if (c.author > 0 && c.author >= named) {
            reasons.add("by " + c.authorName + ", an author you follow");
        }
        if (c.category > 0 && c.category >= named) {
            reasons.add("in " + c.categoryName + ", a category you follow");
        }
        if (c.similar > 0 && c.similar >= named) {
            String title = loaded.containsKey(c.similarTo) ? loaded.get(c.similarTo).title()
                    : search.paper(c.similarTo).map(Paper::title).orElse(null);
            reasons.add("similar to a paper you " + c.similarHow
                    + (title == null ? "" : ": '" + Text.truncate(title, 80) + "'"));
        }
        // Newness gets a line of its own when recency counted; the trending line then leaves it out, or the card
        // would say "new yesterday" twice.
        boolean fresh = c.recency > 0 && c.published != null && ChronoUnit.DAYS.between(c.published, today) <= 1;
        if (c.trending != null && c.finalScore > 0 && c.trendPart / c.finalScore >= NAMED_SHARE) {
            List<String> parts = TrendingService.parts(c.trending, today, !fresh);
            if (!parts.isEmpty()) {
                reasons.add("trending this week: " + String.join(" · ", parts));
            }
        }
        if (fresh) {
            reasons.add(c.published.equals(today) ? "new today" : "new yesterday");
        }
        if (reasons.isEmpty()) {
            reasons.add("close to what you follow");
        }
        return reasons;
    }

    /** Everything known about one candidate while ranking. */
    private static final class Candidate {
        final String id;
        double topic;
        String topicName;
        double author;
        String authorName;
        double category;
        String categoryName;
        double similar;
        String similarTo;
        String similarHow;
        double penalty;
        double relevanceNorm;
        TrendingPaper trending;
        double trendNorm;
        double recency;
        LocalDate published;
        double finalScore;
        /** The trending part of {@link #finalScore}. */
        double trendPart;

        Candidate(String id) {
            this.id = id;
        }

        double relevance() {
            return topic + author + category + similar - penalty;
        }
    }
}
