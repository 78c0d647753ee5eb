package org.paperscout.pulse;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperscout.charts.PulseChart;
import org.paperscout.search.PaperStats;
import org.paperscout.search.SearchService;
import org.paperscout.search.TopicActivity;
import org.paperscout.store.EngagementTotals;
import org.paperscout.store.EngagementTotals.DailyEngagement;

/**
 * A topic's pulse over a window: papers published per period (from the index's published field), and votes
 * plus saves here per period on papers matching the topic, whenever those papers were published.
 */
public final class PulseService {

    /** Papers read per pulse at most; a five-year window on a broad word in a big index stays bounded. */
    static final int MAX_PAPERS = 200_000;
    static final int TOP_PAPERS = 3;
    static final int TOP_AUTHORS = 5;

    /** A paper and its saves plus votes here in the window. */
    public record Engaged(String paperId, int count) {
    }

    /**
     * @param periods   one per bar, oldest first
     * @param total     papers in the window
     * @param truncated the window held more than {@link #MAX_PAPERS}; bars are then a lower bound
     */
    public record Pulse(PulseWindow window, List<PulseChart.Period> periods, int total, int engagement,
                        List<Engaged> mostEngaged, List<TopicActivity.AuthorCount> authors, boolean truncated) {
    }

    private final SearchService search;
    private final EngagementTotals engagement;
    private final Clock clock;

    public PulseService(SearchService search, EngagementTotals engagement, Clock clock) {
        this.search = search;
        this.engagement = engagement;
        this.clock = clock;
    }

    public Pulse pulse(String topic, PulseWindow window) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<LocalDate> starts = window.starts(today);
        LocalDate first = starts.get(0);
        TopicActivity activity = search.topicActivity(topic, first, today, MAX_PAPERS, TOP_AUTHORS);
        int[] papers = new int[starts.size()];
        for (PaperStats p : activity.papers()) {
            papers[bucket(starts, p.published())]++;
        }
        List<DailyEngagement> days = engagement.votesAndSavesByDay(first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        Set<String> onTopic = days.isEmpty() ? Set.of()
                : search.matchingAmong(topic, days.stream().map(DailyEngagement::paperId).distinct().toList());
        int[] engaged = new int[starts.size()];
        Map<String, Integer> perPaper = new HashMap<>();
        for (DailyEngagement d : days) {
            if (onTopic.contains(d.paperId())) {
                engaged[bucket(starts, d.day())] += d.count();
                perPaper.merge(d.paperId(), d.count(), Integer::sum);
            }
        }
        List<PulseChart.Period> periods = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            periods.add(new PulseChart.Period(window.label(starts.get(i)), papers[i], engaged[i]));
        }
        List<Engaged> top = perPaper.entrySet().stream()
                .map(e -> new Engaged(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(Engaged::count).reversed().thenComparing(Engaged::paperId))
                .limit(TOP_PAPERS)
                .toList();
        int engagementTotal = 0;
        for (int e : engaged) {
            engagementTotal += e;
        }
        return new Pulse(window, periods, activity.papers().size(), engagementTotal, top, activity.authors(),
                activity.truncated());
    }

    /** The index of the period containing {@code day}; days before the first go to the first. */
    static int bucket(List<LocalDate> starts, LocalDate day) {
        int i = Collections.binarySearch(starts, day);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }
}
