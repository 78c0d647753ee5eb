package org.paperscout.recommend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.search.PaperStats;
import org.paperscout.search.SearchService;

/**
 * Emerging topics: phrases whose share of newly published papers rose sharply in the last window against the
 * windows before it ({@link BurstDetector}), each with its growth and three representative papers. Computed from
 * the index on request and kept for a while, since new papers arrive a few times a day.
 */
public final class EmergingTopics {

    /** Papers read at most per computation, newest first: a year of arXiv's busiest categories fits. */
    static final int MAX_PAPERS = 60_000;
    static final int EXAMPLES = 3;

    /**
     * One emerging topic.
     *
     * @param phrase   how the papers write it, e.g. "state space models"
     * @param count    papers with it in the window
     * @param before   papers with it in the window before
     * @param earlier  windows compared against (their count per window averages to {@code perWindow})
     * @param papers   up to three representative papers of the window, best first
     * @param series   papers with it per window as the detector counted them, oldest first, this window last
     *                 ({@code earlier + 1} of them): what the alert's sparkline draws
     */
    public record Topic(String phrase, int count, int before, int earlier, double perWindow, List<Paper> papers,
                        List<Integer> series) {
        public Topic {
            papers = List.copyOf(papers);
            series = List.copyOf(series);
        }
    }

    private final SearchService search;
    private final Clock clock;
    private final Cache<TrendingWindow, List<Topic>> cache;

    public EmergingTopics(SearchService search, Clock clock, Duration ttl) {
        this.search = search;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(TrendingWindow.values().length).expireAfterWrite(ttl)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    /** Up to {@code limit} emerging topics of the window ending today (UTC), strongest first. */
    public List<Topic> find(TrendingWindow window, int limit) {
        List<Topic> all = cache.get(window, this::compute);
        return all.subList(0, Math.min(limit, all.size()));
    }

    /** How many earlier windows a window is compared against: a month of days, a month of weeks, a quarter. */
    static int earlierWindows(TrendingWindow window) {
        return switch (window) {
            case DAY -> 14;
            case WEEK -> 4;
            case MONTH -> 3;
        };
    }

    private List<Topic> compute(TrendingWindow window) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate since = today.minusDays((long) window.days() * (earlierWindows(window) + 1) - 1);
        List<String> ids = search.publishedSince(since, MAX_PAPERS).stream().map(PaperStats::id).toList();
        return topics(search.papers(ids), today, window, 10);
    }

    /** The emerging topics among {@code papers} for the window ending {@code today} (pure; tested directly). */
    static List<Topic> topics(List<Paper> papers, LocalDate today, TrendingWindow window, int limit) {
        int windows = earlierWindows(window);
        List<Map<String, Integer>> earlierCounts = new ArrayList<>();
        int[] earlierPapers = new int[windows];
        for (int i = 0; i < windows; i++) {
            earlierCounts.add(new HashMap<>());
        }
        Map<String, Set<String>> current = new HashMap<>();
        Map<String, Map<String, Integer>> spellings = new HashMap<>();
        Map<String, Paper> byId = new HashMap<>();
        int currentPapers = 0;
        for (Paper p : papers) {
            if (p.published() == null || p.published().isAfter(today)) {
                continue;
            }
            long slot = ChronoUnit.DAYS.between(p.published(), today) / window.days();
            if (slot > windows) {
                continue;
            }
            Map<String, String> phrases = Phrases.of(p.title() + ". " + (p.abstractText() == null ? "" : p.abstractText()));
            if (slot == 0) {
                currentPapers++;
                byId.put(p.id(), p);
                phrases.forEach((key, written) -> {
                    current.computeIfAbsent(key, k -> new HashSet<>()).add(p.id());
                    spellings.computeIfAbsent(key, k -> new HashMap<>()).merge(written, 1, Integer::sum);
                });
            } else {
                earlierPapers[(int) slot - 1]++;
                Map<String, Integer> counts = earlierCounts.get((int) slot - 1);
                phrases.keySet().forEach(key -> counts.merge(key, 1, Integer::sum));
            }
        }
        List<BurstDetector.Earlier> earlier = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            earlier.add(new BurstDetector.Earlier(earlierPapers[i], earlierCounts.get(i)));
        }
        int totalEarlier = 0;
        for (int n : earlierPapers) {
            totalEarlier += n;
        }
        List<Topic> out = new ArrayList<>();
        for (BurstDetector.Burst b : BurstDetector.DEFAULT.detect(
                new BurstDetector.Current(currentPapers, current), earlier)) {
            if (out.size() == limit) {
                break;
            }
            String phrase = spellings.get(b.key()).entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(
                            Comparator.reverseOrder()))).orElseThrow().getKey();
            int seen = 0;
            List<Integer> series = new ArrayList<>();
            for (int i = windows - 1; i >= 0; i--) {
                int n = earlierCounts.get(i).getOrDefault(b.key(), 0);
                seen += n;
                series.add(n);
            }
            series.add(b.count());
            out.add(new Topic(phrase, b.count(), b.before(), windows, seen / (double) windows,
                    examples(b, byId), series));
        }
        return List.copyOf(out);
    }

    /** Papers naming the phrase in their title first, then the most upvoted, the newest, by id. */
    private static List<Paper> examples(BurstDetector.Burst burst, Map<String, Paper> byId) {
        return burst.paperIds().stream().map(byId::get)
                .sorted(Comparator.comparing((Paper p) -> !Phrases.of(p.title()).containsKey(burst.key()))
                        .thenComparing(Comparator.comparingInt(Paper::upvotes).reversed())
                        .thenComparing(Paper::published, Comparator.reverseOrder())
                        .thenComparing(Paper::id))
                .limit(EXAMPLES).toList();
    }
}
