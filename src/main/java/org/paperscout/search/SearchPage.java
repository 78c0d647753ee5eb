package org.paperscout.search;

import java.util.List;

/**
 * One page of results.
 *
 * @param totalHits  how many papers matched (a lower bound when {@code totalIsLowerBound})
 */
public record SearchPage(List<SearchHit> hits, long totalHits, boolean totalIsLowerBound) {

    public SearchPage {
        hits = List.copyOf(hits);
    }
}
