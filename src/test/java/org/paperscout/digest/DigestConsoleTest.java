package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.FrontEnd;
import org.paperscout.PaperScout;
import org.paperscout.catalog.Ingestor;
import org.paperscout.config.Settings;
import org.paperscout.console.ConsoleFrontEnd;
import org.paperscout.console.ConsoleScreen;
import org.paperscout.privacy.ExportFolder;
import org.paperscout.store.TestClock;

/**
 * /digest and /notify as a console user types them, over the real composition (trending and /recommend content,
 * the store, the job): in the console a channel is any name, and "posting" prints the digest under that name.
 */
class DigestConsoleTest {

    @TempDir
    Path dir;

    @Test
    void setPreviewStatusNotifyAndAPrintedDigestInTheConsole() throws Exception {
        TestClock clock = TestClock.at("2026-03-10T12:00:00Z");
        Settings settings = Settings.of(Map.of("data.dir", dir.toString(),
                "seeds.dir", System.getProperty("paperscout.seeds", "seeds"), "digest.tick", "1s",
                "console.user", "local"));
        // What the console prints by itself (digests) shares the screen, and so the button numbers, with replies.
        ConsoleScreen screen = new ConsoleScreen(false);
        List<String> printed = new CopyOnWriteArrayList<>();
        FrontEnd printing = FrontEnd.console((heading, digest) -> printed.add(screen.posted(heading, digest)));
        try (PaperScout app = PaperScout.open(settings, clock, printing)) {
            app.seedIfEmpty(Ingestor.Progress.NONE);
            ConsoleFrontEnd console = new ConsoleFrontEnd(app.commands(),
                    new ConsoleFrontEnd.ConsoleUser("local", "you", Locale.ENGLISH),
                    new ExportFolder(dir.resolve("exports"), clock), screen);

            String set = console.execute("/digest set channel: #papers time: 09:00 timezone: Europe/Berlin");
            assertThat(set).contains("Daily digest set for #papers: every day at 09:00 Europe/Berlin, 5 papers")
                    .contains("The console prints it here");
            assertThat(console.execute("/digest set channel: 12345 time: 09:00 timezone: Europe/Berlin"))
                    .contains("In the console a channel is just a name").contains("channel: papers");
            assertThat(console.execute("/digest set channel: lab time: 9 timezone: Mars/Olympus")).doesNotContain(
                    "Daily digest set");

            // Nothing engaged with and the seeds are undated: an honest note, not the same old papers.
            assertThat(console.execute("/digest preview")).contains("No new papers since the last digest");

            // A save makes a paper trend; the preview shows it with why it is there and a one-line summary.
            String results = console.execute("/search memorization");
            Matcher up = Pattern.compile(" 1\\. (.+)\\n(?s:.*?)\\[(\\d+)] Save").matcher(results);
            assertThat(up.find()).as(results).isTrue();
            String title = up.group(1).strip();
            console.execute(up.group(2));
            clock.advance(Duration.ofMinutes(1));
            String preview = console.execute("/digest preview channel: papers");
            assertThat(preview).contains("Daily digest").contains(title).contains("↳ 1 save")
                    .contains("PaperScout digest 2026-03-11");
            assertThat(console.execute("/digest preview channel: nowhere")).contains("#nowhere has no digest");

            assertThat(console.execute("/digest status")).contains("#papers: every day at 09:00 Europe/Berlin")
                    .contains("Next:").contains("Last: none yet");
            assertThat(console.execute("/notify daily time: 08:30 timezone: Europe/Berlin"))
                    .contains("Your daily papers will arrive by DM every day at 08:30 Europe/Berlin");
            assertThat(console.execute("/status")).contains("Digests:").contains("#papers: next")
                    .contains("Your daily DM: next");

            // A digest due now is printed under its channel name while the console runs.
            app.startDigests();
            assertThat(console.execute("/digest set channel: lab time: 13:01 timezone: Europe/Berlin"))
                    .contains("Daily digest set for #lab");
            clock.advance(Duration.ofMinutes(2));
            Instant deadline = Instant.now().plusSeconds(20);
            while (printed.stream().noneMatch(p -> p.contains("#lab")) && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            String posted = String.join("\n", printed);
            assertThat(posted).contains("— digest posted to #lab (console: printed, not sent) —").contains(title)
                    .contains("PaperScout digest 2026-03-10");
            // The ledger row is completed just after the print: wait for that rather than race it.
            String status = console.execute("/digest status");
            while (status.contains("in progress") && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
                status = console.execute("/digest status");
            }
            assertThat(status).contains("#lab").contains("Last: 1 paper");
            assertThat(console.execute("/digest off channel: lab")).contains("The daily digest in #lab is off");
            assertThat(console.execute("/notify off")).contains("Your daily DM is off");
        }
    }
}
