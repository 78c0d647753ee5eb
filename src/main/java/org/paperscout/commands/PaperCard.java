package org.paperscout.commands;

import java.util.List;
import org.paperscout.catalog.Paper;
import org.paperscout.search.Snippet;

/**
 * One paper in a reply.
 *
 * @param rank     1-based position in the list shown, or 0 when unnumbered
 * @param snippet  the highlighted passage for search results, or empty
 * @param expanded show the whole abstract rather than the snippet or first sentence
 * @param reasons  why this paper is here, in words ("matches your topic 'x'"); may be empty
 * @param actions  buttons for this paper (save, similar, expand, votes)
 */
public record PaperCard(Paper paper, int rank, Snippet snippet, boolean expanded, List<String> reasons,
                        List<Action> actions) {

    public PaperCard {
        snippet = snippet == null ? Snippet.EMPTY : snippet;
        reasons = List.copyOf(reasons);
        actions = List.copyOf(actions);
    }

    public static PaperCard of(Paper paper) {
        return new PaperCard(paper, 0, Snippet.EMPTY, false, List.of(), List.of());
    }
}
