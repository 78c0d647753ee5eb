package org.paperscout.search;

import java.util.List;

/**
 * The papers on a topic published in a span of days, and who wrote most of them.
 *
 * @param papers      every matching paper of the span (date and upvotes), at most the cap asked for
 * @param authors     the most frequent authors of those papers, most papers first, ties by name
 * @param truncated   more papers matched than the cap; counts are then a lower bound
 */
public record TopicActivity(List<PaperStats> papers, List<AuthorCount> authors, boolean truncated) {

    /** An author and how many of the span's papers name them. */
    public record AuthorCount(String name, int papers) {
    }

    public TopicActivity {
        papers = List.copyOf(papers);
        authors = List.copyOf(authors);
    }
}
