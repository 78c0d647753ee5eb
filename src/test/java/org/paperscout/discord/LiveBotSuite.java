package org.paperscout.discord;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.PaperScout;
import org.paperscout.discord.local.LocalDiscord;

/**
 * A suite against one live bot: the real composition over the seeds, the production Discord adapter and JDA,
 * and the local Discord, started once per class. After every test, every body the bot sent must match
 * Discord's schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LiveBotSuite {

    // Static: JUnit fills a class-level temporary folder before @BeforeAll, one per suite class.
    @TempDir
    static Path dataDir;
    LiveBot live;
    PaperScout app;
    LocalDiscord discord;

    /** Settings this suite overrides. */
    Map<String, String> settings() {
        return Map.of();
    }

    /** The Discord locale of the suite's users and server. */
    String locale() {
        return "en-US";
    }

    @BeforeAll
    void startBot() throws Exception {
        live = LiveBot.start(dataDir, settings(), locale());
        app = live.app;
        discord = live.discord;
    }

    @AfterAll
    void stopBot() throws Exception {
        if (live != null) {
            live.close();
        }
    }

    @AfterEach
    void everyBodyMatchesDiscordsSchema() {
        BotHarness.assertSchemaValid(discord);
    }
}
