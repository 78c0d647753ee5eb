package org.paperscout.recommend;

import java.util.List;
import org.paperscout.catalog.Paper;

/** One recommended paper, its final score and why it is here, in words (never empty). */
public record Recommendation(Paper paper, double score, List<String> reasons) {

    public Recommendation {
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a recommendation without a reason");
        }
    }
}
