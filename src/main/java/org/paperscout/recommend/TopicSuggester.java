package org.paperscout.recommend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.search.PaperStats;
import org.paperscout.search.SearchService;

/**
 * Topics to suggest to someone who follows nothing: two-word phrases that recur in recent titles more than
 * their words alone would predict. Each bigram is scored by local mutual information,
 * {@code df(ab) * ln(df(ab) * N / (df(a) * df(b)))} over N titles, so "language models" beats both a rare
 * pair and a pair of merely frequent words; a phrase sharing a word with a better one is skipped, so the
 * three suggestions differ.
 */
public final class TopicSuggester {

    /** Titles read per computation: the most recent ones, or any when the index has no dates. */
    static final int SAMPLE = 3_000;
    static final int MIN_COUNT = 2;
    private final SearchService search;
    private final Clock clock;
    private final Cache<String, List<String>> cache;

    public TopicSuggester(SearchService search, RecommendConfig config, Clock clock) {
        this.search = search;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(1).expireAfterWrite(config.starterTtl())
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    /** Up to {@code n} suggested topics, best first; none of them in {@code skip} (folded). */
    public List<String> suggest(int n, Collection<String> skip) {
        Set<String> skipped = new HashSet<>();
        skip.forEach(s -> skipped.add(s.toLowerCase(Locale.ROOT).strip()));
        List<String> out = new ArrayList<>();
        for (String phrase : cache.get("topics", k -> compute(20))) {
            if (!skipped.contains(phrase)) {
                out.add(phrase);
                if (out.size() == n) {
                    break;
                }
            }
        }
        return out;
    }

    List<String> compute(int n) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<String> ids = search.publishedSince(today.minusDays(30), SAMPLE).stream().map(PaperStats::id).toList();
        List<Paper> papers = ids.size() >= 50 ? search.papers(ids) : search.allPapers(SAMPLE);
        return phrases(papers.stream().map(Paper::title).toList(), n);
    }

    /** The best {@code n} phrases of these titles (pure; tested directly). */
    static List<String> phrases(List<String> titles, int n) {
        Map<String, Integer> words = new HashMap<>();
        Map<String, Integer> pairs = new HashMap<>();
        for (String title : titles) {
            List<List<String>> runs = Phrases.runs(title);
            Set<String> seenWords = new LinkedHashSet<>();
            Set<String> seenPairs = new LinkedHashSet<>();
            for (List<String> run : runs) {
                seenWords.addAll(run);
                for (int i = 0; i + 1 < run.size(); i++) {
                    seenPairs.add(run.get(i) + " " + run.get(i + 1));
                }
            }
            seenWords.forEach(w -> words.merge(w, 1, Integer::sum));
            seenPairs.forEach(p -> pairs.merge(p, 1, Integer::sum));
        }
        int total = Math.max(1, titles.size());
        record Scored(String phrase, double score) {
        }
        List<Scored> scored = new ArrayList<>();
        pairs.forEach((pair, count) -> {
            if (count < MIN_COUNT) {
                return;
            }
            String[] ab = pair.split(" ");
            if (ab[0].equals(ab[1])) {
                return;
            }
            double expected = words.get(ab[0]) * (double) words.get(ab[1]) / total;
            double lmi = count * Math.log(count / expected);
            if (lmi > 0) {
                scored.add(new Scored(pair, lmi));
            }
        });
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::phrase));
        List<String> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Scored s : scored) {
            String[] ab = s.phrase().split(" ");
            if (used.contains(ab[0]) || used.contains(ab[1])) {
                continue;
            }
            out.add(s.phrase());
            used.add(ab[0]);
            used.add(ab[1]);
            if (out.size() == n) {
                break;
            }
        }
        return out;
    }
}
