package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;
import org.paperscout.recommend.TrendingConfig;
import org.paperscout.recommend.TrendingService;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.SearchConfig;
import org.paperscout.search.SearchService;
import org.paperscout.store.Database;
import org.paperscout.store.EngagementKind;
import org.paperscout.store.EngagementTotals;
import org.paperscout.store.EventStore;
import org.paperscout.store.StoreConfig;
import org.paperscout.store.TestClock;

/**
 * Channels due together share their pages' cards (papers and reasons), but a new ranking of the same window, with
 * other counts, never shows the reasons of the old one: a real index, database and trending service.
 */
class DigestSharedPagesTest {

    @TempDir
    Path dir;

    @Test
    void aPageSharedByChannelsIsReadAgainWhenTheRankingChangesItsCounts() throws Exception {
        TestClock clock = TestClock.at("2026-12-05T05:14:00Z");
        Instant since = clock.instant().minus(Duration.ofDays(1));
        try (PaperIndex index = PaperIndex.open(dir.resolve("index"));
             Database db = Database.open(dir.resolve("data"), StoreConfig.defaults(), clock)) {
            index.upsert(List.of(paper("2511.00001", "Known sparse attention", LocalDate.of(2026, 11, 23))));
            SearchService search = new SearchService(index, SearchConfig.defaults());
            EventStore events = new EventStore(db, clock);
            TrendingService trending = new TrendingService(search, new EngagementTotals(db),
                    TrendingConfig.defaults(), clock);
            TrendingDigestContent content = new TrendingDigestContent(trending, null, search, clock);
            for (String user : List.of("u1", "u2", "u3")) {
                events.record(user, "2511.00001", EngagementKind.CLICK);
            }
            clock.advance(Duration.ofMinutes(1));

            DigestContent.Ranked first = content.trending(since, clock.instant(), null, 0, 5);
            DigestContent.Ranked sameTopic = content.trending(since, clock.instant(), "sparse attention", 0, 5);
            assertThat(first.picks()).extracting(p -> p.paper().id()).containsExactly("2511.00001");
            assertThat(first.picks().get(0).reasons()).containsExactly("3 people read it");
            assertThat(sameTopic.picks()).isEqualTo(first.picks());

            events.record("u4", "2511.00001", EngagementKind.CLICK);
            trending.invalidate(); // as an ingest or the cache's expiry would: the next ranking counts u4
            DigestContent.Ranked later = content.trending(since, clock.instant(), null, 0, 5);
            assertThat(later.picks().get(0).reasons()).containsExactly("4 people read it");
        }
    }

    private static Paper paper(String id, String title, LocalDate published) {
        return new Paper(id, title, title + " in a short abstract about " + title.toLowerCase() + ".",
                List.of("A. Author"), List.of("cs.LG"), published, PaperLinks.forArxivId(id), 0, "test");
    }
}
