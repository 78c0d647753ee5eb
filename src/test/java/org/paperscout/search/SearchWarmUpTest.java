package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.ops.Telemetry;

/** The start-up warm-up search runs for nobody: no cached page, no metric, no failure on an empty or closed index. */
class SearchWarmUpTest {

    @TempDir
    Path dir;

    @Test
    void leavesNoCachedPageAndNoMetric() throws Exception {
        try (PaperIndex index = SeedIndex.open(dir.resolve("index"))) {
            SearchService search = new SearchService(index, SearchConfig.defaults());
            Telemetry metrics = Telemetry.prometheus();
            search.observe(metrics);

            search.warmUp();

            assertThat(metrics.scrape()).doesNotContain("paperscout_search_cache_total");
            search.search(SearchRequest.of("learning model data", 5));
            assertThat(metrics.scrape()).contains("paperscout_search_cache_total{result=\"miss\"} 1.0")
                    .doesNotContain("result=\"hit\"");
        }
    }

    @Test
    void anEmptyOrClosedIndexIsNoError() throws Exception {
        PaperIndex index = PaperIndex.open(dir.resolve("empty"));
        SearchService search = new SearchService(index, SearchConfig.defaults());
        search.warmUp();
        index.close();
        search.warmUp();
    }
}
