package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ScoreFusionTest {

    private static List<String> ids(List<ScoredId> fused) {
        return fused.stream().map(ScoredId::id).toList();
    }

    @Test
    void bm25IsScaledByTheQuerysBestAndCosineAddsItsShare() {
        List<ScoredId> fused = new ScoreFusion(0.3f).fuse(
                List.of(new ScoredId("a", 12f), new ScoredId("b", 6f)),
                List.of(new ScoredId("b", 0.8f), new ScoredId("c", 0.5f)));
        assertThat(ids(fused)).containsExactly("b", "c", "a");
        assertThat(fused.get(0).score()).isCloseTo(0.3f * 0.5f + 0.7f * 0.8f, Offset.offset(1e-6f));
        assertThat(fused.get(1).score()).isCloseTo(0.7f * 0.5f, Offset.offset(1e-6f));
        assertThat(fused.get(2).score()).isCloseTo(0.3f, Offset.offset(1e-6f));
    }

    @Test
    void theScaleOfBm25DoesNotMatterOnlyHowFarBehindTheBestAPaperIs() {
        ScoreFusion fusion = new ScoreFusion(0.5f);
        List<ScoredId> vector = List.of(new ScoredId("y", 0.4f));
        List<ScoredId> small = fusion.fuse(List.of(new ScoredId("x", 2f), new ScoredId("y", 1f)), vector);
        List<ScoredId> large = fusion.fuse(List.of(new ScoredId("x", 200f), new ScoredId("y", 100f)), vector);
        assertThat(small).isEqualTo(large);
        assertThat(ids(small)).containsExactly("x", "y"); // 0.5 against 0.25 + 0.2
    }

    @Test
    void negativeCosinesAddNothingAndTiesGoByIdSoTheOrderIsStable() {
        List<ScoredId> fused = new ScoreFusion(0.3f).fuse(List.of(),
                List.of(new ScoredId("m", -0.4f), new ScoredId("k", 0.2f), new ScoredId("j", 0.2f)));
        assertThat(ids(fused)).containsExactly("j", "k", "m");
        assertThat(fused.get(2).score()).isZero();
    }

    @Test
    void theSharesAreTheOnlyKnobAndStayBetweenZeroAndOne() {
        assertThat(ids(new ScoreFusion(1f).fuse(List.of(new ScoredId("lex", 3f)), List.of(new ScoredId("vec", 0.9f)))))
                .containsExactly("lex", "vec");
        assertThat(ids(new ScoreFusion(0f).fuse(List.of(new ScoredId("lex", 3f)), List.of(new ScoredId("vec", 0.9f)))))
                .containsExactly("vec", "lex");
        assertThatThrownBy(() -> new ScoreFusion(1.5f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScoreFusion(Float.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
