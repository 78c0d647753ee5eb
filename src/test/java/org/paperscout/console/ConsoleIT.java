package org.paperscout.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console driven through standard input, end to end, from the built jar. */
class ConsoleIT {

    @TempDir
    Path data;

    record Result(int exit, String out, String err) {
    }

    private Result run(String stdin, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("paperscout.jar", "target/paperscout.jar")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISCORD_TOKEN");
        pb.environment().put("PAPERSCOUT_DATA_DIR", data.toString());
        pb.environment().put("PAPERSCOUT_SEEDS_DIR", System.getProperty("paperscout.seeds", "seeds"));
        // The console polls live sources; tests never reach arXiv or Hugging Face.
        pb.environment().put("PAPERSCOUT_SOURCES_ARXIV_ENABLED", "false");
        pb.environment().put("PAPERSCOUT_SOURCES_HF_ENABLED", "false");
        pb.environment().putAll(env);
        Path out = data.resolveSibling(data.getFileName() + ".out");
        Path err = data.resolveSibling(data.getFileName() + ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("exits").isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void runWithoutATokenStartsTheConsoleWhichAnswersScriptedCommandsUntilEof() throws Exception {
        Result r = run("""
                /search query: goldfish loss
                /search goldfish loss
                /paper Memorizing Transformers
                /similar Memorizing Transformers
                /serch nothing
                /help
                """, Map.of());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("DISCORD_TOKEN is not set: starting the local console.");
        assertThat(r.out()).contains(" 1. Be like a Goldfish, Don't Memorize! Mitigating Memorization in Generative LLMs");
        assertThat(r.out()).contains("Unknown command /serch. Commands: ");
        assertThat(r.out()).contains("/search query [since] [sort] [page]");
        String afterSimilar = r.out().substring(r.out().indexOf("Similar to \"Memorizing Transformers\""));
        assertThat(afterSimilar).doesNotContain(" 1. Memorizing Transformers\n");
    }

    @Test
    void digestsAndTheDailyDmAreSetUpFromTheConsole() throws Exception {
        Result r = run("""
                /digest set channel: #papers time: 09:00 timezone: Europe/Berlin topic: memorization
                /digest preview
                /digest status
                /notify daily time: 08:30 timezone: Europe/Berlin
                /status
                """, Map.of(), "console");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Daily digest set for #papers: every day at 09:00 Europe/Berlin, 5 papers on "
                        + "“memorization”")
                .contains("Daily digest")
                .contains("#papers: every day at 09:00 Europe/Berlin")
                .contains("Your daily papers will arrive by DM every day at 08:30 Europe/Berlin")
                .contains("Digests:\n  #papers: next");
    }

    @Test
    void buttonsAreClickedByNumber() throws Exception {
        // five cards of buttons come first (the disabled Previous has no number), then Next
        int next = 5 * org.paperscout.commands.PaperCards.actions("x", true).size() + 1;
        Result r = run("/search memorization\n" + next + "\n", Map.of(), "console");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Page 1 of").contains("Page 2 of");
    }

    @Test
    void oneShotSearchPrintsResultsAndExits() throws Exception {
        Result r = run("", Map.of(), "search", "goldfish", "loss");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith(" 1. Be like a Goldfish");
    }

    @Test
    void anInvalidConfigValueExitsNonZeroWithOneLineNamingTheKey() throws Exception {
        Result r = run("", Map.of("PAPERSCOUT_SEARCH_TIMEOUT", "soon"), "search", "x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("Configuration error: invalid value for search.timeout "
                + "(PAPERSCOUT_SEARCH_TIMEOUT): expected a duration such as 30s, 15m, 1h or 2d, got 'soon'");
    }

    @Test
    void ingestReportsASummaryAndAnUnreadableFileLeavesTheIndexUnchanged() throws Exception {
        Path good = data.resolveSibling("more.jsonl");
        Files.writeString(good, """
                {"id":"2406.10209","title":"Be like a Goldfish","abstract":"Goldfish loss.","authors":["A. B."]}
                {"title":""}
                """);
        Result first = run("", Map.of(), "ingest", good.toString());
        assertThat(first.exit()).isZero();
        assertThat(first.out()).contains("loaded 1, updated 0, skipped 1");
        Result again = run("", Map.of(), "ingest", good.toString());
        assertThat(again.out()).contains("loaded 0, updated 0, skipped 1");
        Result missing = run("", Map.of(), "ingest", data.resolveSibling("nope.jsonl").toString());
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("Cannot ingest").doesNotContain("Exception");
    }

    @Test
    void versionAndHelpWork() throws Exception {
        assertThat(run("", Map.of(), "--version").out()).startsWith("PaperScout ");
        assertThat(run("", Map.of(), "ingest", "--help").out()).contains("Usage: paperscout ingest");
    }
}
