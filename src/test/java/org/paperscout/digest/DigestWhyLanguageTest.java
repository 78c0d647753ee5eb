package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.Reply;
import org.paperscout.follows.FollowKind;
import org.paperscout.follows.FollowStore;
import org.paperscout.i18n.Messages;
import org.paperscout.library.LibraryStore;
import org.paperscout.recommend.RecommendConfig;
import org.paperscout.recommend.Recommender;
import org.paperscout.recommend.TrendingConfig;
import org.paperscout.recommend.TrendingService;
import org.paperscout.recommend.TuneStore;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.RecentWindow;
import org.paperscout.search.SearchConfig;
import org.paperscout.search.SearchService;
import org.paperscout.store.Database;
import org.paperscout.store.EngagementKind;
import org.paperscout.store.EngagementTotals;
import org.paperscout.store.EventStore;
import org.paperscout.store.FeedbackStore;
import org.paperscout.store.SeenStore;
import org.paperscout.store.StoreConfig;
import org.paperscout.store.TestClock;

/**
 * The why-lines of digest cards are in the digest's language, over a real index, database, trending service and
 * recommender: a channel's in its server's language, a DM in the language /notify daily stored.
 */
class DigestWhyLanguageTest {

    @TempDir
    Path dir;

    private final TestClock clock = TestClock.at("2026-12-05T05:14:00Z");

    @Test
    void aFrenchChannelDigestSaysWhyInFrenchAndAnEnglishOneOfTheSamePageInEnglish() throws Exception {
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

            DigestTarget t = DigestLanguageTest.channel(null);
            Reply french = DigestComposer.channel(Locale.FRENCH, t, DigestLanguageTest.DAY, clock.instant(), since,
                    content.trending(since, clock.instant(), null, 0, 5), false);
            Reply english = DigestComposer.channel(Locale.ENGLISH, t, DigestLanguageTest.DAY, clock.instant(), since,
                    content.trending(since, clock.instant(), null, 0, 5), false);

            String read = Messages.of(Locale.FRENCH).get("trending.part-read", "count", 3);
            assertThat(read).isNotEqualTo("3 people read it");
            assertThat(french.cards()).singleElement().extracting(PaperCard::reasons).asList().containsExactly(read);
            assertThat(english.cards()).singleElement().extracting(PaperCard::reasons).asList()
                    .containsExactly("3 people read it");
        }
    }

    @Test
    void aGermanDmDigestSaysWhyInGermanAndItsNoteForSomeoneFollowingNothingToo() throws Exception {
        try (PaperIndex index = PaperIndex.open(dir.resolve("index"));
             Database db = Database.open(dir.resolve("data"), StoreConfig.defaults(), clock)) {
            index.upsert(List.of(paper("2512.00001", "Sparse attention for long documents", LocalDate.of(2026, 12, 4)),
                    paper("2512.00002", "Graph coloring heuristics", LocalDate.of(2026, 12, 3))));
            SearchService search = new SearchService(index, SearchConfig.defaults());
            FollowStore follows = new FollowStore(db, clock);
            TrendingService trending = new TrendingService(search, new EngagementTotals(db),
                    TrendingConfig.defaults(), clock);
            RecommendConfig config = RecommendConfig.defaults();
            try (RecentWindow window = new RecentWindow(search, config.maxWindowPapers())) {
                Recommender recommender = new Recommender(search, window, follows, new FeedbackStore(db, clock),
                        new LibraryStore(db, clock), new SeenStore(db, clock), new TuneStore(db, clock), trending,
                        config, clock);
                TrendingDigestContent content = new TrendingDigestContent(trending, recommender, search, clock);
                follows.add("ada", FollowKind.CATEGORY, "cs.LG");

                Reply german = DigestComposer.personal(Locale.GERMAN, DigestLanguageTest.DAY, clock.instant(),
                        content.recommended("ada", Set.of(), clock.instant(), DigestComposer.DM_SIZE), false, -1);
                String why = Messages.of(Locale.GERMAN).get("reason.category", "code", "cs.LG");
                assertThat(why).isNotEqualTo(Messages.of(Locale.ENGLISH).get("reason.category", "code", "cs.LG"));
                assertThat(german.cards()).isNotEmpty().allSatisfy(c -> assertThat(c.reasons()).contains(why));

                Reply newcomer = DigestComposer.personal(Locale.GERMAN, DigestLanguageTest.DAY, clock.instant(),
                        content.recommended("bob", Set.of(), clock.instant(), DigestComposer.DM_SIZE), false, -1);
                assertThat(newcomer.text()).isEqualTo(Messages.of(Locale.GERMAN).get("digest.trending-instead"));
                assertThat(newcomer.cards()).isNotEmpty().allSatisfy(c -> assertThat(c.reasons())
                        .allSatisfy(r -> assertThat(r).doesNotContain("index now", "nobody", "people")));
            }
        }
    }

    private static Paper paper(String id, String title, LocalDate published) {
        return new Paper(id, title, title + " in a short abstract about " + title.toLowerCase() + ".",
                List.of("A. Author"), List.of("cs.LG"), published, PaperLinks.forArxivId(id), 0, "test");
    }
}
