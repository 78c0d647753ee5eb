package org.paperscout.search;

import java.util.List;

/**
 * One page of results.
 *
 * @param totalHits  how many papers matched (a lower bound when {@code totalIsLowerBound})
 * @param likeText   the query was too long for a search, so it was answered as papers like its text
 */
public record SearchPage(List<SearchHit> hits, long totalHits, boolean totalIsLowerBound, boolean likeText) {

    public SearchPage {
        hits = List.copyOf(hits);
    }

    public SearchPage(List<SearchHit> hits, long totalHits, boolean totalIsLowerBound) {
        this(hits, totalHits, totalIsLowerBound, false);
    }
}
