package org.paperscout.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.paperscout.PaperScout;
import org.paperscout.catalog.Ingestor;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.Readers;
import org.paperscout.config.Settings;
import org.paperscout.search.IngestFloor;
import org.paperscout.search.SyntheticCorpus;
import org.paperscout.util.DaemonThreads;

/**
 * {@code bench compare --floor [papers] [rounds] [dir] [variants]} (issue 15): how far PaperScout's ingest is above
 * what Lucene itself needs. One generated JSON Lines file (the corpus of {@code bench compare}); each variant runs
 * in a fresh JVM of its own (same JVM options as this one), so each pays its own JIT warm-up as a real ingest does:
 * {@code fts5} (FTS5's build, as in {@code bench compare}), {@code a}, {@code b}, {@code c} and {@code c-FIELD,..}
 * ({@link IngestFloor}: the file parsed once by the product's reader, then a bare writer), {@code product}
 * (the whole {@code ingest}). Rounds rotate the order; the table gives medians of wall and CPU seconds, and the CPU
 * by thread group ({@link ThreadCpu}).
 */
final class IngestFloorBenchmark {

    static final List<String> VARIANTS = List.of("fts5", "a", "b", "c", "product");
    private static final String RESULT = "FLOOR ";

    private final PrintStream out;

    IngestFloorBenchmark(PrintStream out) {
        this.out = out;
    }

    /** Arguments after {@code --floor}. */
    static void main(String[] args) throws Exception {
        int papers = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("paperscout-floor");
        List<String> variants = args.length > 3 ? Arrays.asList(args[3].split("/")) : VARIANTS;
        new IngestFloorBenchmark(System.out).run(papers, rounds, dir, variants);
    }

