package org.paperscout.search;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Embedding throughput of the real model under variants of batching, threads and ONNX Runtime session options,
 * as wall papers/s and as CPU-seconds per 1,000 papers (the process's CPU time, ONNX Runtime's native threads
 * included: on a machine shared with other builds the wall figure moves with their load, the CPU figure much
 * less). Each variant also reports the lowest cosine between its vectors and the baseline's on the same texts.
 * Prints figures; asserts nothing.
 *
 * <p>Run: {@code bench embedding [papers, default 1024] [repeats, default 3] [variant names...]}
 */
public final class EmbeddingBenchmark {

    /**
     * One way of running the model: ONNX threads per run, runs of one call at once, callers at once, windows per
     * run, session entries.
     */
    record Variant(String name, int threads, int runs, int callers, int batch, Map<String, String> config) {
    }

    static final List<Variant> VARIANTS = List.of(
            new Variant("spinning (before; 2 threads, sub-batch 32)", 2, 1, 1, 32, Map.of()),
            new Variant("no spinning (2 threads, one run at a time)", 2, 1, 1, 32, OnnxEmbedder.SESSION_CONFIG),
            new Variant("product (2 runs at once x 1 thread)", 1, 2, 1, 32, OnnxEmbedder.SESSION_CONFIG),
            new Variant("sub-batch 8", 2, 1, 1, 8, Map.of()),
            new Variant("sub-batch 16", 2, 1, 1, 16, Map.of()),
            new Variant("sub-batch 64", 2, 1, 1, 64, Map.of()),
            new Variant("sub-batch 256", 2, 1, 1, 256, Map.of()),
            new Variant("1 thread", 1, 1, 1, 32, Map.of()),
            new Variant("2 callers x 1 thread", 1, 1, 2, 32, Map.of()),
            new Variant("dynamic block base 4", 2, 1, 1, 32, Map.of("session.dynamic_block_base", "4")));

    private final PrintStream out;
    private final SyntheticCorpus corpus = new SyntheticCorpus(30_000);

    EmbeddingBenchmark(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int papers = args.length > 0 ? Integer.parseInt(args[0]) : 1_024;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> only = Arrays.asList(args).subList(Math.min(2, args.length), args.length);
        new EmbeddingBenchmark(System.out).run(papers, repeats, only);
    }

    void run(int papers, int repeats, List<String> only) throws Exception {
        List<String> texts = new ArrayList<>();
        for (int n = 0; n < papers; n++) {
            texts.add(Embedder.paperText(corpus.paper(n)));
        }
        out.printf("ONNX Runtime %s, %d cores, %,d papers of ~1,600 characters, %d repeats, medians%n",
                ai.onnxruntime.OrtEnvironment.class.getPackage().getImplementationVersion(),
                Runtime.getRuntime().availableProcessors(), papers, repeats);
        float[][] reference = null;
        for (Variant v : VARIANTS) {
            if (!only.isEmpty() && only.stream().noneMatch(v.name()::startsWith)) {
                continue;
            }
            try (OnnxEmbedder embedder = new OnnxEmbedder(OnnxEmbedder.Model.MINILM, OnnxEmbedder.Window.FIRST,
                    v.threads(), v.runs(), v.batch(), v.config())) {
                embedder.embed(texts.subList(0, 64)); // warm-up
                double[] rates = new double[repeats];
                double[] cpu = new double[repeats];
                float[][] vectors = null;
                for (int i = 0; i < repeats; i++) {
                    long cpu0 = processCpuNanos();
                    long t0 = System.nanoTime();
                    vectors = embedAll(embedder, texts, v.callers());
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    rates[i] = papers / seconds;
                    cpu[i] = (processCpuNanos() - cpu0) / 1e9 / papers * 1_000;
                }
                if (reference == null) {
                    reference = vectors;
                }
                double[] query = queryMillis(embedder);
                out.printf(Locale.ROOT, "%-44s %6.1f papers/s  %6.1f CPU-s per 1,000  min cosine to first %.5f"
                        + "  query p50 %.2f p99 %.2f ms  (load %s)%n", v.name(), median(rates), median(cpu),
                        minCosine(reference, vectors), query[0], query[1], load());
            }
        }
    }

    /** p50 and p99 of embedding a three-word query, as /search does for each new query. */
    private static double[] queryMillis(OnnxEmbedder embedder) {
        String[] words = {"graph", "neural", "retrieval", "protein", "language", "quantum", "sparse", "robot"};
        double[] ms = new double[400];
        for (int i = 0; i < ms.length; i++) {
            String q = words[i % 8] + " " + words[(i / 8) % 8] + " " + words[(i / 64 + 3) % 8] + " " + i;
            long t0 = System.nanoTime();
            embedder.embedQuery(q);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double[] s = Arrays.copyOfRange(ms, 100, ms.length); // the first hundred warm up
        Arrays.sort(s);
        return new double[] {s[s.length / 2], s[(int) Math.ceil(s.length * 0.99) - 1]};
    }

    /** Embeds in calls of 256 texts, as the backfill does, from {@code callers} threads taking calls in turn. */
    private static float[][] embedAll(OnnxEmbedder embedder, List<String> texts, int callers) throws Exception {
        float[][] result = new float[texts.size()][];
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int from = 0; from < texts.size(); from += 256) {
                int start = from;
                int end = Math.min(texts.size(), from + 256);
                calls.add(pool.submit(() -> {
                    float[][] part = embedder.embed(texts.subList(start, end));
                    System.arraycopy(part, 0, result, start, part.length);
                    return null;
                }));
            }
            for (Future<?> f : calls) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return result;
    }

    static double minCosine(float[][] a, float[][] b) {
        double min = 1;
        for (int i = 0; i < a.length; i++) {
            double dot = 0;
            for (int d = 0; d < a[i].length; d++) {
                dot += a[i][d] * b[i][d];
            }
            min = Math.min(min, dot);
        }
        return min;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String load() {
        return String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
