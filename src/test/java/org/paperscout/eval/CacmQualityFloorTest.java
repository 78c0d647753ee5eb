package org.paperscout.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.search.OnnxEmbedder;

/**
 * Keeps ranking from quietly getting worse: /search on CACM (../shared/judged/cacm, or -Djudged.dir) must stay
 * at or above the nDCG@10 this project reached, minus a small margin. Skipped only when the collection is
 * absent outside CI; in CI (CI=true) an absent collection fails.
 */
class CacmQualityFloorTest {

    /**
     * nDCG@10 of BM25-only /search over all 52 judged CACM queries: 0.481, minus 0.01 (0.454 before a long
     * question's key terms were weighted by tf-idf). It was 0.467 with the title weighted 2; weight 1 costs CACM
     * (half its documents are titles alone) 0.013 and gains CISI 0.014, and the hybrid gains on both (README,
     * "Judged collections").
     */
    static final double FLOOR = 0.471;
    /**
     * nDCG@10 of hybrid /search (BM25 and MiniLM cosine, weighted sum, the query moved towards its first three
     * papers) over all 52 queries: reached 0.578-0.579, minus 0.01 (0.561-0.564 before a long question's key terms
     * were weighted by tf-idf; 0.545 before the query moved; reciprocal rank fusion reached 0.550 here; the weighted
     * sum was kept for the five collections together, README).
     */
    static final double HYBRID_FLOOR = 0.568;
    /**
     * /recommend precision@5 after three likes (37 users), words and meaning fused: reached 0.362, minus 0.01
     * (0.341 by words alone; 0.368 since MMR lambda 0.85); Rocchio gets 0.281.
     */
    static final double RECOMMEND_FLOOR = 0.352;

    @Test
    void searchOnCacmStaysAboveTheFloor(@TempDir Path work) throws Exception {
        JudgedCollection cacm = cacmOrSkip();

        JudgedReport report = new JudgedEvaluation(Clock.systemUTC()).run(cacm, work, false);

        print(report);
        assertThat(report.all().queries()).isEqualTo(52);
        assertThat(report.all().paperScout().ndcg10()).as("nDCG@10 over all judged CACM queries")
                .isGreaterThanOrEqualTo(FLOOR);
    }

    @Test
    void hybridSearchAndFeedbackRecommendationsOnCacmStayAboveTheirFloors(@TempDir Path work) throws Exception {
        JudgedCollection cacm = cacmOrSkip();

        JudgedReport report;
        try (OnnxEmbedder model = OnnxEmbedder.load(OnnxEmbedder.Model.MINILM, OnnxEmbedder.Window.FIRST)) {
            report = new JudgedEvaluation(Clock.systemUTC(), model).run(cacm, work, true);
        }

        print(report);
        assertThat(report.all().paperScout().ndcg10()).as("hybrid nDCG@10 over all judged CACM queries")
                .isGreaterThanOrEqualTo(HYBRID_FLOOR);
        assertThat(report.recommend().paperScout()).as("/recommend precision@5 after three likes")
                .isGreaterThanOrEqualTo(RECOMMEND_FLOOR);
    }

    private static void print(JudgedReport report) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        report.print(new PrintStream(text, true, StandardCharsets.UTF_8));
        System.out.println(text.toString(StandardCharsets.UTF_8));
    }

    private static JudgedCollection cacmOrSkip() throws java.io.IOException {
        Path dir = Path.of(System.getProperty("judged.dir", "../shared/judged/cacm"));
        boolean present = Files.isDirectory(dir);
        if (!present) {
            assertThat("true".equalsIgnoreCase(System.getenv("CI")))
                    .as("the CACM collection is missing at %s (set -Djudged.dir); CI must measure it",
                            dir.toAbsolutePath())
                    .isFalse();
            Assumptions.abort("CACM not found at " + dir.toAbsolutePath() + "; quality floor not checked");
        }
        return JudgedCollections.read(dir);
    }
}
