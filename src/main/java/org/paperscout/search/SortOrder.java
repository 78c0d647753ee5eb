package org.paperscout.search;

/** How search results are ordered. */
public enum SortOrder {
    RELEVANCE, NEWEST
}
