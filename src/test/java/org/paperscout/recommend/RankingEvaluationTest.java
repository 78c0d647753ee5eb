package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.SearchConfig;
import org.paperscout.search.SearchService;
import org.paperscout.search.SeedIndex;
import org.paperscout.store.TestClock;

class RankingEvaluationTest {

    @Test
    void theSeedsMeetTheQualityTargets(@TempDir Path dir) throws Exception {
        try (PaperIndex index = SeedIndex.open(dir.resolve("index"))) {
            SearchService search = new SearchService(index, SearchConfig.defaults());
            RankingEvaluation.Report report = new RankingEvaluation(search, RecommendConfig.defaults(),
                    TrendingConfig.defaults(), TestClock.at("2026-03-10T12:00:00Z")).run(dir.resolve("eval"));
            assertThat(report.queries()).isEqualTo(62);
            assertThat(report.mrr10()).isGreaterThanOrEqualTo(0.95);
            assertThat(report.users()).isGreaterThanOrEqualTo(5);
            assertThat(report.precision5()).isGreaterThanOrEqualTo(0.6);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RankingEvaluation.print(report, new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("MRR@10", "recall@1", "precision@5");
        }
    }

    @Test
    void aPaperSharesAThemeWhenItHasBothWordsOneInTheTitleOrBothOftenInTheAbstract() {
        RankingEvaluation.Theme theme = new RankingEvaluation.Theme("diffusion models", List.of("diffus", "model"),
                "x", Set.of());
        assertThat(RankingEvaluation.shares(theme, Map.of("diffus", 1), Map.of("model", 1))).isTrue();
        assertThat(RankingEvaluation.shares(theme, Map.of(), Map.of("diffus", 2, "model", 1))).isTrue();
        assertThat(RankingEvaluation.shares(theme, Map.of(), Map.of("diffus", 1, "model", 1))).isFalse();
        assertThat(RankingEvaluation.shares(theme, Map.of("diffus", 3), Map.of())).isFalse();
    }
}
