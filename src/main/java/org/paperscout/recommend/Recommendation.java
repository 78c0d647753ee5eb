package org.paperscout.recommend;

import java.util.List;
import org.paperscout.catalog.Paper;

/** One recommended paper, its final score and why it is here, with the evidence (never empty). */
public record Recommendation(Paper paper, double score, List<Reason> why) {

    public Recommendation {
        why = List.copyOf(why);
        if (why.isEmpty()) {
            throw new IllegalArgumentException("a recommendation without a reason");
        }
    }

    /** The reasons in words, as a card shows them. */
    public List<String> reasons() {
        return why.stream().map(Reason::text).toList();
    }

    /** The same in the language of {@code m}. */
    public List<String> reasons(org.paperscout.i18n.Messages m) {
        return why.stream().map(r -> r.text(m)).toList();
    }
}
