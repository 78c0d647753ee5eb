package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HybridRankerTest {

    private static List<String> ids(List<ScoredId> fused) {
        return fused.stream().map(ScoredId::id).toList();
    }

    @Test
    void aPaperNearTheTopOfBothListsBeatsOneThatTopsOnlyOne() {
        HybridRanker ranker = new HybridRanker(60, 1f, 1f);
        List<ScoredId> fused = ranker.fuse(List.of("a", "b", "c"), List.of("b", "d", "a"));
        assertThat(ids(fused)).containsExactly("b", "a", "d", "c");
        // b: 1/62 + 1/61; a: 1/61 + 1/63
        assertThat(fused.get(0).score()).isCloseTo(1f / 62 + 1f / 61, org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void weightsDecideBetweenTheTwoListsLeaders() {
        List<String> lexical = List.of("lex");
        List<String> vector = List.of("vec");
        assertThat(ids(new HybridRanker(60, 1f, 0.5f).fuse(lexical, vector))).containsExactly("lex", "vec");
        assertThat(ids(new HybridRanker(60, 0.5f, 1f).fuse(lexical, vector))).containsExactly("vec", "lex");
    }

    @Test
    void equalScoresAreOrderedById() {
        List<ScoredId> fused = new HybridRanker(60, 1f, 1f).fuse(List.of("z", "m"), List.of("m2", "a"));
        // z and m2 tie at rank 1, m and a at rank 2
        assertThat(ids(fused)).containsExactly("m2", "z", "a", "m");
    }

    @Test
    void aRepeatedIdCountsOnceAtItsBestRank() {
        List<ScoredId> fused = new HybridRanker(10, 1f, 1f).fuse(List.of("a", "a", "b"), List.of());
        assertThat(ids(fused)).containsExactly("a", "b");
        assertThat(fused.get(0).score()).isEqualTo(1f / 11);
        assertThat(fused.get(1).score()).isEqualTo(1f / 13);
    }

    @Test
    void anEmptySideLeavesTheOtherOrderUnchanged() {
        assertThat(ids(new HybridRanker(60, 1f, 1f).fuse(List.of(), List.of("c", "a", "b")))).containsExactly("c", "a", "b");
        assertThat(new HybridRanker(60, 1f, 1f).fuse(List.of(), List.of())).isEmpty();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new HybridRanker(0, 1f, 1f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HybridRanker(60, -1f, 1f)).isInstanceOf(IllegalArgumentException.class);
    }
}
