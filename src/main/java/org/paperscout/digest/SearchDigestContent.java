package org.paperscout.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.search.SearchHit;
import org.paperscout.search.SearchPage;
import org.paperscout.search.SearchRequest;
import org.paperscout.search.SearchService;
import org.paperscout.search.SortOrder;

/**
 * A stand-in {@link DigestContent} over the search index alone, until the recommend feature's trending service
 * and recommender are wired: "trending" is the newest papers published in the window (matching the topic when
 * there is one, by relevance), and personal picks are the newest papers not yet shown.
 */
public final class SearchDigestContent implements DigestContent {

    /** Papers looked at for a digest without a topic; enough for 10 cards and an honest "N more" up to this. */
    static final int SCAN = 500;

    private final SearchService search;

    public SearchDigestContent(SearchService search) {
        this.search = search;
    }

    @Override
    public Ranked trending(Instant since, Instant until, String topic, int offset, int limit) {
        LocalDate from = since.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate to = until.atZone(ZoneOffset.UTC).toLocalDate();
        if (topic != null) {
            SearchPage page = search.search(new SearchRequest(topic, from, SortOrder.RELEVANCE, offset, limit));
            List<Pick> picks = new ArrayList<>();
            for (SearchHit h : page.hits()) {
                if (h.paper().published() == null || !h.paper().published().isAfter(to)) {
                    picks.add(new Pick(h.paper(), List.of("new, and matches the topic “" + topic + "”")));
                }
            }
            return new Ranked(picks, (int) Math.min(Integer.MAX_VALUE, page.totalHits()));
        }
        List<Paper> window = new ArrayList<>();
        for (Paper p : search.suggestTitles("", SCAN)) {
            LocalDate d = p.published();
            if (d != null && !d.isBefore(from) && !d.isAfter(to)) {
                window.add(p);
            }
        }
        List<Pick> picks = window.stream().skip(offset).limit(limit)
                .map(p -> new Pick(p, List.of("new since the last digest"))).toList();
        return new Ranked(picks, window.size());
    }

    @Override
    public Ranked recommended(String userId, Set<String> exclude, Instant until, int limit) {
        List<Pick> picks = new ArrayList<>();
        int total = 0;
        for (Paper p : search.suggestTitles("", SCAN)) {
            if (exclude.contains(p.id())) {
                continue;
            }
            total++;
            if (picks.size() < limit) {
                picks.add(new Pick(p, List.of("new, and not shown to you before")));
            }
        }
        return new Ranked(picks, total);
    }
}
