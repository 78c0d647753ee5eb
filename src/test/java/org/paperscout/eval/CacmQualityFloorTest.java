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

/**
 * Keeps ranking from quietly getting worse: /search on CACM (../shared/judged/cacm, or -Djudged.dir) must stay
 * at or above the nDCG@10 this project reached, minus a small margin. Skipped only when the collection is
 * absent outside CI; in CI (CI=true) an absent collection fails.
 */
class CacmQualityFloorTest {

    /** nDCG@10 over all 52 judged CACM queries as the ranking work left it (0.465), minus 0.01. */
    static final double FLOOR = 0.455;

    @Test
    void searchOnCacmStaysAboveTheFloor(@TempDir Path work) throws Exception {
        Path dir = Path.of(System.getProperty("judged.dir", "../shared/judged/cacm"));
        boolean present = Files.isDirectory(dir);
        if (!present) {
            assertThat("true".equalsIgnoreCase(System.getenv("CI")))
                    .as("the CACM collection is missing at %s (set -Djudged.dir); CI must measure it",
                            dir.toAbsolutePath())
                    .isFalse();
            Assumptions.abort("CACM not found at " + dir.toAbsolutePath() + "; quality floor not checked");
        }
        JudgedCollection cacm = JudgedCollections.read(dir);

        JudgedReport report = new JudgedEvaluation(Clock.systemUTC()).run(cacm, work, false);

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        report.print(new PrintStream(text, true, StandardCharsets.UTF_8));
        System.out.println(text.toString(StandardCharsets.UTF_8));
        assertThat(report.all().queries()).isEqualTo(52);
        assertThat(report.all().paperScout().ndcg10()).as("nDCG@10 over all judged CACM queries")
                .isGreaterThanOrEqualTo(FLOOR);
    }
}
