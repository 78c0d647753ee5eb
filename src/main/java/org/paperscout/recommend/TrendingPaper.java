package org.paperscout.recommend;

import java.time.LocalDate;

/**
 * One paper's trending score and its parts.
 *
 * @param engagement the decayed, weighted engagement in this server
 * @param upstream   the upstream part, from {@code upvotes}
 * @param recency    the newness prior
 * @param published  publication day, or null when unknown
 */
public record TrendingPaper(String paperId, double score, double engagement, double upstream, double recency,
                            int votes, int saves, int clicks, int expands, int upvotes, LocalDate published) {

    public int people() {
        return votes + saves + clicks + expands;
    }
}
