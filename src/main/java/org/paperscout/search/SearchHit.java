package org.paperscout.search;

import org.paperscout.catalog.Paper;
import org.paperscout.commands.Snippet;

/** One search result with its highlighted abstract passage. */
public record SearchHit(Paper paper, float score, Snippet snippet) {
}
