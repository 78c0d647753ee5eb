package org.paperscout.bench;

import static org.paperscout.search.SearchBenchmark.pct;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.paperscout.PaperScout;
import org.paperscout.catalog.Ingestor;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Reply;
import org.paperscout.config.Settings;
import org.paperscout.eval.Fts5Baseline;
import org.paperscout.search.SearchBenchmark;
import org.paperscout.search.SyntheticCorpus;

/**
 * PaperScout against SQLite FTS5 on the same corpus and queries, in one run ({@code bench compare}). Both load the
 * same JSON Lines file end to end (read, parse, index, commit); both answer the same queries, interleaved so machine
 * noise hits both: PaperScout a whole {@code /search} through its command layer (top 5, snippets, cache off),
 * FTS5 the obvious application query (title weighted 2, {@code porter}, words quoted and OR-ed, top 5 with
 * {@code snippet()} of the abstract).
 */
public final class CompareBenchmark {

    private static final int WARM_UP = 50;

    private final PrintStream out;

    CompareBenchmark(PrintStream out) {
        this.out = out;
    }

    /** {@code [papers] [queries per length] [dir]}, or {@code --floor ...} ({@link IngestFloorBenchmark}). */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--floor")) {
            IngestFloorBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int papers = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 100_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("paperscout-compare");
        new CompareBenchmark(System.out).run(dir, papers, queries);
    }

    void run(Path dir, int papers, int queries) throws Exception {
        Files.createDirectories(dir);
        Path corpusFile = dir.resolve("corpus.jsonl");
        SyntheticCorpus corpus = new SyntheticCorpus(30_000);
        writeCorpus(corpus, papers, corpusFile);
        out.printf(Locale.ROOT, "corpus: %,d papers, %.1f MB of JSON Lines (%s)%n", papers,
                Files.size(corpusFile) / 1e6, corpusFile);

        Path fts = dir.resolve("fts5.db");
        Files.deleteIfExists(fts);
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        try (Connection db = buildFts5(corpusFile, fts)) {
            double ftsBuild = (System.nanoTime() - t0) / 1e9;
            double ftsCpu = (processCpuNanos() - cpu0) / 1e9;
            Path psData = dir.resolve("paperscout");
            deleteTree(psData);
            Files.createDirectories(dir.resolve("no-seeds"));
            Settings settings = Settings.of(Map.of("data.dir", psData.toString(),
                    "seeds.dir", dir.resolve("no-seeds").toString(), "search.cache-size", "0"));
            try (PaperScout app = PaperScout.open(settings, Clock.systemUTC())) {
                long t1 = System.nanoTime();
                long cpu1 = processCpuNanos();
                app.ingestor().ingest(List.of(corpusFile), Ingestor.Progress.NONE);
                double psBuild = (System.nanoTime() - t1) / 1e9;
                double psCpu = (processCpuNanos() - cpu1) / 1e9;
                out.printf(Locale.ROOT, "build: PaperScout ingest %,.0f papers/s (%.1f s), FTS5 %,.0f papers/s "
                        + "(%.1f s); PaperScout/FTS5 rate x%.2f%n", papers / psBuild, psBuild, papers / ftsBuild,
                        ftsBuild, ftsBuild / psBuild);
                // On a shared machine wall time depends on what else runs; CPU time says how much work each did.
                out.printf(Locale.ROOT, "build CPU time: PaperScout %.1f s, FTS5 %.1f s%n", psCpu, ftsCpu);
                out.printf(Locale.ROOT, "size: PaperScout index %.1f MB, FTS5 database %.1f MB%n",
                        SearchBenchmark.folderSize(psData.resolve("index"), "") / 1e6, Files.size(fts) / 1e6);
                queries(app, db, corpus, papers, queries);
            }
        }
    }

    private void queries(PaperScout app, Connection db, SyntheticCorpus corpus, int papers, int queries)
            throws SQLException {
        try (PreparedStatement q = db.prepareStatement("SELECT rowid, title, snippet(t, 1, '**', '**', '…', 16)"
                + " FROM t WHERE t MATCH ? ORDER BY bm25(t, 2.0, 1.0), rowid LIMIT 5")) {
            for (int words : new int[] {1, 3, 6}) {
                Random r = new Random(words * 7919L);
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < WARM_UP + queries; i++) {
                    texts.add(corpus.query(r, words));
                }
                long[] ps = new long[queries];
                long[] fts = new long[queries];
                for (int i = 0; i < texts.size(); i++) {
                    String text = texts.get(i);
                    boolean psFirst = i % 2 == 0; // alternate who goes first so neither always gets a warm cache
                    long a = psFirst ? timeSearch(app, text) : timeFts(q, text);
                    long b = psFirst ? timeFts(q, text) : timeSearch(app, text);
                    if (i >= WARM_UP) {
                        ps[i - WARM_UP] = psFirst ? a : b;
                        fts[i - WARM_UP] = psFirst ? b : a;
                    }
                }
                Arrays.sort(ps);
                Arrays.sort(fts);
                out.printf(Locale.ROOT, "%,d papers, %d-word /search: PaperScout p50 %.2f ms p99 %.2f ms; FTS5 p50"
                        + " %.2f ms p99 %.2f ms; FTS5/PaperScout x%.1f at p50, x%.1f at p99%n", papers, words,
                        pct(ps, 50) / 1e6, pct(ps, 99) / 1e6, pct(fts, 50) / 1e6, pct(fts, 99) / 1e6,
                        pct(fts, 50) / (double) pct(ps, 50), pct(fts, 99) / (double) pct(ps, 99));
            }
        }
    }

    private static long timeSearch(PaperScout app, String text) {
        long t = System.nanoTime();
        Reply reply = app.commands().run(new Invocation("bench", "bench", null, null, Locale.ENGLISH, "search", null,
                Map.of("query", text), false));
        long nanos = System.nanoTime() - t;
        if (reply.cards().isEmpty() && reply.text() != null && reply.text().startsWith("Something went wrong")) {
            throw new IllegalStateException(reply.text());
        }
        return nanos;
    }

    private static long timeFts(PreparedStatement q, String text) throws SQLException {
        long t = System.nanoTime();
        q.setString(1, Fts5Baseline.matchExpression(text));
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) { // read what a reply would show: title and snippet
                rs.getString(2);
                rs.getString(3);
            }
        }
        return System.nanoTime() - t;
    }


    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static void writeCorpus(SyntheticCorpus corpus, int papers, Path file) throws IOException {
        JsonFactory json = new JsonFactory();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator g = json.createGenerator(w)) {
            for (int n = 0; n < papers; n++) {
                Paper p = corpus.paper(n);
                g.writeStartObject();
                g.writeStringField("title", p.title());
                g.writeStringField("abstract", p.abstractText());
                g.writeArrayFieldStart("authors");
                for (String a : p.authors()) {
                    g.writeString(a);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("categories");
                for (String c : p.categories()) {
                    g.writeString(c);
                }
                g.writeEndArray();
                if (p.published() != null) {
                    g.writeStringField("published", p.published().toString());
                }
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
    }

    /** The FTS5 side's whole build: read and parse every line, insert, commit. */
    static Connection buildFts5(Path corpusFile, Path file) throws IOException, SQLException {
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'porter')");
        }
        db.setAutoCommit(false);
        ObjectMapper mapper = new ObjectMapper();
        try (BufferedReader in = Files.newBufferedReader(corpusFile, StandardCharsets.UTF_8);
             PreparedStatement insert = db.prepareStatement("INSERT INTO t (title, body) VALUES (?, ?)")) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                JsonNode node = mapper.readTree(line);
                insert.setString(1, node.path("title").asText());
                insert.setString(2, node.path("abstract").asText());
                insert.addBatch();
                if (++n % 10_000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        db.commit();
        db.setAutoCommit(true);
        return db;
    }



    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList()) {
                Files.delete(f);
            }
        }
    }
}