    void run(int papers, int rounds, Path dir, List<String> variants) throws Exception {
        Files.createDirectories(dir);
        // Generated deterministically: a file from an earlier run of the same size is the same corpus, kept so
        // runs can be split (and the measurement lock released) without writing 1.9 GB again.
        Path corpusFile = dir.resolve("corpus-" + papers + ".jsonl");
        if (!Files.exists(corpusFile)) {
            Path partial = dir.resolve("corpus-" + papers + ".partial");
            CompareBenchmark.writeCorpus(new SyntheticCorpus(30_000), papers, partial);
            Files.move(partial, corpusFile);
        }
        out.printf(Locale.ROOT, "corpus: %,d papers, %.1f MB of JSON Lines; %d cores; JVM options %s%n", papers,
                Files.size(corpusFile) / 1e6, Runtime.getRuntime().availableProcessors(), jvmOptions());
        Map<String, List<Map<String, Double>>> results = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < variants.size(); i++) {
                String variant = variants.get((i + round) % variants.size());
                Map<String, Double> r = runChild(variant, corpusFile, dir.resolve("run-" + variant));
                results.computeIfAbsent(variant, k -> new ArrayList<>()).add(r);
            }
        }
        table(papers, results);
    }

    private void table(int papers, Map<String, List<Map<String, Double>>> results) {
        out.printf(Locale.ROOT, "%nmedians over %d round(s), seconds; cpu = whole build incl. parse; floors parse once"
                + " with the product's reader (parse wall/cpu), then index%n", results.values().iterator().next()
                .size());
        out.printf(Locale.ROOT, "%-22s %9s %8s %8s %10s %9s", "variant", "papers/s", "wall", "cpu", "parse w/c",
                "x fts5cpu");
        for (String g : ThreadCpu.GROUPS) {
            out.printf(Locale.ROOT, " %7s", g);
        }
        out.println();
        Double ftsCpu = results.containsKey("fts5") ? median(results.get("fts5"), "cpu") : null;
        for (Map.Entry<String, List<Map<String, Double>>> e : results.entrySet()) {
            List<Map<String, Double>> runs = e.getValue();
            double wall = median(runs, "wall");
            double cpu = median(runs, "cpu");
            out.printf(Locale.ROOT, "%-22s %,9.0f %8.1f %8.1f %4.1f/%4.1f %9s", e.getKey(), papers / wall, wall, cpu,
                    median(runs, "parseWall"), median(runs, "parseCpu"),
                    ftsCpu == null ? "-" : String.format(Locale.ROOT, "x%.2f", cpu / ftsCpu));
            for (String g : ThreadCpu.GROUPS) {
                out.printf(Locale.ROOT, " %7.1f", median(runs, g));
            }
            out.println();
        }
    }

    static double median(List<Map<String, Double>> runs, String key) {
        double[] v = runs.stream().mapToDouble(r -> r.getOrDefault(key, 0.0)).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static List<String> jvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments();
    }

    private Map<String, Double> runChild(String variant, Path corpus, Path dir) throws Exception {
        CompareBenchmark.deleteTree(dir);
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Child.class.getName(), variant,
                corpus.toString(), dir.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Map<String, Double> result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.println("  [" + variant + "] " + line);
                if (line.startsWith(RESULT)) {
                    result = parse(line.substring(RESULT.length()));
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException(variant + ": child failed (exit " + p.exitValue() + ")");
        }
        CompareBenchmark.deleteTree(dir);
        return result;
    }

    private static Map<String, Double> parse(String line) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String kv : line.trim().split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                try {
                    m.put(kv.substring(0, eq), Double.parseDouble(kv.substring(eq + 1)));
                } catch (NumberFormatException e) {
                    // a text value (the variant's name)
                }
            }
        }
        return m;
    }

    /** One variant in a fresh JVM: {@code variant corpus dir}; prints one {@code FLOOR} line of figures. */
    static final class Child {

        public static void main(String[] args) throws Exception {
            String variant = args[0];
            Path corpus = Path.of(args[1]);
            Path dir = Path.of(args[2]);
            double ramMb = Double.parseDouble(System.getProperty("floor.ramMB", "128"));
            Map<String, Double> figures = new LinkedHashMap<>();
            int docs;
            if (variant.equals("fts5")) {
                ThreadCpu.Snapshot s0 = ThreadCpu.take();
                long t0 = System.nanoTime();
                CompareBenchmark.buildFts5(corpus, dir.resolve("fts5.db")).close();
                docs = -1;
                record(figures, s0, t0);
            } else if (variant.equals("product")) {
                Files.createDirectories(dir.resolve("no-seeds"));
                Settings settings = Settings.of(Map.of("data.dir", dir.resolve("data").toString(),
                        "seeds.dir", dir.resolve("no-seeds").toString(), "search.cache-size", "0"));
                try (PaperScout app = PaperScout.open(settings, Clock.systemUTC())) {
                    ThreadCpu.Snapshot s0 = ThreadCpu.take();
                    long t0 = System.nanoTime();
                    docs = app.ingestor().ingest(List.of(corpus), Ingestor.Progress.NONE).loaded();
                    record(figures, s0, t0);
                }
            } else {
                ThreadCpu.Snapshot s0 = ThreadCpu.take();
                long t0 = System.nanoTime();
                List<Paper> papers = new Readers().forFile(corpus).read(corpus).papers();
                figures.put("parseWall", (System.nanoTime() - t0) / 1e9);
                figures.put("parseCpu", (ThreadCpu.processNanos() - s0.total()) / 1e9);
                int threads = Runtime.getRuntime().availableProcessors(); // as PaperIndex
                ExecutorService pool = Executors.newFixedThreadPool(threads, DaemonThreads.numbered("floor-writer"));
                try {
                    docs = IngestFloor.index(variant, papers, dir.resolve("index"), ramMb, pool, threads);
                    record(figures, s0, t0);
                } finally {
                    pool.shutdown();
                }
            }
            StringBuilder line = new StringBuilder(RESULT).append("variant=").append(variant)
                    .append(" docs=").append(docs);
            figures.forEach((k, v) -> line.append(' ').append(k).append('=')
                    .append(String.format(Locale.ROOT, "%.2f", v)));
            System.out.println(line);
        }

        private static void record(Map<String, Double> figures, ThreadCpu.Snapshot s0, long t0) throws IOException {
            figures.put("wall", (System.nanoTime() - t0) / 1e9);
            Map<String, Double> cpu = ThreadCpu.take().since(s0);
            figures.put("cpu", cpu.remove("total"));
            figures.putAll(cpu);
        }
    }
}
