package org.paperscout.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.PaperScout;
import org.paperscout.catalog.Ingestor;
import org.paperscout.config.Settings;
import org.paperscout.console.ConsoleFrontEnd;
import org.paperscout.console.ConsoleScreen;
import org.paperscout.console.ConsoleFrontEnd.ConsoleUser;
import org.paperscout.store.FileGrep;
import org.paperscout.store.TestClock;

/**
 * Issue 17: after /my-data and a confirmed /forget-me, nothing the user stored may be left in any file of the data
 * folder: not the export the console wrote, not the deleted rows in paperscout.db or its WAL. The real composition
 * (PaperScout, seeded Lucene index, SQLite file) as the console runs it; two users share the data folder.
 *
 * <p>No file is excluded from the search. The Lucene index holds papers only (a follow is never indexed), so it
 * has no hit to explain away; if it ever had one, that would be a leak this test should report.
 */
class ForgetMeOnDiskTest {

    /** A word no seed paper has: any byte of it on disk after /forget-me came from the user. */
    static final String SECRET = "zyxquartzwombat";
    static final String USER = "forgetful-7731";

    @TempDir
    Path dir;

    @Test
    void afterMyDataAndForgetMeNoFileInTheDataFolderHoldsWhatTheUserStored() throws Exception {
        Path data = dir.resolve("data");
        Settings settings = Settings.of(Map.of("data.dir", data.toString(),
                "seeds.dir", System.getProperty("paperscout.seeds", "seeds")));
        try (PaperScout app = PaperScout.open(settings, TestClock.at("2026-12-05T10:00:00Z"))) {
            app.seedIfEmpty(Ingestor.Progress.NONE);
            ConsoleFrontEnd user = new ConsoleFrontEnd(app.commands(), new ConsoleUser(USER, "pat", Locale.ENGLISH),
                    app.exports(), new ConsoleScreen(false));
            ConsoleFrontEnd other = new ConsoleFrontEnd(app.commands(),
                    new ConsoleUser("other-4410", "sam", Locale.ENGLISH), app.exports(), new ConsoleScreen(false));

            assertThat(user.execute("/follow topic topic: " + SECRET + " diffusion")).contains("Following topic");
            assertThat(user.execute("/follow author name: Pat " + SECRET)).contains("Following author");
            assertThat(user.execute("/save Memorizing Transformers")).contains("Saved");
            assertThat(user.execute("/notify daily time: 08:00 timezone: Europe/Berlin")).contains("08:00");
            String myData = user.execute("/my-data");
            assertThat(myData).contains("Saved to");
            assertThat(user.execute("/export")).contains("Saved to");
            assertThat(other.execute("/follow topic topic: graph neural networks")).contains("Following topic");
            assertThat(other.execute("/my-data")).contains("Saved to");

            assertThat(exportFiles(app)).as("one file per user and request, none overwritten").hasSize(3);
            assertThat(FileGrep.filesContaining(data, SECRET)).as("the user's data is on disk before")
                    .contains(data.relativize(app.exports().dir()).resolve(fileNamed(myData)));

            String ask = user.execute("/forget-me");
            assertThat(ask).contains("[1] Delete my data");
            assertThat(user.execute("1")).contains("Done. I deleted everything stored about you")
                    .contains("2 export files");

            assertThat(FileGrep.filesContaining(data, SECRET)).as("files holding the user's topic").isEmpty();
            assertThat(FileGrep.filesContaining(data, USER)).as("files holding the user's id").isEmpty();
            List<Path> left = exportFiles(app);
            assertThat(left).as("the other user's export stays").hasSize(1);
            assertThat(Files.readString(left.get(0))).contains("graph neural networks");
            assertThat(other.execute("/following")).contains("graph neural networks");
        }
    }

    private static Path fileNamed(String consoleOutput) {
        String line = consoleOutput.lines().filter(l -> l.startsWith("Saved to ")).findFirst().orElseThrow();
        return Path.of(line.substring("Saved to ".length()).strip()).getFileName();
    }

    private static List<Path> exportFiles(PaperScout app) throws Exception {
        try (Stream<Path> files = Files.list(app.exports().dir())) {
            return files.sorted().toList();
        }
    }
}
