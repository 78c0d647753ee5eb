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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.paperscout.catalog.Paper;

/**
 * Semantic search figures on a synthetic corpus: embedding throughput of the real model (first window and
 * pooled chunks), then at each size the rate of writing vectors into the index, hybrid /search and /similar
 * latency beside BM25-only, index size on disk and heap. The papers' vectors are random unit vectors (embedding
 * 1,000,000 synthetic abstracts would take hours and say nothing more about the index); queries are embedded by
 * the real model, uncached. Prints figures; asserts nothing.
 *
 * <p>Run: {@code bench semantic DIR 100000 [1000000] [--no-embedding]}; an index left in {@code DIR/index} by an
 * earlier run is reused (the corpus and its vectors are deterministic), {@code --no-embedding} skips the model's
 * throughput and the backfill-path figures.
 */
public final class SemanticBenchmark {

    private static final int VECTOR_BATCH = 2_000;
    private static final int QUERIES = 300;
    private static final int PROBE = 20_000;
    private static final int SLICE = 1_000;
    private static final int CHUNK = 50_000;
    /** Large in-memory segments: fewer flushed segments means fewer HNSW graphs merged into each other later. */
    private static final int BUILD_BUFFER_MB = 1_024;
    /**
     * The product's format (16 links, 7 bits) with a construction beam of 32 instead of 100: inserting a vector
     * into the graph was 61% of a 1,000,000-paper build's profile (dot products while searching the graph), and
     * at beam 100 on a shared 2-core machine the build ran at 170 papers/s. Segments record only the format's
     * name, so the product reads and merges the index with its own settings; searches use the same links and
     * search beam, over a graph built with less effort (a hard case, if anything, besides random vectors).
     */
    private static final Codec BUILD_CODEC = new Lucene912Codec() {
        private final KnnVectorsFormat quantized = new Lucene99HnswScalarQuantizedVectorsFormat(16, 32, 1, 7,
                false, null, null);

        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return quantized;
        }
    };

    private final PrintStream out;
    private final SyntheticCorpus corpus = new SyntheticCorpus(30_000);

    /** {@code --build-only}: build (or resume) the index and stop, so the build can run outside the measure lock. */
    private boolean buildOnly;
    /** {@code --merge N}: merge the index to at most N segments (the product's merge, timed) before measuring. */
    private int mergeTo;

    public SemanticBenchmark(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        List<Integer> sizes = rest.stream().filter(a -> !a.startsWith("--")).map(Integer::parseInt).toList();
        SemanticBenchmark bench = new SemanticBenchmark(System.out);
        bench.buildOnly = rest.contains("--build-only");
        int merge = rest.indexOf("--merge");
        bench.mergeTo = merge < 0 ? 0 : Integer.parseInt(rest.get(merge + 1));
        sizes = sizes.subList(0, merge < 0 ? sizes.size() : sizes.size() - 1); // N after --merge is not a size
        bench.run(dir, sizes, !rest.contains("--no-embedding"));
    }

    public void run(Path dir, List<Integer> sizes, boolean embedding) throws IOException {
        try (OnnxEmbedder embedder = OnnxEmbedder.load(OnnxEmbedder.Model.MINILM, OnnxEmbedder.Window.FIRST)) {
            if (embedding) {
                throughput(embedder, 2_000);
                try (OnnxEmbedder chunks = OnnxEmbedder.load(OnnxEmbedder.Model.MINILM,
                        OnnxEmbedder.Window.CHUNKS)) {
                    throughput(chunks, 1_000);
                }
                backfillRate(dir.resolve("backfill-probe"), embedder.dimensions());
            }
            Path indexDir = dir.resolve("index");
            for (int size : sizes) {
                // The corpus and the vectors are deterministic, so papers 0..n-1 left by an earlier run are reused.
                int indexed;
                try (PaperIndex index = PaperIndex.open(indexDir)) {
                    indexed = index.size();
                }
                if (indexed < size) {
                    build(indexDir, indexed, size, embedder.dimensions());
                }
                if (mergeTo > 0) {
                    merge(indexDir, size);
                }
                if (buildOnly) {
                    continue;
                }
                long heapBefore = SearchBenchmark.usedHeap();
                try (PaperIndex index = PaperIndex.open(indexDir)) {
                    long heapAfter = SearchBenchmark.usedHeap();
                    out.printf("%,d papers: heap after opening the index %.1f MB (JVM used %.1f MB), %d segments%n",
                            size, (heapAfter - heapBefore) / 1e6, heapAfter / 1e6, index.segmentCount());
                    latency(index, embedder, size);
                }
                out.printf("%,d papers: index size on disk %.1f MB (vectors: quantized %.1f MB, float %.1f MB, "
                        + "graph %.1f MB)%n", size, SearchBenchmark.folderSize(indexDir, "") / 1e6, SearchBenchmark.folderSize(indexDir, ".veq") / 1e6,
                        SearchBenchmark.folderSize(indexDir, ".vec") / 1e6, SearchBenchmark.folderSize(indexDir, ".vex") / 1e6);
            }
        }
    }

    /**
     * Merges the index to at most {@link #mergeTo} segments, timed, with the build's codec (construction beam 32,
     * as the build's own merges used), so a merged copy differs from the unmerged one in its segment count only.
     * The product merges with {@link PaperIndex#mergeDown} and its own beam of 100, which takes longer.
     */
    private void merge(Path indexDir, int size) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(PaperAnalyzers.create()).setCodec(BUILD_CODEC)
                .setOpenMode(IndexWriterConfig.OpenMode.APPEND).setUseCompoundFile(false);
        try (Directory directory = FSDirectory.open(indexDir); IndexWriter writer = new IndexWriter(directory, config)) {
            int before = org.apache.lucene.index.SegmentInfos.readLatestCommit(directory).size();
            double mbBefore = SearchBenchmark.folderSize(indexDir, "") / 1e6;
            long t = System.nanoTime();
            writer.forceMerge(mergeTo);
            writer.commit();
            out.printf("%,d papers: merged %d segments (%.0f MB) to %d (%.0f MB after) in %.0f s%n", size, before,
                    mbBefore, org.apache.lucene.index.SegmentInfos.readLatestCommit(directory).size(),
                    SearchBenchmark.folderSize(indexDir, "") / 1e6, (System.nanoTime() - t) / 1e9);
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

    /**
     * The backfill's own rate on {@link #PROBE} papers in a scratch index: ingested without vectors, then given
     * random unit vectors through {@code addVectors}, which rebuilds each document from its stored fields.
     */
    private void backfillRate(Path probeDir, int dims) throws IOException {
        org.apache.lucene.util.IOUtils.rm(probeDir);
        try (PaperIndex index = PaperIndex.open(probeDir)) {
            List<Paper> papers = new ArrayList<>(PROBE);
            for (int n = 0; n < PROBE; n++) {
                papers.add(corpus.paper(n));
            }
            index.upsert(papers);
            Random r = new Random(PROBE);
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
            out.printf("backfill path: wrote %,d vectors (HNSW, 7-bit) in %.1f s = %,.0f vectors/s (embedding "
                    + "excluded; re-adds each document from its stored fields)%n", written, seconds, written / seconds);
        } finally {
            org.apache.lucene.util.IOUtils.rm(probeDir);
        }
    }

    /**
     * Writes papers {@code from..size} with their random unit vectors in the same documents, through the
     * product's document builder, analyzer and codec, one writer thread per core. Re-adding 900,000 documents
     * through the backfill path had not finished after 18 minutes; written at build time, each document is
     * analysed once and the HNSW graph is built as segments fill.
     */
    private void build(Path indexDir, int from, int size, int dims) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(PaperAnalyzers.create())
                .setCodec(BUILD_CODEC)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(BUILD_BUFFER_MB)
                // Plain files, so the size on disk can be told by part (quantized, float, graph).
                .setUseCompoundFile(false);
        if (config.getMergePolicy() instanceof org.apache.lucene.index.TieredMergePolicy tiered) {
            tiered.setNoCFSRatio(0);
        }
        long t = System.nanoTime();
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Directory directory = FSDirectory.open(indexDir); IndexWriter writer = new IndexWriter(directory, config)) {
            // Committed every CHUNK papers, all of them below the mark: a stopped build resumes from index.size().
            for (int chunkStart = from; chunkStart < size; chunkStart += CHUNK) {
                int chunkEnd = Math.min(size, chunkStart + CHUNK);
                AtomicInteger next = new AtomicInteger(chunkStart);
                List<Future<?>> parts = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    parts.add(pool.submit(() -> {
                        for (int start = next.getAndAdd(SLICE); start < chunkEnd; start = next.getAndAdd(SLICE)) {
                            // Seeded by the slice, so a paper's vector does not depend on thread timing.
                            Random r = new Random(start);
                            for (int n = start; n < Math.min(chunkEnd, start + SLICE); n++) {
                                writer.addDocument(PaperDocuments.toDocument(corpus.paper(n), randomUnit(r, dims)));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : parts) {
                    f.get();
                }
                writer.commit();
                out.printf("  %,d papers committed, %.0f s%n", chunkEnd, (System.nanoTime() - t) / 1e9);
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IOException(e);
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        out.printf("%,d papers: wrote %,d papers with vectors (HNSW, 7-bit) in %.0f s = %,.0f papers/s, merges "
                + "included%n", size, size - from, seconds, (size - from) / seconds);
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
        knnAlone(index, hybrid, embedder.dimensions(), size);
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

    /**
     * The kNN part alone, on random unit queries: as hybrid /search runs it (top 50, no filter), and as /similar
     * does (top 30 but one paper, the one it is about).
     */
    private void knnAlone(PaperIndex index, SearchService search, int dims, int size) {
        Random r = new Random(11);
        long[] plain = new long[QUERIES];
        long[] similar = new long[QUERIES];
        for (int i = -30; i < QUERIES; i++) {
            float[] q = randomUnit(r, dims);
            String id = corpus.paper(r.nextInt(size)).id();
            long t = System.nanoTime();
            index.search(s -> IndexVectors.nearest(s, q, SemanticSearch.CANDIDATES, null));
            long t2 = System.nanoTime();
            search.nearest(q, 30, null, List.of(id));
            long t3 = System.nanoTime();
            if (i >= 0) {
                plain[i] = t2 - t;
                similar[i] = t3 - t2;
            }
        }
        Arrays.sort(plain);
        Arrays.sort(similar);
        out.printf("%,d papers: kNN alone, top 50 p50 %.2f ms, p99 %.2f ms; top 30 but one paper p50 %.2f ms, "
                + "p99 %.2f ms%n", size, SearchBenchmark.pct(plain, 50) / 1e6, SearchBenchmark.pct(plain, 99) / 1e6,
                SearchBenchmark.pct(similar, 50) / 1e6, SearchBenchmark.pct(similar, 99) / 1e6);
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
