package org.paperscout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.PaperIds;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.PaperCard;
import org.paperscout.config.Settings;
import org.paperscout.store.EmbeddedPg;

/**
 * {@code paperscout ingest PATH} on a PostgreSQL store: the files go through the shared papers feed, so a running
 * process with its own data folder and index finds them in /search, and an index rebuilt from the feed has them.
 */
class IngestAcrossProcessesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TITLE = "Zebrafish Lateral Line Neuromasts as Sensors for Robot Swimmers";
    private static final String OTHER = "Quokka Burrows and Thermal Refuges";
    private static final String SEED_FILE = """
            Get trending papers in your email inbox!
            %s
            We mount artificial neuromasts modelled on the zebrafish lateral line on a soft robot swimmer.
            %s
            Burrows dug by quokkas stay cool during heat waves and shelter other small animals.
            """.formatted(TITLE, OTHER);

    @TempDir
    Path dir;

    @Test
    void aFileIngestedByOneProcessIsFoundInAnotherProcesssSearchAndIsAppendedOnce() throws Exception {
        String store = EmbeddedPg.newDatabaseUrl();
        Path file = Files.writeString(dir.resolve("zebrafish.txt"), SEED_FILE);
        try (PaperScout running = PaperScout.open(Settings.of(settings(dir.resolve("b"), store)), Clock.systemUTC())) {
            running.seedIfEmpty((done, total) -> { });
            running.startSources();
            assertThat(titles(search(running, "zebrafish neuromasts"))).as("before the ingest").doesNotContain(TITLE);

            Run first = ingest(dir.resolve("a"), store, file);
            assertThat(first.code()).as(first.err()).isZero();
            assertThat(first.out()).isEqualTo("loaded 2, updated 0, skipped 0" + System.lineSeparator());

            long start = System.nanoTime();
            while (!titles(search(running, "zebrafish neuromasts")).contains(TITLE)) {
                assertThat(System.nanoTime() - start).as("the other process found the paper").isLessThan(WAIT.toNanos());
                TimeUnit.MILLISECONDS.sleep(100);
            }
            System.out.printf("the running process found the ingested paper %d ms after the ingest%n",
                    (System.nanoTime() - start) / 1_000_000);
            assertThat(titles(search(running, "quokka burrows"))).contains(OTHER);

            Run again = ingest(dir.resolve("a"), store, file);
            assertThat(again.out()).as("nothing new the second time")
                    .isEqualTo("loaded 0, updated 0, skipped 0 (2 already up to date)" + System.lineSeparator());
            assertThat(feedRows(store, PaperIds.forTitle(TITLE))).as("one feed row, however often ingested")
                    .isEqualTo(1);
        }

        // A third data folder starts with an empty index: `paperscout search` there rebuilds it from the feed, the
        // file's papers included.
        Run fresh = run(dir.resolve("c"), store, "search", "zebrafish", "neuromasts");
        assertThat(fresh.code()).as(fresh.err()).isZero();
        assertThat(fresh.out()).contains(TITLE);
    }

    private static Map<String, String> settings(Path data, String store) {
        Map<String, String> values = new HashMap<>();
        values.put("data.dir", data.toString());
        values.put("seeds.dir", "seeds");
        values.put("store.url", store);
        values.put("store.user", "postgres");
        values.put("search.semantic", "false");
        values.put("sources.arxiv.enabled", "false");
        values.put("sources.hf.enabled", "false");
        values.put("sources.follow-interval", "200ms");
        return values;
    }

    private static List<PaperCard> search(PaperScout app, String query) {
        return app.commands().run(new Invocation("u1", "u1", null, null, Locale.ENGLISH, "search", null,
                Map.of("query", query), false)).cards();
    }

    private static List<String> titles(List<PaperCard> cards) {
        return cards.stream().map(c -> c.paper().title()).toList();
    }

    record Run(int code, String out, String err) {
    }

    private static Run ingest(Path data, String store, Path file) {
        return run(data, store, "ingest", file.toString());
    }

    /** The command line as an operator runs it, configured through the environment only. */
    private static Run run(Path data, String store, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("PAPERSCOUT_DATA_DIR", data.toString());
        env.put("PAPERSCOUT_STORE_URL", store);
        env.put("PAPERSCOUT_STORE_USER", "postgres");
        env.put("PAPERSCOUT_SEARCH_SEMANTIC", "false");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true), new PrintStream(err, true), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static int feedRows(String store, String paperId) throws Exception {
        try (Connection c = DriverManager.getConnection(store, "postgres", "");
             PreparedStatement p = c.prepareStatement("SELECT count(*) FROM papers WHERE paper_id = ?")) {
            p.setString(1, paperId);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
