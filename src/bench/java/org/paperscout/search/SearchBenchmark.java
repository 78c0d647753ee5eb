package org.paperscout.search;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.paperscout.catalog.Paper;

/**
 * Indexing rate, search latency (top 5 with snippets, cache off) for 1-, 3- and 6-word queries, heap after
 * opening, and start-up time from an existing index, on a synthetic corpus. Prints figures; asserts nothing.
 */
public final class SearchBenchmark {

    private static final int BATCH = 50_000;

    private final PrintStream out;
    private final SyntheticCorpus corpus = new SyntheticCorpus(30_000);

    public SearchBenchmark(PrintStream out) {
        this.out = out;
    }

    /**
     * @param sizes      corpus sizes, each built on top of the previous one in the same index
     * @param queries    queries per query length
     * @param startup    measures start-up in a fresh JVM running the given command with the index's data folder
     */
    public void run(Path dir, List<Integer> sizes, int queries, StartupProbe startup) throws IOException {
        Path indexDir = dir.resolve("index");
        int indexed;
        // The corpus is deterministic, so an index left in --dir by an earlier run holds papers 0..n-1 already:
        // rebuilding 1,000,000 papers to tune a query would cost minutes per try.
        try (PaperIndex index = PaperIndex.open(indexDir)) {
            indexed = index.size();
        }
        if (indexed > 0) {
            out.printf("reusing the %,d papers already in %s%n", indexed, indexDir);
        }
        for (int size : sizes) {
            if (size < indexed) {
                out.printf("%,d papers: skipped, the index in %s already holds more%n", size, indexDir);
                continue;
            }
            if (size == indexed) {
                measure(indexDir, size, queries, startup, dir);
                continue;
            }
            long indexNanos = 0;
            try (PaperIndex index = PaperIndex.open(indexDir)) {
                for (int from = indexed; from < size; from += BATCH) {
                    List<Paper> batch = new ArrayList<>(BATCH);
                    for (int n = from; n < Math.min(size, from + BATCH); n++) {
                        batch.add(corpus.paper(n));
                    }
                    long t0 = System.nanoTime(); // generation is not indexing: time the upsert only
                    index.upsert(batch);
                    indexNanos += System.nanoTime() - t0;
                }
            }
            int added = size - indexed;
            indexed = size;
            out.printf("%,d papers: indexed %,d in %.1f s = %,.0f papers/s%n", size, added, indexNanos / 1e9,
                    added / (indexNanos / 1e9));

            measure(indexDir, size, queries, startup, dir);
        }
        out.printf("index size on disk: %.1f MB%n", folderSize(indexDir, "") / 1e6);
    }

    private void measure(Path indexDir, int size, int queries, StartupProbe startup, Path dir) throws IOException {
        long heapBefore = usedHeap();
        try (PaperIndex index = PaperIndex.open(indexDir)) {
            long heapAfter = usedHeap();
            out.printf("%,d papers: heap after opening the index %.1f MB (JVM used %.1f MB)%n", size,
                    (heapAfter - heapBefore) / 1e6, heapAfter / 1e6);
            SearchService search = new SearchService(index,
                    new SearchConfig(0, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(5)));
            // The first queries of a JVM touch heap pages for the first time as the young generation grows: each
            // a page fault (about 15 us on this VM), 500-1,100 of them in the slowest 1-word queries when 1-word
            // queries came first. A running bot pays that once, so every length is warmed up before any is timed.
            for (int words : new int[] {1, 3, 6}) {
                Random warm = new Random(100 + words);
                for (int i = 0; i < queries; i++) {
                    search.search(SearchRequest.of(corpus.query(warm, words), 5));
                }
            }
            for (int words : new int[] {1, 3, 6}) {
                Random r = new Random(words);
                for (int i = 0; i < Math.min(50, queries); i++) {
                    search.search(SearchRequest.of(corpus.query(r, words), 5)); // warm-up
                }
                String[] qs = new String[queries];
                for (int i = 0; i < queries; i++) {
                    qs[i] = corpus.query(r, words);
                }
                long[] cpu = new long[queries];
                long faults = pageFaults();
                long[] first = timeAll(search, qs, cpu);
                faults = pageFaults() - faults;
                long[] sorted = first.clone();
                Arrays.sort(sorted);
                long[] cpuSorted = cpu.clone();
                Arrays.sort(cpuSorted);
                // CPU time of the query's thread is what the code costs; wall time adds waiting for a core, which
                // on a shared machine can be most of it.
                out.printf("%,d papers: /search %d-word p50 %.2f ms, p99 %.2f ms (%d queries, top 5 with "
                        + "snippets); CPU time p50 %.2f ms, p99 %.2f ms%n", size, words, pct(sorted, 50) / 1e6,
                        pct(sorted, 99) / 1e6, queries, pct(cpuSorted, 50) / 1e6, pct(cpuSorted, 99) / 1e6);
                out.printf("  %d-word page faults of the querying thread: %.1f per query%n", words,
                        faults / (double) queries);
                tails(index, search, words, qs, first, cpu);
            }
        }
        if (startup != null) {
            long[] runs = new long[3];
            for (int i = 0; i < runs.length; i++) {
                runs[i] = startup.measure(dir);
            }
            Arrays.sort(runs);
            out.printf("%,d papers: start-up from the existing index (new JVM, open, one search, exit) "
                    + "median %.2f s%n", size, runs[1] / 1e9);
        }
    }

