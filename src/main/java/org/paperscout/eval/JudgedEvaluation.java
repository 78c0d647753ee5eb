package org.paperscout.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.recommend.RecommendConfig;
import org.paperscout.recommend.Recommender;
import org.paperscout.recommend.TrendingConfig;
import org.paperscout.recommend.TrendingService;
import org.paperscout.recommend.TuneStore;
import org.paperscout.search.Embedder;
import org.paperscout.search.ScoreFusion;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.QueryRejected;
import org.paperscout.search.RecentWindow;
import org.paperscout.search.SearchConfig;
import org.paperscout.search.SearchHit;
import org.paperscout.search.SearchRequest;
import org.paperscout.search.SearchService;
import org.paperscout.search.SemanticBackfill;
import org.paperscout.search.SemanticSearch;
import org.paperscout.store.Database;
import org.paperscout.store.EngagementTotals;
import org.paperscout.store.FeedbackStore;
import org.paperscout.follows.FollowStore;
import org.paperscout.library.LibraryStore;
import org.paperscout.store.SeenStore;
import org.paperscout.store.StoreConfig;
import org.paperscout.store.Verdict;

/**
 * {@code paperscout eval --judged DIR}: PaperScout's /search and /recommend against SQLite FTS5 and Rocchio on
 * a test collection, all in a throwaway index and database under {@code workDir}, never the bot's.
 */
public final class JudgedEvaluation {

    static final int DEPTH = 100;
    /** A user likes this many of the most relevant documents ... */
    static final int LIKES = 3;
    /** ... of queries with at least this many relevant, so that 5 other relevant ones are left to find. */
    static final int MIN_RELEVANT_FOR_USER = 8;
    static final int RECOMMENDED = 5;
    private static final int EMBED_BATCH = 64;
    private static final int QUERY_CACHE = 1_000;

    private final Clock clock;
    /** Null: BM25 only. Otherwise every document is embedded first and /search is the hybrid users get. */
    private final Embedder embedder;

    public JudgedEvaluation(Clock clock) {
        this(clock, null);
    }

    public JudgedEvaluation(Clock clock, Embedder embedder) {
        this.clock = clock;
        this.embedder = embedder;
    }

    /** Runs everything; {@code workDir} must exist and is left for the caller to delete. */
    public JudgedReport run(JudgedCollection c, Path workDir) throws IOException {
        return run(c, workDir, true);
    }

    /** Like {@link #run(JudgedCollection, Path)}; without {@code withRecommend} only search is measured. */
    public JudgedReport run(JudgedCollection c, Path workDir, boolean withRecommend) throws IOException {
        List<Paper> papers = new ArrayList<>();
        int untitled = 0;
        int withoutText = 0;
        for (JudgedCollection.Document d : c.documents()) {
            untitled += d.title().isBlank() ? 1 : 0;
            withoutText += d.text().isBlank() ? 1 : 0;
            papers.add(toPaper(d));
        }
        List<JudgedCollection.JudgedQuery> queries = c.judgedQueries();
        List<QueryRun> runs = new ArrayList<>();
        JudgedReport.Recommend recommend;
        try (PaperIndex index = PaperIndex.open(workDir.resolve("index"))) {
            index.upsert(papers);
            SearchService search;
            if (embedder == null) {
                search = new SearchService(index, SearchConfig.defaults());
            } else {
                SemanticBackfill.embedAll(index, embedder, EMBED_BATCH);
                search = new SearchService(index, SearchConfig.defaults(),
                        new SemanticSearch(embedder, ScoreFusion.DEFAULT, QUERY_CACHE));
            }
            try (Fts5Baseline fts = new Fts5Baseline(workDir.resolve("fts5.db"), c.documents())) {
                for (JudgedCollection.JudgedQuery q : queries) {
                    runs.add(new QueryRun(q, SearchService.isShortQuery(q.text()), paperScout(search, q.text()),
                            fts.search(q.text(), DEPTH)));
                }
            } catch (SQLException e) {
                throw new IOException("SQLite FTS5: " + e.getMessage(), e);
            }
            recommend = withRecommend ? recommend(c, search, papers.size(), workDir.resolve("store"))
                    : null;
            Set<String> lostRelevant = new HashSet<>();
            for (JudgedCollection.JudgedQuery q : queries) {
                c.relevant(q.id()).keySet().stream().filter(id -> index.get(id).isEmpty()).forEach(lostRelevant::add);
            }
            return JudgedReport.of(c.name(), c.documents().size(), withoutText, untitled,
                    c.documents().size() - index.size(), lostRelevant.size(), runs, c, recommend);
        }
    }

