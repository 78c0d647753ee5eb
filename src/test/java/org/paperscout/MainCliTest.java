package org.paperscout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's answers to mistakes a new user makes, through {@link Main#execute}. */
class MainCliTest {

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of(
                "PAPERSCOUT_DATA_DIR", dir.resolve("data").toString(),
                "PAPERSCOUT_SEEDS_DIR", System.getProperty("paperscout.seeds", "seeds"));
        int code = Main.execute(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void ingestWithNothingToLoadSaysWhatToGive() {
        Result r = run("ingest");
        assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().lines().findFirst()).contains("Say what to load: files or folders "
                + "(paperscout ingest seeds/ more.jsonl), or a live source (paperscout ingest --from arxiv).");
        assertThat(r.err()).doesNotContain("not both");
    }

    @Test
    void anUnrelatedFileInAFolderIsIgnoredWithALineAndTheRestIsLoaded() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("papers"));
        Files.writeString(folder.resolve("notes.py"), "print('not papers')\n");
        Files.writeString(folder.resolve("more.jsonl"),
                "{\"id\":\"2406.10209\",\"title\":\"Be like a Goldfish\",\"abstract\":\"Goldfish loss.\"}\n");
        Result r = run("ingest", folder.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("loaded 1, updated 0, skipped 0");
        assertThat(r.err().lines()).contains("ignored " + folder.resolve("notes.py")
                + ": not a format PaperScout reads, ignored");

        // Named on the command line, the same file is a mistake to report, not to skip.
        Result named = run("ingest", folder.resolve("notes.py").toString());
        assertThat(named.exit()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(named.err()).startsWith("Cannot ingest: notes.py: can't tell the format from the extension .py");
    }

    @Test
    void aLimitOutsideOneToAHundredIsAnError() {
        for (String[] args : new String[][] {{"search", "--limit", "0", "memorization"},
                {"search", "--limit=-1", "memorization"}, {"search", "--limit", "101", "memorization"}}) {
            Result r = run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(Main.EXIT_USAGE);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("--limit must be from 1 to 100, got ");
            assertThat(r.out()).isEmpty();
        }
        Result two = run("search", "--limit", "2", "memorization");
        assertThat(two.exit()).isZero();
        assertThat(two.out()).contains(" 2. ").doesNotContain(" 3. ");
    }

    @Test
    void wordsAfterTheFirstMayStartWithADash() {
        Result r = run("search", "goldfish", "-diffusion", "--limit", "1");
        assertThat(r.err()).doesNotContain("Unknown option");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith(" 1. Be like a Goldfish, Don't Memorize!").doesNotContain(" 2. ");
    }
}
