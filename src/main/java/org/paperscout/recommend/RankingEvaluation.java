package org.paperscout.recommend;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.search.QueryRejected;
import org.paperscout.search.RecentWindow;
import org.paperscout.search.SearchHit;
import org.paperscout.search.SearchRequest;
import org.paperscout.search.SearchService;
import org.paperscout.store.Database;
import org.paperscout.store.EngagementTotals;
import org.paperscout.store.FeedbackStore;
import org.paperscout.follows.FollowKind;
import org.paperscout.follows.FollowStore;
import org.paperscout.library.LibraryStore;
import org.paperscout.store.SeenStore;
import org.paperscout.store.StoreConfig;
import org.paperscout.store.Verdict;

/**
 * Ranking quality on the current index ({@code paperscout eval}).
 *
 * <p><b>Known-item search:</b> each paper's title is the query; the paper's rank gives MRR@10 and recall@1.
 *
 * <p><b>Follow simulation:</b> for each paper P, a held-out user follows one topic made of the two most
 * distinctive words of P's title (highest inverse document frequency among words that at least
 * {@value #MIN_THEME_DF} papers share and fewer than half of all papers use). The judgement is by content and
 * independent of the ranking: a paper shares the theme when it contains both words (as the index stems them),
 * at least one of them in its title, or both words together at least {@value #ABSTRACT_MENTIONS} times in its
 * abstract. Themes with fewer than 5 such papers are left out, duplicate themes counted once. Precision@5 is
 * the share of the first /recommend page (5 cards, with diversification, trending mix and exclusions exactly
 * as users get them) that shares the theme. A second run adds a 👍 on P (so P itself is excluded and the
 * Rocchio boost applies). Each user is recommended to in a throwaway database, never the bot's own.
 */
public final class RankingEvaluation {

    static final int MIN_THEME_DF = 3;
    static final int ABSTRACT_MENTIONS = 3;
    static final int K = 5;
    /** A theme word used by more papers than this share is not distinctive (e.g. "memorization" in the seeds). */
    static final double MAX_WORD_SHARE = 0.75;
    /** A theme shared by more papers than this share would make precision trivial. */
    static final double MAX_THEME_SHARE = 0.4;
    /** More papers than this are sampled (the first ones by id) to keep eval quick on large indexes. */
    static final int MAX_PAPERS = 2_000;

    /** The figures. */
    public record Report(int papers, int queries, double mrr10, double recall1, int users, double precision5,
                         double precision5WithLike, List<String> worstThemes) {
    }

    private final SearchService search;
    private final RecommendConfig recommendConfig;
    private final TrendingConfig trendingConfig;
    private final Clock clock;

    public RankingEvaluation(SearchService search, RecommendConfig recommendConfig, TrendingConfig trendingConfig,
                             Clock clock) {
        this.search = search;
        this.recommendConfig = recommendConfig;
        this.trendingConfig = trendingConfig;
        this.clock = clock;
    }

