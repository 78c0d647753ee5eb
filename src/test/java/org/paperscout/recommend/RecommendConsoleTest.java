package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.console.ConsoleFrontEnd;
import org.paperscout.store.TestClock;

/** The whole flow as a console user types it, over the real composition of stores, index and commands. */
class RecommendConsoleTest {

    @TempDir
    Path dir;

    @Test
    void starterFollowRecommendFeedbackTuneAndTrendingFromTheConsole() throws Exception {
        try (Fixture f = Fixture.seeds(dir, TestClock.at("2026-03-10T12:00:00Z"))) {
            ConsoleFrontEnd console = new ConsoleFrontEnd(f.commands,
                    new ConsoleFrontEnd.ConsoleUser("local", "you", Locale.ENGLISH), dir.resolve("exports"), false);

            String starter = console.execute("/recommend");
            assertThat(starter).contains("You don't follow anything yet");
            Matcher follow = Pattern.compile("\\[(\\d+)] Follow “([^”]+)”").matcher(starter);
            assertThat(follow.find()).isTrue();
            String topic = follow.group(2);

            assertThat(console.execute(follow.group(1))).contains("Following topic “" + topic + "”");

            String page = console.execute("/recommend");
            assertThat(page).contains("Recommended for you").contains("↳ matches your topic '" + topic + "'");
            Matcher notInterested = Pattern.compile(" 1\\. (.+)\\n(?s:.*?)\\[(\\d+)] Not interested").matcher(page);
            assertThat(notInterested.find()).isTrue();
            String firstTitle = notInterested.group(1).strip();
            assertThat(console.execute(notInterested.group(2))).contains("Got it: I won't recommend");
            assertThat(console.execute("/recommend again")).doesNotContain(firstTitle);

            assertThat(console.execute("/tune trending: 30 relevance: 60 recency: 10"))
                    .contains("Your mix is now trending 30 · relevance 60 · recency 10");
            assertThat(console.execute("/tune reset")).contains("Back to the default mix");
            assertThat(console.execute("/tune recency: 500")).contains("from 0 to 100");

            String trending = console.execute("/trending window: month");
            assertThat(trending).contains("Trending this month").contains("Nobody here has voted");
            assertThat(console.execute("/trending window: year")).contains("window must be one of: day, week, month");
            assertThat(console.execute("/help trending")).contains("counts half after 2 days");
        }
    }
}
