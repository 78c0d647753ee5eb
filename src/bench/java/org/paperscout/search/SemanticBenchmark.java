package org.paperscout.search;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.paperscout.catalog.Paper;

/**
 * Semantic search figures on a synthetic corpus: embedding throughput of the real model (first window and
 * pooled chunks), then at each size the rate of writing vectors into the index, hybrid /search and /similar
 * latency beside BM25-only, index size on disk and heap. The papers' vectors are random unit vectors (embedding
 * 1,000,000 synthetic abstracts would take hours and say nothing more about the index); queries are embedded by
 * the real model, uncached. Prints figures; asserts nothing.
 *
 * <p>Run: {@code bench semantic DIR 100000 [1000000]}
 */
public final class SemanticBenchmark {

    private static final int BATCH = 50_000;
    private static final int VECTOR_BATCH = 2_000;
    private static final int QUERIES = 300;

    private final PrintStream out;
    private final SyntheticCorpus corpus = new SyntheticCorpus(30_000);

    public SemanticBenchmark(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        List<Integer> sizes = Arrays.stream(args).skip(1).map(Integer::parseInt).toList();
        new SemanticBenchmark(System.out).run(dir, sizes);
    }

    public void run(Path dir, List<Integer> sizes) throws IOException {
        try (OnnxEmbedder embedder = OnnxEmbedder.load(OnnxEmbedder.Model.MINILM, OnnxEmbedder.Window.FIRST)) {
            throughput(embedder, 2_000);
            try (OnnxEmbedder chunks = OnnxEmbedder.load(OnnxEmbedder.Model.MINILM, OnnxEmbedder.Window.CHUNKS)) {
                throughput(chunks, 1_000);
            }
            Path indexDir = dir.resolve("index");
            int indexed = 0;
            for (int size : sizes) {
                try (PaperIndex index = PaperIndex.open(indexDir)) {
                    fill(index, indexed, size, embedder.dimensions());
                }
                indexed = size;
                long heapBefore = SearchBenchmark.usedHeap();
                try (PaperIndex index = PaperIndex.open(indexDir)) {
                    long heapAfter = SearchBenchmark.usedHeap();
                    out.printf("%,d papers: heap after opening the index %.1f MB (JVM used %.1f MB)%n", size,
                            (heapAfter - heapBefore) / 1e6, heapAfter / 1e6);
                    latency(index, embedder, size);
                }
                out.printf("%,d papers: index size on disk %.1f MB (vectors: quantized %.1f MB, float %.1f MB, "
                        + "graph %.1f MB)%n", size, SearchBenchmark.folderSize(indexDir, "") / 1e6, SearchBenchmark.folderSize(indexDir, ".veq") / 1e6,
                        SearchBenchmark.folderSize(indexDir, ".vec") / 1e6, SearchBenchmark.folderSize(indexDir, ".vex") / 1e6);
            }
        }
    }

