package org.paperscout.recommend;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.search.QueryRejected;
import org.paperscout.search.RecentWindow;
import org.paperscout.search.SearchService;
import org.paperscout.store.FeedbackStore;
import org.paperscout.follows.Follow;
import org.paperscout.follows.FollowKind;
import org.paperscout.follows.FollowStore;
import org.paperscout.library.LibraryStore;
import org.paperscout.store.SeenPlace;
import org.paperscout.store.SeenStore;
import org.paperscout.store.Verdict;

/**
 * /recommend: papers for one user from their follows and feedback.
 *
 * <p>Candidates come from the recent window (the whole index when the window holds fewer than a page). Each
 * gets {@code relevance = best normalised topic match (BM25 / the topic's best score, among papers with every word
 * of the topic) + author and category
 * boosts + a Rocchio boost from papers the user liked or saved (more-like-this, normalised) - a penalty from
 * papers they voted down or dismissed}; excluded topics remove a candidate outright. The final score mixes
 * relevance (normalised to the best candidate), trending (normalised to the week's best) and recency in the
 * user's {@link Tune} proportions; the page is then picked by maximal marginal relevance so near-duplicates
 * never fill it. What the user saved, voted on or dismissed never comes back; what was already shown comes
 * back only when they ask for it again. Each card's reasons come with evidence read from the paper
 * ({@link Reason}); a paper whose parts the text does not bear out is left off rather than shown.
 *
 * <p>The steps are separate classes: {@link CandidateSource}s (topics, authors, categories, feedback),
 * {@link Scoring}, {@link Diversifier} and {@link Explainer}.
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
    /** Best final score first, then by id; one plain comparator, as sorting 100,000 users' candidates costs. */
    private static final Comparator<Candidate> BY_FINAL_SCORE = (a, b) -> {
        int byScore = Double.compare(b.finalScore, a.finalScore);
        return byScore != 0 ? byScore : a.id.compareTo(b.id);
    };

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

    private final RecentWindow window;
    private final FollowStore follows;
    private final FeedbackStore feedback;
    private final LibraryStore library;
    private final SeenStore seen;
    private final TuneStore tunes;
    private final RecommendConfig config;
    private final Clock clock;
    private final List<CandidateSource> sources;
    private final Scoring scoring;
    private final Diversifier diversifier;
    private final Explainer explainer;

    public Recommender(SearchService search, RecentWindow window, FollowStore follows, FeedbackStore feedback, LibraryStore library,
                       SeenStore seen, TuneStore tunes, TrendingService trending, RecommendConfig config, Clock clock) {
        this.window = window;
        this.follows = follows;
        this.feedback = feedback;
        this.library = library;
        this.seen = seen;
        this.tunes = tunes;
        this.config = config;
        this.clock = clock;
        this.sources = List.of(new FollowSources.Topics(search), new FollowSources.Authors(), new FollowSources.Categories(),
                new FeedbackSource(search));
        this.scoring = new Scoring(trending, config.windowDays());
        this.diversifier = new Diversifier(config.mmrLambda(), config.nearDuplicate());
        this.explainer = new Explainer(search);
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
        return rank(userId, again ? Set.of() : seen.seenPaperIds(userId), limit);
    }

    /**
     * Ranks without recording anything, leaving out {@code seenIds}: what the user was shown, as a caller that has
     * just read it passes it (a digest reads it for its own check; reading it twice was one of eight reads a user).
     */
    public Page rank(String userId, Set<String> seenIds, int limit) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        RecentWindow.Snapshot snap = window.snapshot(today.minusDays(config.windowDays() - 1L), limit);
        Profile profile = profile(userId, seenIds);

        Map<String, Candidate> candidates = new HashMap<>();
        for (CandidateSource source : sources) {
            source.collect(snap, profile, candidates);
        }
        int hiddenSeen = 0;
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : candidates.values()) {
            if (profile.excluded().contains(c.id)) {
                continue;
            }
            if (profile.seen().contains(c.id)) {
                hiddenSeen++;
                continue;
            }
            if (c.relevance() > 0) {
                kept.add(c);
            }
        }
        removeExcludedTopics(snap, profile, kept);
        // Both orders are total (ids are unique), so the scored order does not depend on this one: sorted only to cut.
        if (kept.size() > SCORED) {
            kept.sort(Comparator.comparingDouble(Candidate::relevance).reversed().thenComparing(c -> c.id));
            kept = new ArrayList<>(kept.subList(0, SCORED));
        }
        scoring.score(kept, snap, today, tune(userId));
        kept.sort(BY_FINAL_SCORE);
        List<Candidate> pool = kept.subList(0, Math.min(MMR_POOL, kept.size()));
        List<Recommendation> picked = new ArrayList<>();
        Diversifier.Picks picks = diversifier.picks(snap, pool);
        for (Candidate c; picked.size() < limit && (c = picks.next()) != null; ) {
            Paper paper = c.paper != null ? c.paper : snap.paper(c.id).orElseThrow();
            List<Reason> why = explainer.reasons(c, paper, snap, today);
            if (!why.isEmpty()) { // nothing the paper bears out: better left off than shown with a false reason
                picked.add(new Recommendation(paper, c.finalScore, why));
            }
        }
        return new Page(picked, snap.widened(), hiddenSeen);
    }

    private Profile profile(String userId, Set<String> seenIds) {
        Map<String, Verdict> verdicts = feedback.all(userId);
        Map<String, String> positives = new LinkedHashMap<>();
        library.page(userId, 0, MAX_FEEDBACK_PAPERS).forEach(s -> positives.put(s.paper().id(), "saved"));
        verdicts.entrySet().stream().filter(e -> e.getValue() == Verdict.UP).map(Map.Entry::getKey).sorted()
                .limit(MAX_FEEDBACK_PAPERS).forEach(id -> positives.putIfAbsent(id, "liked"));
        List<String> negatives = verdicts.entrySet().stream().filter(e -> e.getValue() != Verdict.UP)
                .map(Map.Entry::getKey).sorted().limit(MAX_FEEDBACK_PAPERS).toList();
        Set<String> excluded = new HashSet<>(verdicts.keySet());
        excluded.addAll(library.savedIds(userId));
        return new Profile(follows.list(userId), positives, negatives, excluded, seenIds);
    }

    private static void removeExcludedTopics(RecentWindow.Snapshot snap, Profile profile, List<Candidate> kept) {
        for (Follow f : profile.follows()) {
            if (f.kind() == FollowKind.EXCLUDE && !kept.isEmpty()) {
                Set<String> out;
                try {
                    out = snap.matching(f.text(), kept.stream().map(c -> c.id).toList());
                } catch (QueryRejected e) {
                    continue;
                }
                kept.removeIf(c -> out.contains(c.id));
            }
        }
    }
}