    /** The /search path exactly as a user gets it; a refused query is an empty result. */
    private static List<String> paperScout(SearchService search, String query) {
        try {
            List<String> ids = new ArrayList<>();
            for (SearchHit h : search.search(SearchRequest.of(query, DEPTH)).hits()) {
                ids.add(h.paper().id());
            }
            return ids;
        } catch (QueryRejected e) {
            return null;
        }
    }

    private JudgedReport.Recommend recommend(JudgedCollection c, SearchService search, int papers, Path storeDir)
            throws IOException {
        Files.createDirectories(storeDir);
        Likes input = new Likes(c);
        if (input.users().isEmpty()) {
            return new JudgedReport.Recommend(0, 0, 0);
        }
        RocchioBaseline rocchio = new RocchioBaseline(c.documents());
        RecommendConfig defaults = RecommendConfig.defaults();
        // CACM is from 1958-79, far outside any recent window: with the window as large as the collection, the
        // widened window holds every document, so all are candidates, as for Rocchio.
        RecommendConfig config = new RecommendConfig(defaults.window(), defaults.defaultTune(), defaults.mmrLambda(),
                defaults.nearDuplicate(), defaults.starterTtl(), Math.max(10, papers));
        double sumOurs = 0;
        double sumRocchio = 0;
        try (Database db = Database.open(storeDir, StoreConfig.defaults(), clock);
             RecentWindow window = new RecentWindow(search, config.maxWindowPapers())) {
            FeedbackStore feedback = new FeedbackStore(db, clock);
            Recommender recommender = new Recommender(search, window, new FollowStore(db, clock), feedback,
                    new LibraryStore(db, clock), new SeenStore(db, clock), new TuneStore(db, clock),
                    new TrendingService(search, new EngagementTotals(db), TrendingConfig.defaults(), clock),
                    config, clock);
            int n = 0;
            for (Map.Entry<String, List<String>> user : input.users().entrySet()) {
                String userId = "judged-" + n++;
                List<String> liked = user.getValue();
                liked.forEach(id -> feedback.set(userId, id, Verdict.UP));
                Map<String, Integer> others = new LinkedHashMap<>(c.relevant(user.getKey()));
                liked.forEach(others::remove);
                List<String> ours = recommender.rank(userId, false, RECOMMENDED).items().stream()
                        .map(r -> r.paper().id()).toList();
                sumOurs += Metrics.precision(ours, others, RECOMMENDED);
                sumRocchio += Metrics.precision(rocchio.recommend(liked, RECOMMENDED), others, RECOMMENDED);
            }
        }
        int users = input.users().size();
        return new JudgedReport.Recommend(users, sumOurs / users, sumRocchio / users);
    }

    /** Per judged query with enough relevant documents, the ones its user likes: highest grade, then file order. */
    private record Likes(Map<String, List<String>> users) {
        Likes(JudgedCollection c) {
            this(likes(c));
        }

        private static Map<String, List<String>> likes(JudgedCollection c) {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (JudgedCollection.JudgedQuery q : c.judgedQueries()) {
                Map<String, Integer> relevant = c.relevant(q.id());
                if (relevant.size() < MIN_RELEVANT_FOR_USER) {
                    continue;
                }
                List<String> order = new ArrayList<>(relevant.keySet());
                // A stable sort keeps the judgement file's order among equal grades.
                order.sort(Comparator.comparing((String id) -> relevant.get(id)).reversed());
                out.put(q.id(), new ArrayList<>(order.subList(0, LIKES)));
            }
            return out;
        }
    }

    /**
     * A document as a paper. The collection's id is the paper id. A document without a title is titled by its
     * id in brackets: the index treats papers with the same title as one, and every blank title is the same.
     */
    static Paper toPaper(JudgedCollection.Document d) {
        String title = d.title().isBlank() ? "[" + d.id() + "]" : d.title();
        return new Paper(d.id(), title, d.text(), d.authors(), List.of(), d.published(), null, 0, "judged");
    }

    /** One query's rankings; {@code paperScout} is null when /search refused the query. */
    record QueryRun(JudgedCollection.JudgedQuery query, boolean isShort, List<String> paperScout,
                    List<String> fts5) {
    }
}
