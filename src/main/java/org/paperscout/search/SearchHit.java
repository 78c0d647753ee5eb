package org.paperscout.search;

import org.paperscout.catalog.Paper;

/** One search result with its highlighted abstract passage. */
public record SearchHit(Paper paper, float score, Snippet snippet) {
}
