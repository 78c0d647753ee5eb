package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.PaperScout;
import org.paperscout.config.Settings;
import org.paperscout.console.ConsoleFrontEnd;
import org.paperscout.store.TestClock;

/** Snooze, resume and the weekly alert typed into the console, over the real composition. */
class SnoozeConsoleTest {

    @TempDir
    Path dir;

    @Test
    void snoozeResumeAndAlertsAsAConsoleUserTypesThem() throws Exception {
        TestClock clock = TestClock.at("2026-03-10T12:00:00Z");
        Settings settings = Settings.of(Map.of("data.dir", dir.toString(),
                "seeds.dir", System.getProperty("paperscout.seeds", "seeds"), "console.user", "local"));
        try (PaperScout app = PaperScout.open(settings, clock)) {
            ConsoleFrontEnd console = new ConsoleFrontEnd(app.commands(),
                    new ConsoleFrontEnd.ConsoleUser("local", "you", Locale.ENGLISH), dir.resolve("exports"), false);
            console.execute("/digest set channel: papers time: 09:00 timezone: Europe/Berlin");
            console.execute("/notify daily time: 08:30 timezone: Europe/Berlin");

            assertThat(console.execute("/digest snooze channel: papers days: 3"))
                    .contains("The digest in #papers is snoozed for 3 days");
            assertThat(console.execute("/notify snooze days: 31")).contains("days must be from 1 to 30.")
                    .doesNotContain("snoozed for");
            assertThat(console.execute("/notify snooze 2")).contains("Your daily DM is snoozed for 2 days");
            assertThat(console.execute("/status")).contains("#papers: snoozed until")
                    .contains("Your daily DM: snoozed until");
            assertThat(console.execute("/notify resume")).contains("Welcome back! Your catch-up DM arrives");

            assertThat(console.execute("/alerts emerging on channel: lab"))
                    .contains("Emerging topics will be posted in #lab every Monday at 09:00 UTC");
            String status = console.execute("/digest status");
            assertThat(status).contains("Snoozed until").contains("#lab: emerging topics every Monday");
            assertThat(console.execute("/alerts emerging off channel: lab")).contains("are off");
        }
    }
}
