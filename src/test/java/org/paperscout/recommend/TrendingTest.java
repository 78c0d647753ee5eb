package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperscout.recommend.Fixture.paper;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.Reply;
import org.paperscout.store.EngagementKind;
import org.paperscout.store.TestClock;
import org.paperscout.store.Verdict;

class TrendingTest {

    static final LocalDate OLD = LocalDate.of(2025, 1, 15);
    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @TempDir
    Path dir;

    private Fixture fixture(TestClock clock) throws Exception {
        return Fixture.papers(dir, clock, List.of(
                paper("2501.00001", "Alpha paper on sparse attention", "Sparse attention for long documents.", OLD, 0),
                paper("2501.00002", "Beta paper on diffusion sampling", "Faster diffusion samplers.", OLD, 0),
                paper("2501.00003", "Gamma paper on retrieval", "Dense retrieval with hard negatives.", OLD, 100),
                paper("2501.00004", "Delta paper on tokenizers", "Byte-level tokenizers revisited.", OLD, 0)));
    }

    private static List<String> order(TrendingService.Ranking r) {
        return r.papers().stream().map(TrendingPaper::paperId).toList();
    }

    @Test
    void eventsDecayWithTheHalfLifeSoTheOrderChangesAsDaysPass() throws Exception {
        TestClock clock = TestClock.at("2026-03-04T12:00:00Z");
        try (Fixture f = fixture(clock)) {
            for (String u : List.of("u1", "u2", "u3")) {
                f.feedback.set(u, "2501.00001", Verdict.UP); // 3 votes x 3 points
            }
            f.advance(Duration.ofDays(3));
            for (String u : List.of("u4", "u5")) {
                f.feedback.set(u, "2501.00002", Verdict.UP); // 2 votes x 3 points, fresh
            }
            // Now: alpha 9 * 2^-1.5 = 3.18, beta 6, gamma ln(101) = 4.62, delta 0.
            TrendingService.Ranking now = f.trending.ranking(TrendingWindow.WEEK);
            assertThat(order(now)).containsExactly("2501.00002", "2501.00003", "2501.00001", "2501.00004");
            assertThat(now.papers().get(0).score()).isCloseTo(6.0, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(now.papers().get(2).score()).isCloseTo(9 * Math.pow(2, -1.5),
                    org.assertj.core.data.Offset.offset(1e-6));

            f.advance(Duration.ofDays(3));
            // Three days on: beta 6 * 2^-1.5 = 2.12, alpha 9 * 2^-3 = 1.125; upstream votes do not decay.
            assertThat(order(f.trending.ranking(TrendingWindow.WEEK)))
                    .containsExactly("2501.00003", "2501.00002", "2501.00001", "2501.00004");
            // Only events inside the window count: in the last day there were none.
            TrendingService.Ranking day = f.trending.ranking(TrendingWindow.DAY);
            assertThat(day.hasEngagement()).isFalse();
            assertThat(order(day).get(0)).isEqualTo("2501.00003");
        }
    }

    @Test
    void aPersonCountsOncePerPaperAndKind() throws Exception {
        TestClock clock = TestClock.at("2026-03-10T12:00:00Z");
        try (Fixture f = fixture(clock)) {
            f.events.record("u1", "2501.00004", EngagementKind.CLICK);
            f.advance(Duration.ofMinutes(5));
            f.events.record("u1", "2501.00004", EngagementKind.CLICK);
            f.events.record("u1", "2501.00004", EngagementKind.CLICK);
            TrendingPaper delta = f.trending.ranking(TrendingWindow.WEEK).papers().stream()
                    .filter(p -> p.paperId().equals("2501.00004")).findFirst().orElseThrow();
            assertThat(delta.clicks()).isEqualTo(1);
            assertThat(delta.engagement()).isCloseTo(Math.pow(2, -5.0 / (48 * 60)),
                    org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void tiesAreBrokenByIdWhateverTheInsertionOrder() throws Exception {
        TestClock clock = TestClock.at("2026-03-10T12:00:00Z");
        try (Fixture f = Fixture.papers(dir, clock, List.of(
                paper("2501.00009", "Zeta", "Same signals.", OLD, 5),
                paper("2501.00007", "Eta", "Same signals.", OLD, 5),
                paper("2501.00008", "Theta", "Same signals.", OLD, 5)))) {
            assertThat(order(f.trending.ranking(TrendingWindow.MONTH)))
                    .containsExactly("2501.00007", "2501.00008", "2501.00009");
        }
    }

    @Test
    void aFreshInstallRanksByUpstreamVotesAndNewnessAndSaysSo() throws Exception {
        TestClock clock = TestClock.at("2026-03-10T12:00:00Z");
        try (Fixture f = Fixture.papers(dir, clock, List.of(
                paper("2603.00001", "Brand new paper on agents", "Agents.", TODAY, 0),
                paper("2603.00002", "Four-day-old paper on agents", "Agents.", TODAY.minusDays(4), 0),
                paper("2501.00003", "Popular old paper on retrieval", "Retrieval.", OLD, 340),
                paper("2501.00004", "Quiet old paper", "Nothing.", OLD, 0)))) {
            Reply reply = f.run("u1", "trending", Map.of("window", "week"));
            assertThat(reply.text()).contains("Nobody here has voted").contains("upstream upvotes");
            // ln(341) = 5.83 beats the newness prior of 2 for today; four days old is 2 * 3/7.
            assertThat(Fixture.ids(reply)).containsExactly("2501.00003", "2603.00001", "2603.00002", "2501.00004");
            assertThat(reply.cards().get(0).reasons()).containsExactly("340 upvotes upstream");
            assertThat(reply.cards().get(1).reasons()).containsExactly("new today");
            assertThat(reply.cards().get(2).reasons()).containsExactly("new 4 days ago");
            assertThat(reply.cards()).allSatisfy(c -> assertThat(c.reasons()).isNotEmpty());
        }
    }

    @Test
    void inGermanTheHeadingTextFooterScorePartsAndButtonsAreGermanAndTheTitlesStay() throws Exception {
        TestClock clock = TestClock.at("2026-03-10T12:00:00Z");
        try (Fixture f = Fixture.papers(dir, clock, List.of(
                paper("2603.00001", "Fresh and liked paper on retrieval", "Retrieval.", TODAY, 1_340),
                paper("2603.00002", "Four-day-old paper on agents", "Agents.", TODAY.minusDays(4), 0)))) {
            Reply fresh = f.run("u1", "trending", Map.of("window", "week"), java.util.Locale.GERMAN);
            assertThat(fresh.title()).isEqualTo("Im Trend diese Woche");
            assertThat(fresh.text()).startsWith("Hier hat diese Woche noch niemand ein Paper bewertet");
            assertThat(fresh.cards().get(1).reasons()).containsExactly("vor 4 Tagen erschienen");

            f.feedback.set("u2", "2603.00001", Verdict.UP);
            f.library.save("u2", f.search.paper("2603.00001").orElseThrow());
            f.library.save("u3", f.search.paper("2603.00001").orElseThrow());
            Reply reply = f.run("u1", "trending", Map.of("topic", "retrieval"), java.util.Locale.GERMAN);

            assertThat(reply.title()).isEqualTo("Im Trend diese Woche zu „retrieval“");
            PaperCard card = reply.cards().get(0);
            assertThat(card.paper().title()).isEqualTo("Fresh and liked paper on retrieval");
            assertThat(card.reasons()).containsExactly(
                    "1 👍 auf dem Server · 2 Mal gemerkt · 1.340 Upvotes an der Quelle · heute erschienen");
            assertThat(reply.footer()).startsWith("Punkte = Interesse hier");
            assertThat(card.actions()).extracting(a -> a.label()).contains("Merken").doesNotContain("Save");
            Reply none = f.run("u1", "trending", Map.of("topic", "quantum chromodynamics"), java.util.Locale.GERMAN);
            assertThat(none.text()).isEqualTo("Nichts, was diese Woche im Trend ist, passt zu „quantum chromodynamics“."
                    + " Versuch window: month oder weniger Wörter.");
            Reply bad = f.run("u1", "trending", Map.of("window", "year"), java.util.Locale.GERMAN);
            assertThat(bad.text()).startsWith("window muss day, week oder month sein");
        }
    }

    @Test
    void cardsShowEachPartOfTheScore() throws Exception {
        TestClock clock = TestClock.at("2026-03-10T12:00:00Z");
        try (Fixture f = Fixture.papers(dir, clock, List.of(
                paper("2603.00001", "Fresh and liked paper on retrieval", "Retrieval.", TODAY, 340)))) {
            for (int i = 0; i < 12; i++) {
                f.feedback.set("u" + i, "2603.00001", Verdict.UP);
            }
            f.library.save("u0", f.search.paper("2603.00001").orElseThrow());
            Reply reply = f.run("u1", "trending", Map.of());
            PaperCard card = reply.cards().get(0);
            assertThat(card.reasons()).containsExactly(
                    "12 👍 in the server · 1 save · 340 upvotes upstream · new today");
            assertThat(reply.text()).isEmpty();
            assertThat(card.actions()).extracting(a -> a.label()).contains("Save", "👍", "👎", "Not interested");
        }
    }

    @Test
    void aTopicRestrictsTheListAndABadTopicGetsAFriendlyMessage() throws Exception {
        TestClock clock = TestClock.at("2026-03-10T12:00:00Z");
        try (Fixture f = fixture(clock)) {
            Reply reply = f.run("u1", "trending", Map.of("window", "month", "topic", "diffusion"));
            assertThat(Fixture.ids(reply)).containsExactly("2501.00002");
            assertThat(reply.title()).contains("diffusion");

            Reply none = f.run("u1", "trending", Map.of("topic", "quantum chromodynamics"));
            assertThat(none.cards()).isEmpty();
            assertThat(none.text()).contains("Nothing trending this week matches");

            Reply bad = f.run("u1", "trending", Map.of("topic", "!!! ???"));
            assertThat(bad.ephemeral()).isTrue();
            assertThat(bad.text()).contains("no words I can look for");
        }
    }

    @Test
    void helpTrendingDescribesTheConfiguredWeights() throws Exception {
        TestClock clock = TestClock.at("2026-03-10T12:00:00Z");
        try (Fixture f = fixture(clock)) {
            Reply help = f.run("u1", "help", Map.of("command", "trending"));
            assertThat(help.text()).contains("each 👍 counts 3", "counts half after 2 days", "ln(1 + Hugging Face upvotes)");
        }
    }
}
