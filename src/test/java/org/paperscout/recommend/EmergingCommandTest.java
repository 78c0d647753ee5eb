package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.commands.Action;
import org.paperscout.commands.Reply;
import org.paperscout.follows.FollowKind;
import org.paperscout.store.TestClock;

/** {@code /trending show: topics} as a user sees it: cards per topic, growth in words, a follow button that works. */
class EmergingCommandTest {

    @TempDir
    Path dir;

    @Test
    void topicsShowTheirGrowthAndTheirFollowButtonFollows() throws Exception {
        TestClock clock = TestClock.at("2026-12-05T12:00:00Z");
        EmergingTopicsTest.Corpus corpus = new EmergingTopicsTest.Corpus(7).steady().plant("quantum dropout", 12);
        try (Fixture f = Fixture.papers(dir, clock, corpus.papers)) {
            Reply reply = f.run("u1", "trending", Map.of("show", "topics"));
            assertEquals("Emerging topics this week", reply.title());
            assertEquals(1, reply.cards().size());
            assertThat(reply.cards().get(0).paper().title()).contains("quantum dropout");
            assertEquals("emerging: “quantum dropout”, 12 papers this week, 1 the week before (0.3 a week over the 4"
                    + " weeks before)", reply.cards().get(0).reasons().get(0));
            assertThat(reply.cards().get(0).reasons().get(1)).startsWith("also: “Towards quantum dropout");
            // The sparkline: one topic, so one row; planted as 1 the week before and 12 now.
            assertEquals(EmergingReply.SPARKLINES_FILE, reply.attachment().fileName());
            java.awt.image.BufferedImage png = org.paperscout.charts.ChartPixels.decode(reply.attachment().content());
            assertEquals(org.paperscout.charts.SparklineChart.height(1), png.getHeight());
            assertEquals(1, org.paperscout.charts.ChartPixels.bars(png, org.paperscout.charts.Palette.BLUE));
            assertEquals(1, org.paperscout.charts.ChartPixels.bars(png, org.paperscout.charts.Palette.ORANGE));
            Reply japanese = f.run("u1", "trending", Map.of("show", "topics"), java.util.Locale.JAPANESE);
            assertEquals("今週の注目トピック", japanese.title());
            assertEquals("注目:「quantum dropout」、今週 12 件、前週 1 件 (それ以前の 4 週間は週平均 0.3 件)",
                    japanese.cards().get(0).reasons().get(0));
            assertEquals("「quantum dropout」をフォロー", japanese.rows().get(0).get(0).label());
            Action follow = reply.rows().get(0).get(0);
            assertEquals("Follow “quantum dropout”", follow.label());
            f.click("u1", follow.customId());
            assertTrue(f.follows.list("u1").stream()
                    .anyMatch(x -> x.kind() == FollowKind.TOPIC && x.text().equals("quantum dropout")));
        }
    }

    @Test
    void theConsoleWritesTheSparklinesToExportsForTheCommandAndForAPostedAlert() throws Exception {
        TestClock clock = TestClock.at("2026-12-05T12:00:00Z");
        EmergingTopicsTest.Corpus corpus = new EmergingTopicsTest.Corpus(7).steady().plant("quantum dropout", 12);
        try (Fixture f = Fixture.papers(dir, clock, corpus.papers)) {
            org.paperscout.console.ConsoleFrontEnd console = new org.paperscout.console.ConsoleFrontEnd(f.commands,
                    new org.paperscout.console.ConsoleFrontEnd.ConsoleUser("local", "you", java.util.Locale.ENGLISH),
                    dir.resolve("exports"), false);
            String typed = console.execute("/trending show: topics");
            String posted = console.posted("— emerging topics posted to #lab (console: printed, not sent) —",
                    f.run("u1", "trending", Map.of("show", "topics")));
            for (String out : List.of(typed, posted)) {
                java.util.regex.Matcher saved = java.util.regex.Pattern.compile("Saved to (\\S+\\.png)").matcher(out);
                assertTrue(saved.find(), out);
                Path png = Path.of(saved.group(1));
                assertTrue(png.startsWith(dir.resolve("exports")), png.toString());
                assertEquals(org.paperscout.charts.SparklineChart.WIDTH,
                        org.paperscout.charts.ChartPixels.decode(java.nio.file.Files.readAllBytes(png)).getWidth());
            }
            assertThat(posted).contains("quantum dropout");
        }
    }

    @Test
    void noBurstSaysWhatWouldCountAndATopicWithShowTopicsIsOneClearLine() throws Exception {
        TestClock clock = TestClock.at("2026-12-05T12:00:00Z");
        try (Fixture f = Fixture.papers(dir, clock, new EmergingTopicsTest.Corpus(1).steady().papers)) {
            Reply none = f.run("u1", "trending", Map.of("show", "topics", "window", "week"));
            assertThat(none.text()).startsWith("No topic grew sharply this week: a topic shows here when at least 4");
            assertThat(none.cards()).isEmpty();
            assertThat(none.attachment()).as("no topic, no picture").isNull();
            Reply refused = f.run("u1", "trending", Map.of("show", "topics", "topic", "diffusion"));
            assertThat(refused.text()).isEqualTo(
                    "show: topics finds the topics itself; leave out topic:, e.g. /trending show: topics");
            assertThat(f.run("u1", "trending", Map.of("show", "papers")).cards()).isNotEmpty();
        }
    }
}
