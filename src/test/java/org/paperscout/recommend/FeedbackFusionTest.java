package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paperscout.search.ScoredId;

/**
 * How the feedback profile's two lists (words, meaning) are fused. On Cranfield, relevant papers the profile's
 * words ranked first or second were lost to papers both lists held halfway down; these cases keep that from
 * coming back while still letting agreement count.
 */
class FeedbackFusionTest {

    /** {@code n} ids with the given prefix, and {@code inserted} at 1-based rank {@code at}. */
    private static List<String> list(String prefix, int n, String inserted, int at) {
        List<String> out = new ArrayList<>();
        for (int i = 0; out.size() < n; i++) {
            if (out.size() == at - 1) {
                out.add(inserted);
            }
            if (out.size() < n) {
                out.add(prefix + i);
            }
        }
        return out;
    }

    private static int rank(List<ScoredId> fused, String id) {
        return fused.stream().map(ScoredId::id).toList().indexOf(id);
    }

    @Test
    void theWordsBestMatchBeatsAPaperBothListsHoldHalfwayDown() {
        List<String> words = list("w", Recommender.PER_SOURCE, "middle", 25);
        words.set(0, "best-by-words");
        List<String> meaning = list("m", Recommender.PER_SOURCE, "middle", 25);

        List<ScoredId> fused = FeedbackSource.BY_WORDS_AND_MEANING.fuse(words, meaning);

        assertThat(rank(fused, "best-by-words")).isLessThan(rank(fused, "middle"));
    }

    @Test
    void aPaperNearTheTopOfBothListsStillBeatsEitherListsLeaderAlone() {
        List<String> words = list("w", Recommender.PER_SOURCE, "agreed", 3);
        List<String> meaning = list("m", Recommender.PER_SOURCE, "agreed", 3);

        List<ScoredId> fused = FeedbackSource.BY_WORDS_AND_MEANING.fuse(words, meaning);

        assertThat(fused.get(0).id()).isEqualTo("agreed");
    }
}
