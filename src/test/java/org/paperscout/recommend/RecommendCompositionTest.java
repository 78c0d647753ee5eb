package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.PaperScout;
import org.paperscout.catalog.Ingestor;
import org.paperscout.config.Settings;
import org.paperscout.console.ConsoleFrontEnd;
import org.paperscout.search.SeedIndex;

/** The commands as the composition root wires them, driven through the console. */
class RecommendCompositionTest {

    @Test
    void recommendTrendingAndTuneAreWiredInTheApp(@TempDir Path dir) throws Exception {
        Settings settings = Settings.of(Map.of("data.dir", dir.resolve("data").toString(),
                "seeds.dir", SeedIndex.seedsDir().toString(), "trending.cache-ttl", "0s"));
        try (PaperScout app = PaperScout.open(settings, Clock.systemUTC())) {
            app.seedIfEmpty(Ingestor.Progress.NONE);
            ConsoleFrontEnd console = new ConsoleFrontEnd(app.commands(),
                    new ConsoleFrontEnd.ConsoleUser("local", "you", Locale.ENGLISH), dir.resolve("exports"), false);
            String starter = console.execute("/recommend");
            Matcher follow = Pattern.compile("\\[(\\d+)] Follow “([^”]+)”").matcher(starter);
            assertThat(follow.find()).as(starter).isTrue();
            assertThat(console.execute(follow.group(1))).contains("Following topic");
            String page = console.execute("/recommend");
            assertThat(page).contains("↳ matches your topic '" + follow.group(2) + "'");
            // The card's 👍 button is the store's feedback verb, handled by /save's command.
            Matcher up = Pattern.compile("\\[(\\d+)] 👍").matcher(page);
            assertThat(up.find()).isTrue();
            assertThat(console.execute(up.group(1))).contains("Noted 👍");
            assertThat(console.execute("/trending")).contains("Trending this week").contains("1 👍 in the server");
            assertThat(console.execute("/tune relevance: 90")).contains("relevance 90");
            assertThat(console.execute("/help trending")).contains("each 👍 counts 3");
        }
    }
}
