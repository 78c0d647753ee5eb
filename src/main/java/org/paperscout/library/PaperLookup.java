package org.paperscout.library;

import java.util.Optional;
import org.paperscout.catalog.Paper;

/**
 * Finds a paper by id, arXiv link, or exact title. The composition root passes the search service's lookup
 * ({@code searchService::paper}).
 */
@FunctionalInterface
public interface PaperLookup {

    Optional<Paper> find(String idOrTitle);
}
