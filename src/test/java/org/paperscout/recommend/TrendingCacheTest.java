package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperscout.recommend.Fixture.paper;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.SearchConfig;
import org.paperscout.search.SearchService;
import org.paperscout.store.Database;
import org.paperscout.store.EngagementTotals;
import org.paperscout.store.StoreTestSupport;
import org.paperscout.store.TestClock;

/**
 * The trending cache and new papers: a ranking is reused for its TTL, but a paper that arrives (ingested here, or
 * applied from the shared feed by another process's poll) must count at once, so the cache can be dropped.
 */
class TrendingCacheTest {

    @TempDir
    Path dir;

    @Test
    void aCachedRankingIsReusedUntilInvalidatedThenTheNewPaperCounts() throws Exception {
        TestClock clock = TestClock.at("2026-03-10T12:00:00Z");
        LocalDate today = LocalDate.of(2026, 3, 10);
        try (Database db = StoreTestSupport.open(dir, clock); PaperIndex index = PaperIndex.open(dir.resolve("index"))) {
            index.upsert(List.of(paper("2603.00001", "Yesterday's paper on agents", "Agents.", today.minusDays(1), 0)));
            TrendingService trending = new TrendingService(new SearchService(index, SearchConfig.defaults()),
                    new EngagementTotals(db), TrendingConfig.defaults(), clock);
            assertThat(ids(trending.ranking(TrendingWindow.WEEK))).containsExactly("2603.00001");

            index.upsert(List.of(paper("2603.00002", "Today's paper on agents", "Agents.", today, 0)));
            assertThat(ids(trending.ranking(TrendingWindow.WEEK))).as("still the cached ranking")
                    .containsExactly("2603.00001");

            trending.invalidate();
            assertThat(ids(trending.ranking(TrendingWindow.WEEK))).containsExactly("2603.00002", "2603.00001");
        }
    }

    private static List<String> ids(TrendingService.Ranking r) {
        return r.papers().stream().map(TrendingPaper::paperId).toList();
    }
}
