package org.paperscout.search;

import java.time.LocalDate;

/**
 * A search as a user asked for it.
 *
 * @param since only papers published on or after this day, or null
 * @param offset how many results to skip (paging)
 */
public record SearchRequest(String query, LocalDate since, SortOrder sort, int offset, int limit) {

    public SearchRequest {
        sort = sort == null ? SortOrder.RELEVANCE : sort;
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset " + offset + ", limit " + limit);
        }
    }

    public static SearchRequest of(String query, int limit) {
        return new SearchRequest(query, null, SortOrder.RELEVANCE, 0, limit);
    }
}
