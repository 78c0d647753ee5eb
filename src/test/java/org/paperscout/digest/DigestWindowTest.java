package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.recommend.TrendingConfig;
import org.paperscout.recommend.TrendingService;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.SearchConfig;
import org.paperscout.search.SearchService;
import org.paperscout.store.Database;
import org.paperscout.store.EngagementKind;
import org.paperscout.store.EngagementTotals;
import org.paperscout.store.EventStore;
import org.paperscout.store.SeenStore;
import org.paperscout.store.StoreConfig;
import org.paperscout.store.TestClock;

/**
 * A channel digest's header names its window, and its picks are exactly the papers of that window, ranked so that
 * fresh upstream signal can beat old papers (issue 17, item 6): a real index, a real database, the real trending
 * service and job, default weights.
 */
class DigestWindowTest {

    @TempDir
    Path dir;

    @Test
    void aDailyDigestPicksThePapersOfItsWindowAndItsHeaderSaysWhichWindow() throws Exception {
        TestClock clock = TestClock.at("2026-12-03T12:00:00Z");
        List<Paper> papers = new ArrayList<>();
        // Already well known: 30 upvotes gathered in November; three people here read it yesterday evening.
        papers.add(paper("2511.00001", "Known sparse attention", LocalDate.of(2026, 11, 23), 30));
        papers.add(paper("2512.00002", "Fresh diffusion sampler", LocalDate.of(2026, 12, 4), 60));
        papers.add(paper("2512.00003", "Fresh tokenizer study", LocalDate.of(2026, 12, 4), 45));
        papers.add(paper("2512.00004", "Brand new benchmark", LocalDate.of(2026, 12, 5), 0));
        // Before the window: published the day before, and read the day before.
        papers.add(paper("2512.00005", "Thursday paper", LocalDate.of(2026, 12, 3), 100));
        papers.add(paper("2511.00006", "Read on Thursday", LocalDate.of(2026, 11, 20), 0));
        // Old and popular upstream: enough of them to crowd everything else out of a most-upvoted fill-in.
        for (int i = 0; i < 25; i++) {
            papers.add(paper(String.format("2606.%05d", i + 10), "Old favourite " + i, LocalDate.of(2026, 6, 1),
                    200 + i));
        }
        try (PaperIndex index = PaperIndex.open(dir.resolve("index"));
             Database db = Database.open(dir.resolve("data"), StoreConfig.defaults(), clock)) {
            index.upsert(papers);
            SearchService search = new SearchService(index, SearchConfig.defaults());
            EventStore events = new EventStore(db, clock);
            TrendingService trending = new TrendingService(search, new EngagementTotals(db),
                    TrendingConfig.defaults(), clock);
            DigestStore store = new DigestStore(db, clock);
            FakePublisher publisher = new FakePublisher();
            try (DigestJob job = new DigestJob(store, new TrendingDigestContent(trending, null, search, clock),
                    new SeenStore(db, clock), publisher, DigestConfig.defaults(), clock, Pacer.NONE)) {
                DigestTarget t = new DigestTarget(DigestTarget.Kind.CHANNEL, "300", "g1", LocalTime.of(5, 14),
                        ZoneOffset.UTC, DigestDays.EVERY_DAY, null, 5, false, clock.instant(), null, "admin1", false);
                store.saveChannel(t);
                events.record("u9", "2511.00006", EngagementKind.CLICK);

                clock.advance(Duration.ofMinutes(17 * 60 + 14)); // Fri 4 Dec, 05:14: the previous digest
                job.runOnce();
                clock.advance(Duration.ofHours(12));
                for (String user : List.of("u1", "u2", "u3")) {
                    events.record(user, "2511.00001", EngagementKind.CLICK);
                }
                clock.advance(Duration.ofHours(12)); // Sat 5 Dec, 05:14: this one
                job.runOnce();

                List<FakePublisher.Message> sent = publisher.messagesFor(t.key());
                assertThat(sent).extracting(FakePublisher.Message::date)
                        .containsExactly(LocalDate.of(2026, 12, 4), LocalDate.of(2026, 12, 5));
                Reply digest = sent.get(1).reply();
                // 60 upvotes from yesterday (4.11 + newness 1) beat 45 (3.83 + 1), which beat three reads of an old
                // paper (3 x 2^-(12h/2d) = 2.52; its November upvotes are not news), then today's paper (newness 2).
                assertThat(digest.cards()).extracting(c -> c.paper().id())
                        .containsExactly("2512.00002", "2512.00003", "2511.00001", "2512.00004");
                assertThat(digest.cards()).extracting(PaperCard::reasons).containsExactly(
                        List.of("60 upvotes upstream · new yesterday"),
                        List.of("45 upvotes upstream · new yesterday"),
                        List.of("3 people read it"),
                        List.of("new today"));
                assertThat(digest.text()).isEqualTo("Top papers since "
                        + Text.timestamp(Instant.parse("2026-12-04T05:14:00Z"))
                        + ": published from Fri 4 Dec on, or read here since.");
            }
        }
    }

    private static Paper paper(String id, String title, LocalDate published, int upvotes) {
        return new Paper(id, title, title + " in a short abstract about " + title.toLowerCase() + ".",
                List.of("A. Author"), List.of("cs.LG"), published, PaperLinks.forArxivId(id), upvotes, "test");
    }
}
