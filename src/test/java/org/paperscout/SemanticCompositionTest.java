package org.paperscout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Ingestor;
import org.paperscout.config.Settings;
import org.paperscout.console.ConsoleFrontEnd;
import org.paperscout.search.SeedIndex;

/** Semantic search as the composition root wires it: the real model, the backfill, /status and /search. */
class SemanticCompositionTest {

    @Test
    void theBackfillRunsWithTheBotAndSearchFindsAParaphrase(@TempDir Path dir) throws Exception {
        Settings settings = Settings.of(Map.of("data.dir", dir.resolve("data").toString(),
                "seeds.dir", SeedIndex.seedsDir().toString(), "search.semantic", "true",
                "sources.arxiv.enabled", "false", "sources.hf.enabled", "false", "search.cache-size", "0"));
        try (PaperScout app = PaperScout.open(settings, Clock.systemUTC())) {
            app.seedIfEmpty(Ingestor.Progress.NONE);
            ConsoleFrontEnd console = new ConsoleFrontEnd(app.commands(),
                    new ConsoleFrontEnd.ConsoleUser("local", "you", Locale.ENGLISH), dir.resolve("exports"), false);
            assertThat(console.execute("/status")).contains("semantic index: 0 of 62");
            app.startSources();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!console.execute("/status").contains("semantic index: 62 of 62")) {
                assertThat(System.nanoTime()).as("backfill finished in time").isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(console.execute("/search shoppers tapping adverts"))
                    .contains("Memorize, Factorize, or be Naïve");
        }
    }

    @Test
    void withoutTheKeySemanticSearchIsOffAndStatusSaysNothingOfIt(@TempDir Path dir) throws Exception {
        Settings settings = Settings.of(Map.of("data.dir", dir.resolve("data").toString(),
                "seeds.dir", SeedIndex.seedsDir().toString()));
        try (PaperScout app = PaperScout.open(settings, Clock.systemUTC())) {
            app.seedIfEmpty(Ingestor.Progress.NONE);
            ConsoleFrontEnd console = new ConsoleFrontEnd(app.commands(),
                    new ConsoleFrontEnd.ConsoleUser("local", "you", Locale.ENGLISH), dir.resolve("exports"), false);
            assertThat(console.execute("/status")).doesNotContain("semantic index");
            assertThat(console.execute("/search shoppers tapping adverts")).contains("No papers match");
        }
    }
}
