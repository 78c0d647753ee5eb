package org.paperscout.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting the built jar the way a new user does: from another folder, from a copy of the jar alone, with a
 * mistyped --config or bad values; and what lands on the screen besides the replies.
 */
class StartupIT {

    private static final Path JAR = Path.of(System.getProperty("paperscout.jar", "target/paperscout.jar"))
            .toAbsolutePath();
    /** The checkout the jar was built in: target/paperscout.jar sits one folder below config/ and seeds/. */
    private static final Path CHECKOUT = JAR.getParent().getParent();

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
    }

    /** Runs {@code jar} in {@code workDir} with only the data folder and {@code env} set: no seeds, no config. */
    private Process start(Path jar, Path workDir, Map<String, String> env, Path out, Path err, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PAPERSCOUT_") || k.equals("DISCORD_TOKEN"));
        pb.environment().put("PAPERSCOUT_DATA_DIR", tmp.resolve("data").toString());
        pb.environment().put("PAPERSCOUT_SOURCES_ARXIV_ENABLED", "false");
        pb.environment().put("PAPERSCOUT_SOURCES_HF_ENABLED", "false");
        pb.environment().putAll(env);
        return pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    private Result run(Path jar, Path workDir, Map<String, String> env, String stdin, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = start(jar, workDir, env, out, err, args);
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("exits").isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Path emptyFolder(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    @Test
    void fromAnotherFolderTheCheckoutsConfigAndSeedsAreFoundAndNamed() throws Exception {
        Result r = run(JAR, emptyFolder("elsewhere"), Map.of(), "/status\n/search goldfish loss\n", "console");
        assertThat(r.exit()).isZero();
        assertThat(r.err().lines()).contains("Config: " + CHECKOUT.resolve("config/paperscout.properties")
                + ". Seeds: " + CHECKOUT.resolve("seeds") + " (indexed when the index is empty).");
        assertThat(r.out()).doesNotContain("Index: 0 papers").contains(" 1. Be like a Goldfish");
    }

    @Test
    void aJarCopiedAloneUsesTheConfigAndSeedsBuiltIntoIt() throws Exception {
        Path alone = Files.copy(JAR, emptyFolder("opt").resolve("paperscout.jar"));
        Result r = run(alone, emptyFolder("home"), Map.of(), "/search goldfish loss\n", "console");
        assertThat(r.exit()).isZero();
        assertThat(r.err().lines()).contains("Config: the built-in defaults (no config/paperscout.properties in "
                + "the working folder or beside the jar). Seeds: the copy built into the jar (indexed when the index "
                + "is empty).");
        assertThat(r.out()).contains(" 1. Be like a Goldfish");
    }

    @Test
    void aMissingConfigFileAndValuesThatCannotWorkStopTheStartWithOneLine() throws Exception {
        Path work = emptyFolder("work");
        Result missing = run(JAR, work, Map.of(), "", "--config", "/nonexistent", "console");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("Configuration error: --config /nonexistent: no such file. "
                + "Give an existing properties file, or leave --config out to use config/paperscout.properties.");

        Map<String, String> bad = Map.of(
                "PAPERSCOUT_SEARCH_TIMEOUT", "0s",
                "PAPERSCOUT_SOURCES_ARXIV_CATEGORIES", "cs.XX",
                "PAPERSCOUT_LOG_LEVEL", "LOUD",
                "PAPERSCOUT_SEEDS_DIR", tmp.resolve("no-such-seeds").toString());
        for (var e : bad.entrySet()) {
            Result r = run(JAR, work, Map.of(e.getKey(), e.getValue()), "", "console");
            assertThat(r.exit()).as(e.getKey()).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(e.getKey()).hasSize(1);
            assertThat(r.err()).as(e.getKey()).startsWith("Configuration error: invalid value for ")
                    .contains("(" + e.getKey() + "): expected ");
        }
    }

    @Test
    void sqliteUnpacksItsLibraryInsideTheDataFolderAndLogsNothing() throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = start(JAR, emptyFolder("work"), Map.of(), out, err, "console");
        try (OutputStream in = p.getOutputStream()) {
            in.write("/status\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            awaitOutput(p, out, "Index: ");
            // sqlite-jdbc deletes its unpacked copy when the process exits, so look while it runs.
            try (Stream<Path> files = Files.list(tmp.resolve("data/native"))) {
                assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.startsWith("sqlite-"));
            }
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("exits").isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(err)).doesNotContain("SQLiteJDBCLoader").doesNotContain("ERROR");
    }

    /** Waits for the console to print {@code text}; the process must not end first. */
    private static void awaitOutput(Process p, Path out, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.readString(out).contains(text)) {
            assertThat(System.nanoTime()).as("the console printed " + text).isLessThan(deadline);
            assertThat(p.waitFor(200, TimeUnit.MILLISECONDS)).as("still running").isFalse();
        }
    }

    @Test
    void aFailingSourceIsReportedByStatusNotPrintedBetweenReplies() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PAPERSCOUT_SOURCES_ARXIV_ENABLED", "true");
        // Nothing listens on port 9 (discard): the first poll fails at once.
        env.put("PAPERSCOUT_SOURCES_ARXIV_URL", "http://127.0.0.1:9/api/query");
        env.put("PAPERSCOUT_SOURCES_RETRY_MAX_ATTEMPTS", "1");
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = start(JAR, emptyFolder("work"), env, out, err, "console");
        try (OutputStream in = p.getOutputStream()) {
            // Ask /status until it carries the failure; a poll in progress shows no error yet.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(out).contains("Last error:")) {
                assertThat(System.nanoTime()).as("the failed poll shows in /status").isLessThan(deadline);
                in.write("/status\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                assertThat(p.waitFor(500, TimeUnit.MILLISECONDS)).as("still running").isFalse();
            }
            in.write("/search goldfish loss\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("exits").isTrue();
        assertThat(p.exitValue()).isZero();
        String errText = Files.readString(err);
        assertThat(errText).doesNotContain("WARN").doesNotContain("polling arxiv failed");
        assertThat(Files.readString(out)).contains("Last error:").contains(" 1. Be like a Goldfish");
    }
}