    private void throughput(OnnxEmbedder embedder, int papers) {
        List<String> texts = new ArrayList<>();
        for (int n = 0; n < papers; n++) {
            texts.add(Embedder.paperText(corpus.paper(n)));
        }
        embedder.embed(texts.subList(0, 64)); // warm-up
        long t = System.nanoTime();
        for (int from = 0; from < texts.size(); from += 256) {
            embedder.embed(texts.subList(from, Math.min(texts.size(), from + 256)));
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        out.printf("embedding %s: %,d papers (abstracts of ~1,600 characters) in %.1f s = %.0f papers/s, %d cores%n",
                embedder.modelName(), papers, seconds, papers / seconds, Runtime.getRuntime().availableProcessors());
    }

    /** Ingests papers {@code from..size} without vectors, then gives them random unit vectors as the backfill does. */
    private void fill(PaperIndex index, int from, int size, int dims) throws IOException {
        for (int start = from; start < size; start += BATCH) {
            List<Paper> batch = new ArrayList<>(BATCH);
            for (int n = start; n < Math.min(size, start + BATCH); n++) {
                batch.add(corpus.paper(n));
            }
            index.upsert(batch);
        }
        Random r = new Random(size);
        long t = System.nanoTime();
        int written = 0;
        String after = null;
        while (true) {
            String cursor = after;
            List<Paper> missing = index.search(s -> IndexVectors.missing(s, cursor, VECTOR_BATCH));
            if (missing.isEmpty()) {
                break;
            }
            after = missing.get(missing.size() - 1).id();
            Map<String, float[]> vectors = new HashMap<>();
            Map<String, String> texts = new HashMap<>();
            for (Paper p : missing) {
                vectors.put(p.id(), randomUnit(r, dims));
                texts.put(p.id(), Embedder.paperText(p));
            }
            written += index.addVectors(vectors, texts);
        }
        index.commitVectors();
        double seconds = (System.nanoTime() - t) / 1e9;
        out.printf("%,d papers: wrote %,d vectors (HNSW, 7-bit) in %.1f s = %,.0f vectors/s (backfill path, "
                + "embedding excluded)%n", size, written, seconds, written / seconds);
    }

    private void latency(PaperIndex index, Embedder embedder, int size) {
        SearchConfig noCache = new SearchConfig(0, Duration.ofSeconds(1), Duration.ofSeconds(5));
        SearchService lexical = new SearchService(index, noCache);
        // A query cache of 1: every query is embedded by the model, the worst case.
        SearchService hybrid = new SearchService(index, noCache, new SemanticSearch(embedder, ScoreFusion.DEFAULT, 1));
        Random qr = new Random(9);
        long[] embedNanos = new long[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            String q = corpus.query(qr, 3);
            long t = System.nanoTime();
            embedder.embedQuery(q);
            embedNanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(embedNanos);
        out.printf("query embedding alone (3 words): p50 %.2f ms, p99 %.2f ms%n", SearchBenchmark.pct(embedNanos, 50) / 1e6,
                SearchBenchmark.pct(embedNanos, 99) / 1e6);
        // A large query cache, queries repeated: the model is out of the loop, the index part alone.
        SearchService cached = new SearchService(index, noCache,
                new SemanticSearch(embedder, ScoreFusion.DEFAULT, 10_000));
        for (int words : new int[] {1, 3, 6}) {
            measure(cached, words); // fills the query-embedding cache with this length's queries
            out.printf("%,d papers: /search %d-word BM25 only %s; hybrid %s; hybrid, query embedding cached %s%n",
                    size, words, measure(lexical, words), measure(hybrid, words), measure(cached, words));
        }
        Random r = new Random(5);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            ids.add(corpus.paper(r.nextInt(size)).id());
        }
        long[] nanos = new long[QUERIES];
        ids.subList(0, 30).forEach(id -> hybrid.similar(id, 5));
        for (int i = 0; i < QUERIES; i++) {
            long t = System.nanoTime();
            hybrid.similar(ids.get(i), 5);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        out.printf("%,d papers: /similar (kNN + more-like-this) p50 %.2f ms, p99 %.2f ms%n", size,
                SearchBenchmark.pct(nanos, 50) / 1e6, SearchBenchmark.pct(nanos, 99) / 1e6);
    }

    private String measure(SearchService search, int words) {
        Random r = new Random(words);
        for (int i = 0; i < 30; i++) {
            search.search(SearchRequest.of(corpus.query(r, words), 5));
        }
        long[] nanos = new long[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            String q = corpus.query(r, words);
            long t = System.nanoTime();
            search.search(SearchRequest.of(q, 5));
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return String.format(java.util.Locale.ROOT, "p50 %.2f ms, p99 %.2f ms", SearchBenchmark.pct(nanos, 50) / 1e6,
                SearchBenchmark.pct(nanos, 99) / 1e6);
    }

    private static float[] randomUnit(Random r, int dims) {
        float[] v = new float[dims];
        for (int d = 0; d < dims; d++) {
            v[d] = (float) r.nextGaussian();
        }
        OnnxEmbedder.normalise(v);
        return v;
    }
}