    /** Minor and major page faults of the calling thread so far (Linux); -1 elsewhere. */
    static long pageFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[7]) + Long.parseLong(f[9]); // minflt and majflt, fields 10 and 12 of stat
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** Wall time of each query; its CPU time goes into {@code cpu} (when not null). */
    private static long[] timeAll(SearchService search, String[] qs, long[] cpu) {
        long[] nanos = new long[qs.length];
        for (int i = 0; i < qs.length; i++) {
            long c = THREADS.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            search.search(SearchRequest.of(qs[i], 5));
            nanos[i] = System.nanoTime() - t;
            if (cpu != null) {
                cpu[i] = THREADS.getCurrentThreadCpuTime() - c;
            }
        }
        return nanos;
    }

    /**
     * Whether the slow queries are slow because of what they ask (then they are slow again when re-run) or by
     * chance (JIT, safepoints, page faults, a neighbour on the machine): the same queries are timed a second
     * time, and the slowest ones of the first pass are shown beside their second time, their match count and
     * the time of the ranking alone (no stored fields, no snippets).
     */
    private void tails(PaperIndex index, SearchService search, int words, String[] qs, long[] first, long[] cpu)
            throws IOException {
        long[] cpuAgain = new long[qs.length];
        long[] second = timeAll(search, qs, cpuAgain);
        long[] sorted = second.clone();
        Arrays.sort(sorted);
        Integer[] order = new Integer[qs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(first[b], first[a]));
        long slowSecond = pct(sorted, 95);
        int slowest = Math.max(1, qs.length / 100);
        int again = 0;
        for (int k = 0; k < slowest; k++) {
            again += second[order[k]] >= slowSecond ? 1 : 0;
        }
        out.printf("  %d-word re-run: p50 %.2f ms, p99 %.2f ms; of the %d slowest first-pass queries %d are in the "
                + "re-run's slowest 5%%; rank correlation of the two passes %.2f%n", words, pct(sorted, 50) / 1e6,
                pct(sorted, 99) / 1e6, slowest, again, spearman(first, second));
        long[] cpuAgainSorted = cpuAgain.clone();
        Arrays.sort(cpuAgainSorted);
        out.printf("  %d-word re-run CPU time p50 %.2f ms, p99 %.2f ms; rank correlation of the two passes' CPU times "
                + "%.2f%n", words, pct(cpuAgainSorted, 50) / 1e6, pct(cpuAgainSorted, 99) / 1e6,
                spearman(cpu, cpuAgain));
        for (int k = 0; k < Math.min(5, qs.length); k++) {
            int i = order[k];
            Query parsed = new QueryParsing(index.analyzer()).parse(QueryParsing.normalise(qs[i]));
            long[] hits = new long[1];
            long t = System.nanoTime();
            index.search(s -> {
                hits[0] = new IndexSearcher(s.getIndexReader()).search(parsed, 5, PaperIndex.RELEVANCE, true)
                        .totalHits.value;
                return null;
            });
            long rankOnly = System.nanoTime() - t;
            out.printf("    %6.2f / %6.2f ms (CPU %5.2f / %5.2f ms, ranking alone %5.2f ms, %,7d+ matches) %s%n",
                    first[i] / 1e6, second[i] / 1e6, cpu[i] / 1e6, cpuAgain[i] / 1e6, rankOnly / 1e6, hits[0], qs[i]);
        }
    }

    private static double spearman(long[] a, long[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double n = a.length;
        double d2 = 0;
        for (int i = 0; i < a.length; i++) {
            d2 += (ra[i] - rb[i]) * (ra[i] - rb[i]);
        }
        return 1 - 6 * d2 / (n * (n * n - 1));
    }

    private static double[] ranks(long[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(v[x], v[y]));
        double[] rank = new double[v.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }

    /** Starts the app in a fresh process against a data folder and returns the wall time in nanoseconds. */
    @FunctionalInterface
    public interface StartupProbe {
        long measure(Path dataDir) throws IOException;
    }

    /** The probe that runs this jar's {@code search} command in a child JVM. */
    public static StartupProbe childJvm() {
        return dataDir -> {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "org.paperscout.Main", "search", "memory", "transformer");
            pb.environment().putAll(Map.of("PAPERSCOUT_DATA_DIR", dataDir.toString(),
                    "PAPERSCOUT_SEEDS_DIR", dataDir.resolve("no-seeds").toString()));
            Files.createDirectories(dataDir.resolve("no-seeds")); // seeds.dir must exist; empty means seed nothing
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            long t = System.nanoTime();
            Process p = pb.start();
            try {
                if (p.waitFor() != 0) {
                    throw new IOException("start-up probe exited with " + p.exitValue());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            return System.nanoTime() - t;
        };
    }

    public static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Bytes of the files under {@code dir} whose names end with {@code suffix} ("" for all). */
    public static long folderSize(Path dir, String suffix) throws IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(suffix))
                    .mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