    public Report run(Path workDir) {
        List<Paper> papers = search.allPapers(MAX_PAPERS);
        double rr = 0;
        int hits1 = 0;
        int queries = 0;
        for (Paper p : papers) {
            List<SearchHit> hits;
            try {
                hits = search.search(SearchRequest.of(p.title(), 10)).hits();
            } catch (QueryRejected e) {
                continue;
            }
            queries++;
            for (int i = 0; i < hits.size(); i++) {
                if (hits.get(i).paper().id().equals(p.id())) {
                    rr += 1.0 / (i + 1);
                    hits1 += i == 0 ? 1 : 0;
                    break;
                }
            }
        }

        Map<String, Map<String, Integer>> titleTerms = new HashMap<>();
        Map<String, Map<String, Integer>> abstractTerms = new HashMap<>();
        Map<String, Integer> df = new HashMap<>();
        for (Paper p : papers) {
            Map<String, Integer> t = search.terms(new Paper(p.id(), p.title(), "", List.of(), List.of(), null, null, 0, ""));
            Map<String, Integer> a = search.terms(new Paper(p.id(), "", p.abstractText(), List.of(), List.of(), null, null, 0,
                    ""));
            titleTerms.put(p.id(), t);
            abstractTerms.put(p.id(), a);
            Set<String> all = new HashSet<>(t.keySet());
            all.addAll(a.keySet());
            all.forEach(w -> df.merge(w, 1, Integer::sum));
        }
        Map<String, Theme> themes = new LinkedHashMap<>();
        for (Paper p : papers) {
            Theme theme = theme(p, df, papers, titleTerms, abstractTerms);
            if (theme != null) {
                themes.putIfAbsent(theme.key(), theme);
            }
        }

        double sumP = 0;
        double sumPLike = 0;
        List<String> lines = new ArrayList<>();
        List<Map.Entry<Double, String>> perTheme = new ArrayList<>();
        try (Database db = Database.open(workDir, StoreConfig.defaults(), clock);
             RecentWindow window = new RecentWindow(search, recommendConfig.maxWindowPapers())) {
            FollowStore follows = new FollowStore(db, clock);
            FeedbackStore feedback = new FeedbackStore(db, clock);
            LibraryStore library = new LibraryStore(db, clock);
            SeenStore seen = new SeenStore(db, clock);
            TuneStore tunes = new TuneStore(db, clock);
            TrendingService trending = new TrendingService(search, new EngagementTotals(db), trendingConfig,
                    clock);
            Recommender recommender = new Recommender(search, window, follows, feedback, library, seen, tunes, trending,
                    recommendConfig, clock);
            int n = 0;
            for (Theme t : themes.values()) {
                String user = "eval-" + n;
                String liker = "eval-like-" + n;
                n++;
                follows.add(user, FollowKind.TOPIC, t.topic());
                follows.add(liker, FollowKind.TOPIC, t.topic());
                feedback.set(liker, t.source(), Verdict.UP);
                double p = precision(recommender.rank(user, false, K), t.relevant());
                Set<String> relevantLeft = new HashSet<>(t.relevant());
                relevantLeft.remove(t.source()); // a paper the user voted on is never recommended back
                double pLike = precision(recommender.rank(liker, false, K), relevantLeft);
                sumP += p;
                sumPLike += pLike;
                perTheme.add(Map.entry(p, String.format(Locale.ROOT, "%.1f  “%s” (%d papers share it)", p, t.topic(),
                        t.relevant().size())));
            }
        }
        perTheme.sort(Map.Entry.<Double, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        perTheme.forEach(e -> lines.add(e.getValue()));
        int users = themes.size();
        return new Report(papers.size(), queries, queries == 0 ? 0 : rr / queries,
                queries == 0 ? 0 : hits1 / (double) queries, users, users == 0 ? 0 : sumP / users,
                users == 0 ? 0 : sumPLike / users, lines);
    }

    public static void print(Report r, PrintStream out) {
        out.printf(Locale.ROOT, "Known-item search (title as query), %d of %d papers:%n", r.queries(), r.papers());
        out.printf(Locale.ROOT, "  MRR@10    %.3f   (target >= 0.95)%n", r.mrr10());
        out.printf(Locale.ROOT, "  recall@1  %.3f%n", r.recall1());
        out.printf(Locale.ROOT, "Follow simulation, %d held-out users (one topic each: two adjacent, distinctive"
                + " words of a title):%n", r.users());
        out.printf(Locale.ROOT, "  precision@5 of /recommend             %.3f   (target >= 0.6)%n", r.precision5());
        out.printf(Locale.ROOT, "  precision@5 with a 👍 on the source   %.3f%n", r.precision5WithLike());
        if (!r.worstThemes().isEmpty()) {
            out.println("  per theme (precision@5 without the 👍, topic):");
            r.worstThemes().forEach(l -> out.println("    " + l));
        }
        out.println("A paper shares a theme when it contains both topic words (stemmed), one of them in its title"
                + " or both together at least " + ABSTRACT_MENTIONS + " times in its abstract.");
    }

    private static double precision(Recommender.Page page, Set<String> relevant) {
        long good = page.items().stream().filter(r -> relevant.contains(r.paper().id())).count();
        return good / (double) Math.min(K, relevant.size());
    }

    static boolean shares(Theme theme, Map<String, Integer> title, Map<String, Integer> abs) {
        int inAbstract = 0;
        boolean inTitle = false;
        for (String stem : theme.stems()) {
            int t = title.getOrDefault(stem, 0);
            int a = abs.getOrDefault(stem, 0);
            if (t + a == 0) {
                return false;
            }
            inTitle |= t > 0;
            inAbstract += a;
        }
        return inTitle || inAbstract >= ABSTRACT_MENTIONS;
    }

    /**
     * The theme of a paper: the pair of adjacent title words with the highest summed inverse document frequency
     * among pairs that at least {@value #K} papers share (by {@link #shares}); each word must be used by at
     * least {@value #MIN_THEME_DF} papers and by fewer than half. Null when no pair qualifies.
     */
    private Theme theme(Paper p, Map<String, Integer> df, List<Paper> papers,
                        Map<String, Map<String, Integer>> titleTerms, Map<String, Map<String, Integer>> abstractTerms) {
        int n = papers.size();
        // Adjacent title words form the candidate phrases ("diffusion models"), as a person would type them.
        List<String> stemsInOrder = new ArrayList<>();
        Map<String, String> surface = new HashMap<>();
        for (String word : p.title().split("[^\\p{L}\\p{N}]+")) {
            Map<String, Integer> stems = word.length() < 3 || TitleWords.isFiller(word) ? Map.of()
                    : search.terms(new Paper(p.id(), word, "", List.of(), List.of(), null, null, 0, ""));
            if (stems.size() != 1) {
                stemsInOrder.add(null); // a stop word or symbol breaks the phrase
                continue;
            }
            String stem = stems.keySet().iterator().next();
            surface.putIfAbsent(stem, word.toLowerCase(Locale.ROOT));
            boolean usable = df.getOrDefault(stem, 0) >= MIN_THEME_DF && df.getOrDefault(stem, 0) <= n * MAX_WORD_SHARE;
            stemsInOrder.add(usable ? stem : null);
        }
        Theme best = null;
        double bestIdf = -1;
        for (int i = 0; i + 1 < stemsInOrder.size(); i++) {
            {
                if (stemsInOrder.get(i) == null || stemsInOrder.get(i + 1) == null
                        || stemsInOrder.get(i).equals(stemsInOrder.get(i + 1))) {
                    continue;
                }
                List<String> stems = List.of(stemsInOrder.get(i), stemsInOrder.get(i + 1));
                double idf = Math.log(n / (double) df.get(stems.get(0))) + Math.log(n / (double) df.get(stems.get(1)));
                if (idf <= bestIdf) {
                    continue;
                }
                Theme candidate = new Theme(surface.get(stems.get(0)) + " " + surface.get(stems.get(1)), stems, p.id(),
                        Set.of());
                Set<String> relevant = new HashSet<>();
                for (Paper d : papers) {
                    if (shares(candidate, titleTerms.get(d.id()), abstractTerms.get(d.id()))) {
                        relevant.add(d.id());
                    }
                }
                if (relevant.size() >= K && relevant.size() <= n * MAX_THEME_SHARE) {
                    best = new Theme(candidate.topic(), stems, p.id(), Set.copyOf(relevant));
                    bestIdf = idf;
                }
            }
        }
        return best;
    }

    record Theme(String topic, List<String> stems, String source, Set<String> relevant) {
        String key() {
            return String.join(" ", stems.stream().sorted().toList());
        }
    }
}
