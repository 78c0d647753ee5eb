package org.paperscout.catalog;

import java.util.OptionalInt;

/**
 * One arXiv API response: the papers read from it, plus the OpenSearch paging numbers the live ingestion needs
 * to know whether to ask for the next page. Each number is empty when the feed does not carry it (a saved file
 * may not) or it is not a whole number.
 */
public record AtomPage(ReadResult result, OptionalInt totalResults, OptionalInt startIndex,
                       OptionalInt itemsPerPage) {
}
