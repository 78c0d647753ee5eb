package org.paperscout.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Figures worked out by hand: grades a=3, b=2, c=1, d judged not relevant; the ranking x, b, a, d. */
class MetricsTest {

    static final Map<String, Integer> GRADES = Map.of("a", 3, "b", 2, "c", 1, "d", 0);
    static final List<String> RANKED = List.of("x", "b", "a", "d");

    @Test
    void ndcgUsesGradedGainsALog2DiscountAndTheIdealFromAllJudgements() {
        // DCG = 2/log2(3) + 3/log2(4) = 2.76186; ideal = 3 + 2/log2(3) + 1/log2(4) = 4.76186 (c counts though unseen)
        assertThat(Metrics.ndcg(RANKED, GRADES, 10)).isCloseTo(0.579996, within(1e-6));
        // at 2: DCG = 2/log2(3) = 1.26186; ideal = 3 + 1.26186
        assertThat(Metrics.ndcg(RANKED, GRADES, 2)).isCloseTo(0.296082, within(1e-6));
    }

    @Test
    void ndcgIsOneForTheIdealOrderAndZeroWithoutRelevantDocuments() {
        assertThat(Metrics.ndcg(List.of("a", "b", "c"), GRADES, 10)).isCloseTo(1.0, within(1e-12));
        assertThat(Metrics.ndcg(List.of(), GRADES, 10)).isZero();
        assertThat(Metrics.ndcg(List.of("a"), Map.of("a", 0), 10)).isZero();
    }

    @Test
    void recallCountsRelevantFoundOverAllRelevant() {
        assertThat(Metrics.recall(RANKED, GRADES, 2)).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(Metrics.recall(RANKED, GRADES, 10)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(Metrics.recall(List.of("b", "b"), GRADES, 10)).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void reciprocalRankIsOneOverTheFirstRelevantRankWithinK() {
        assertThat(Metrics.reciprocalRank(RANKED, GRADES, 10)).isEqualTo(0.5);
        assertThat(Metrics.reciprocalRank(RANKED, GRADES, 1)).isZero();
        assertThat(Metrics.reciprocalRank(List.of("d", "x", "c"), GRADES, 10)).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void precisionDividesByKEvenForAShortList() {
        assertThat(Metrics.precision(RANKED, GRADES, 5)).isEqualTo(0.4);
        assertThat(Metrics.precision(List.of("c"), GRADES, 5)).isEqualTo(0.2);
    }
}
