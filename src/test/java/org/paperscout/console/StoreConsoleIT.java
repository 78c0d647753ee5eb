package org.paperscout.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store behind the console, from the built jar: follows and the library survive a restart, a second
 * process on the same data folder is refused, and backup/restore work from the command line.
 */
class StoreConsoleIT {

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
    }

    private ProcessBuilder builder(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("paperscout.jar", "target/paperscout.jar")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISCORD_TOKEN");
        pb.environment().put("PAPERSCOUT_DATA_DIR", tmp.resolve("data").toString());
        pb.environment().put("PAPERSCOUT_SEEDS_DIR", System.getProperty("paperscout.seeds", "seeds"));
        // The console polls live sources; tests never reach arXiv or Hugging Face.
        pb.environment().put("PAPERSCOUT_SOURCES_ARXIV_ENABLED", "false");
        pb.environment().put("PAPERSCOUT_SOURCES_HF_ENABLED", "false");
        return pb;
    }

    private Result run(String stdin, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("exits").isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void followsAndTheLibrarySurviveARestartAndForgetMeRemovesThem() throws Exception {
        Result first = run("""
                /follow topic topic: machine unlearning
                /follow category category: cs.lg
                /follow author name: %s
                /save Memorizing Transformers
                """.formatted("x".repeat(101)), "console");
        assertThat(first.exit()).isZero();
        assertThat(first.out()).contains("Following topic “machine unlearning” (1 of 50).")
                .contains("Following category cs.LG (Machine Learning) (2 of 50).")
                .contains("name is 101 characters long; the limit is 100.")
                .contains("Saved “Memorizing Transformers” to your library (1 paper).");

        Result second = run("/following\n/library\n/forget-me\n1\n/following\n", "console");
        assertThat(second.out()).contains("Topics: “machine unlearning”").contains("Categories: “cs.LG”")
                .contains("Your library: 1 paper, 1 unread")
                .contains("Done. I deleted everything stored about you")
                .contains("You don't follow anything yet.");
    }

    @Test
    void aSecondProcessOnTheSameDataFolderRefusesToStart() throws Exception {
        Process first = builder("console").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            first.getOutputStream().write("/following\n".getBytes(StandardCharsets.UTF_8));
            first.getOutputStream().flush();
            for (String line; (line = out.readLine()) != null; ) {
                if (line.contains("You don't follow anything yet")) {
                    break; // the first bot is up and answering
                }
            }
            Result second = run("/following\n", "console");
            assertThat(second.exit()).isNotZero();
            assertThat(second.err().strip()).isEqualTo("Another PaperScout is already running with the data folder "
                    + tmp.resolve("data").toAbsolutePath() + "; stop it first, or start this one with a different data folder.");

            Result backup = run("", "backup", tmp.resolve("live-backup.db").toString());
            assertThat(backup.exit()).as("backup works while the bot runs: " + backup.err()).isZero();
            assertThat(backup.out()).contains("integrity check ok");
        } finally {
            first.getOutputStream().close();
            first.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void restoreBringsBackABackupAndRefusesAFileThatIsNotOne() throws Exception {
        run("/follow topic diffusion\n", "console");
        assertThat(run("", "backup", tmp.resolve("b.db").toString()).exit()).isZero();
        run("/follow topic after the backup\n", "console");

        Path junk = Files.writeString(tmp.resolve("junk.db"), "not a database");
        Result refused = run("", "restore", junk.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("refusing to restore").contains("not a SQLite database");

        Result restored = run("", "restore", tmp.resolve("b.db").toString());
        assertThat(restored.exit()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("The replaced database is kept in");
        Result after = run("/following\n", "console");
        assertThat(after.out()).contains("Topics: “diffusion”").doesNotContain("after the backup");
    }
}
