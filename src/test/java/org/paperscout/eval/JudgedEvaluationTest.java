package org.paperscout.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole judged run on the tiny SMART fixture, where every figure can be worked out by hand. */
class JudgedEvaluationTest {

    @Test
    void bothSystemsAreScoredOnTheSameQueriesAndTitleOnlyDocumentsAreCounted(@TempDir Path work) throws Exception {
        JudgedCollection c = JudgedCollections.read(CollectionReadersTest.FIXTURES.resolve("smart"));

        JudgedReport report = new JudgedEvaluation(Clock.systemUTC()).run(c, work);

        // Query 1 finds document 1 first and never document 2 (relevant, title only, no shared word):
        // 1 / (1 + 1/log2(3)) = 0.61315; query 2 finds its one relevant document first: 1.
        double expected = (1 / (1 + 1 / (Math.log(3) / Math.log(2))) + 1) / 2;
        assertThat(report.all().queries()).isEqualTo(2);
        assertThat(report.all().refused()).isZero();
        assertThat(report.all().paperScout().ndcg10()).isCloseTo(expected, within(1e-6));
        assertThat(report.all().fts5().ndcg10()).isCloseTo(expected, within(1e-6));
        assertThat(report.all().paperScout().mrr10()).isEqualTo(1.0);
        assertThat(report.withoutText()).isEqualTo(1);
        assertThat(report.recommend().users()).isZero();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("3 documents (1 without an abstract",
                "nDCG@10", "FTS5 BM25", "no judged query has at least 8 relevant documents");
    }
}
