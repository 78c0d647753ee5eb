package org.paperscout.search;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.paperscout.util.DaemonThreads;

/**
 * Sentence embeddings in process with ONNX Runtime and a model shipped as a classpath resource (no network).
 * The only class that touches the embedding runtime (kept so by {@code EmbeddingConfinementTest}).
 *
 * <p>The bundled models read at most 128 word pieces. A longer text is cut into windows of that size, each
 * window embedded, and the windows' vectors averaged, weighted by their length, so the whole title and abstract
 * count ({@link Window#CHUNKS}); {@link Window#FIRST}, the default, keeps the title and the abstract's opening:
 * on CACM it ranks as well and embeds twice as fast (README, "Semantic search"). Texts are sorted by length and run
 * in batches so padding stays short; the batches of one call run side by side, one per core (two here), each on
 * one ONNX thread.
 */
public final class OnnxEmbedder implements Embedder, AutoCloseable {

    /** The models this class can load; the choice is the config key {@code search.model}. */
    public enum Model {
        MINILM("all-minilm-l6-v2-q", "/all-minilm-l6-v2-q.onnx", "/all-minilm-l6-v2-q-tokenizer.json", true, ""),
        BGE_SMALL("bge-small-en-v1.5-q", "/bge-small-en-v1.5-q.onnx", "/bge-small-en-v1.5-q-tokenizer.json", false,
                "Represent this sentence for searching relevant passages: ");

        final String displayName;
        final String modelResource;
        final String tokenizerResource;
        /** Mean of the token vectors (MiniLM) or the [CLS] vector (BGE), as each model was trained. */
        final boolean meanPooling;
        final String queryPrefix;

        Model(String displayName, String model, String tokenizer, boolean meanPooling, String queryPrefix) {
            this.displayName = displayName;
            this.modelResource = model;
            this.tokenizerResource = tokenizer;
            this.meanPooling = meanPooling;
            this.queryPrefix = queryPrefix;
        }

        public static Model parse(String name) {
            String n = name.strip().toLowerCase(Locale.ROOT);
            for (Model m : values()) {
                if (m.displayName.equals(n) || m.name().toLowerCase(Locale.ROOT).equals(n)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown embedding model '" + name + "'; known: minilm, bge_small");
        }
    }

    /** How a text longer than the model's window is represented. */
    public enum Window {
        /** The first 128 word pieces only. */
        FIRST,
        /** Every 128-piece window, averaged. */
        CHUNKS
    }

    /**
     * ONNX Runtime's worker threads spin between the model's operators by default, burning a core while they
     * wait. On this 2-core machine the bot shares with the index writer, search and other processes, that cost a
     * quarter of the CPU an embedding takes: measured with {@code bench embedding} under load 15-17, 21.4 CPU-s
     * per 1,000 papers spinning against 14.6 without, 10.8 against 12.2 papers/s, vectors identical (cosine 1.0).
     */
    static final Map<String, String> SESSION_CONFIG = Map.of("session.intra_op.allow_spinning", "0");
    static final int MAX_TOKENS = 128;
    /**
     * How much of a long text is tokenised for the first window: English abstracts run 4 to 6 characters a piece, so
     * this holds about 170 pieces for the window's 126; a text whose opening holds fewer is tokenised whole. Whole
     * 1,600-character abstracts took 0.64-0.70 CPU-s of tokenising per 1,000 papers in the backfill, openings 0.38
     * (README, "The backfill at 1,000,000 papers").
     */
    static final int FIRST_WINDOW_CHARS = 1_000;
    /**
     * Windows per ONNX run; measured on 2 cores: 8 gives 130 papers/s, 16 133, 32 140, 64 122. Changing it
     * changes the vectors a little (the int8 model scales activations over the whole run: lowest cosine to
     * today's 0.983 for 8, 0.987 for 64 and 256, on 512 synthetic abstracts), so it stays unless a size is
     * clearly faster: none was under load in 2026-12-06's {@code bench embedding} (21-23 CPU-s per 1,000 papers
     * for 8-256 alike).
     */
    private static final int BATCH = 32;

    private final Model model;
    private final Window window;
    private final int batch;
    /** Runs a call's batches side by side; null when they run one after another on the caller's thread. */
    private final ExecutorService runners;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean wantsTypeIds;
    private final int dimensions;
    private final long cls;
    private final long sep;
    /**
     * Runs hold the read side, {@link #close} the write side: closing the native session under a run in flight
     * (a backfill batch still going when shutdown stops waiting for it) crashed the JVM on exit.
     */
    final ReentrantReadWriteLock running = new ReentrantReadWriteLock();
    private boolean closed;

    /**
     * A model whose calls run up to {@code threads} batches at once, each on one ONNX thread. On 2 cores that
     * embeds a median 156 papers/s against 126 for one batch at a time on two ONNX threads, and a three-word query
     * takes 0.9 ms (p50) against 1.8: one thread has no hand-offs between operators (five alternated pairs, each in
     * a JVM of its own, quiet machine, {@code bench embedding}, 2026-12-06). The vectors are the same: a batch
     * computes the same whichever thread runs it.
     */
    public OnnxEmbedder(Model model, Window window, int threads) {
        this(model, window, 1, threads, BATCH, SESSION_CONFIG);
    }

    /**
     * With {@code intraOpThreads} ONNX threads per run, {@code parallelRuns} runs at once, {@code batch} windows per
     * run and extra ONNX Runtime session config entries (for measuring variants; the product uses the defaults
     * above).
     */
    OnnxEmbedder(Model model, Window window, int intraOpThreads, int parallelRuns, int batch,
                 Map<String, String> sessionConfig) {
        this.model = model;
        this.window = window;
        this.batch = batch;
        this.runners = parallelRuns > 1
                ? Executors.newFixedThreadPool(parallelRuns, DaemonThreads.numbered("embedding-run")) : null;
        try {
            this.env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Math.max(1, intraOpThreads));
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            for (Map.Entry<String, String> e : sessionConfig.entrySet()) {
                options.addConfigEntry(e.getKey(), e.getValue());
            }
            this.session = env.createSession(resource(model.modelResource), options);
            // Truncation and padding are done here (windows, per-batch padding), not by the tokenizer.
            Map<String, String> tokenizerOptions = Map.of("padding", "false", "truncation", "false",
                    "addSpecialTokens", "false");
            try (InputStream in = stream(model.tokenizerResource)) {
                this.tokenizer = HuggingFaceTokenizer.newInstance(in, tokenizerOptions);
            }
            this.wantsTypeIds = session.getInputNames().contains("token_type_ids");
            this.cls = tokenizer.encode("[CLS]", false, false).getIds()[0];
            this.sep = tokenizer.encode("[SEP]", false, false).getIds()[0];
            this.dimensions = run(List.of(new long[] {cls, sep})).get(0).length;
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load embedding model " + model.displayName, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A model with one ONNX thread per core. */
    public static OnnxEmbedder load(Model model, Window window) {
        return new OnnxEmbedder(model, window, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public String modelName() {
        return model.displayName + (window == Window.FIRST ? " (first 128 pieces)" : "");
    }

    @Override
    public float[] embedQuery(String query) {
        return embed(List.of(model.queryPrefix + query))[0];
    }

    @Override
    public float[][] embed(List<String> texts) {
        running.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the embedding model is closed");
            }
            return embedOpen(texts);
        } finally {
            running.readLock().unlock();
        }
    }

    private float[][] embedOpen(List<String> texts) {
        // Every text becomes one or more windows of at most MAX_TOKENS pieces, [CLS] and [SEP] included.
        List<long[]> windows = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        long[][] pieces = pieces(texts.stream().map(t -> t == null ? "" : t).toList());
        for (int t = 0; t < pieces.length; t++) {
            long[] ids = pieces[t];
            int body = MAX_TOKENS - 2;
            int count = window == Window.FIRST ? 1 : Math.max(1, (ids.length + body - 1) / body);
            for (int w = 0; w < count; w++) {
                int from = w * body;
                int to = Math.min(ids.length, from + body);
                long[] win = new long[to - from + 2];
                win[0] = cls;
                System.arraycopy(ids, from, win, 1, to - from);
                win[win.length - 1] = sep;
                windows.add(win);
                owners.add(t);
            }
        }
        int[] owner = owners.stream().mapToInt(Integer::intValue).toArray();
        Integer[] order = new Integer[windows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> windows.get(i).length));
        float[][] windowVectors = new float[windows.size()][];
        List<Integer> starts = new ArrayList<>();
        for (int from = 0; from < order.length; from += batch) {
            starts.add(from);
        }
        try {
            if (runners == null || starts.size() == 1) {
                for (int from : starts) {
                    runBatch(windows, order, from, windowVectors);
                }
            } else {
                List<Future<Void>> runs = new ArrayList<>();
                for (int from : starts) {
                    runs.add(runners.submit(() -> {
                        runBatch(windows, order, from, windowVectors);
                        return null;
                    }));
                }
                for (Future<Void> f : runs) {
                    f.get();
                }
            }
        } catch (OrtException | ExecutionException e) {
            throw new IllegalStateException("embedding failed", e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding", e);
        }
        float[][] result = new float[texts.size()][];
        for (int w = 0; w < windowVectors.length; w++) {
            float[] v = windowVectors[w];
            float weight = windows.get(w).length;
            float[] acc = result[owner[w]];
            if (acc == null) {
                acc = new float[v.length];
                result[owner[w]] = acc;
            }
            for (int d = 0; d < v.length; d++) {
                acc[d] += v[d] * weight;
            }
        }
        for (float[] v : result) {
            normalise(v);
        }
        return result;
    }

    /**
     * The word pieces of each text, as many as its windows use: in {@link Window#FIRST} mode a long text is tokenised
     * from its opening {@link #FIRST_WINDOW_CHARS} characters, cut at a space, and again whole only when that gives
     * fewer pieces than the window holds. The tokenizer splits at spaces before it cuts words into pieces, so the
     * pieces of the words before the cut are the same as in the whole text's, and the window, the vector too.
     */
    long[][] pieces(List<String> texts) {
        List<String> tokenised = window == Window.FIRST ? texts.stream().map(OnnxEmbedder::opening).toList() : texts;
        Encoding[] encodings = tokenizer.batchEncode(tokenised, false, false);
        long[][] out = new long[encodings.length][];
        for (int t = 0; t < out.length; t++) {
            out[t] = encodings[t].getIds();
            if (out[t].length < MAX_TOKENS - 2 && tokenised.get(t).length() < texts.get(t).length()) {
                out[t] = tokenizer.encode(texts.get(t), false, false).getIds();
            }
        }
        return out;
    }

    /** A long text's opening {@link #FIRST_WINDOW_CHARS} characters, cut at the last space; the text when short. */
    static String opening(String text) {
        if (text.length() <= FIRST_WINDOW_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', FIRST_WINDOW_CHARS);
        return cut > 0 ? text.substring(0, cut) : text;
    }

    /** Runs the batch of windows {@code order[from..from+batch)} and puts their vectors in place. */
    private void runBatch(List<long[]> windows, Integer[] order, int from, float[][] windowVectors)
            throws OrtException {
        List<long[]> rows = new ArrayList<>();
        int to = Math.min(order.length, from + batch);
        for (int i = from; i < to; i++) {
            rows.add(windows.get(order[i]));
        }
        List<float[]> out = run(rows);
        for (int i = from; i < to; i++) {
            windowVectors[order[i]] = out.get(i - from);
        }
    }

    /** One ONNX run over windows padded to the longest; returns one pooled vector per window. */
    private List<float[]> run(List<long[]> batch) throws OrtException {
        int rows = batch.size();
        int len = batch.stream().mapToInt(w -> w.length).max().orElse(2);
        long[][] ids = new long[rows][len];
        long[][] mask = new long[rows][len];
        for (int r = 0; r < rows; r++) {
            long[] w = batch.get(r);
            System.arraycopy(w, 0, ids[r], 0, w.length);
            Arrays.fill(mask[r], 0, w.length, 1L);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, ids));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
            if (wantsTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[rows][len]));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                List<float[]> out = new ArrayList<>(rows);
                for (int r = 0; r < rows; r++) {
                    out.add(pool(hidden[r], batch.get(r).length));
                }
                return out;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[] pool(float[][] tokens, int length) {
        if (!model.meanPooling) {
            float[] v = tokens[0].clone();
            normalise(v);
            return v;
        }
        float[] v = new float[tokens[0].length];
        for (int t = 0; t < length; t++) {
            for (int d = 0; d < v.length; d++) {
                v[d] += tokens[t][d];
            }
        }
        normalise(v);
        return v;
    }

    static void normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < v.length; d++) {
                v[d] *= inv;
            }
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = stream(name)) {
            return in.readAllBytes();
        }
    }

    private static InputStream stream(String name) throws IOException {
        InputStream in = OnnxEmbedder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("model resource " + name + " is not on the classpath");
        }
        return in;
    }

    /** Waits for the runs in flight, then frees the native session; later calls to {@link #embed} fail. */
    @Override
    public void close() {
        running.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (runners != null) {
                runners.shutdown(); // idle: every call waits for its runs while holding the read lock
            }
            session.close();
            tokenizer.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        } finally {
            running.writeLock().unlock();
        }
    }
}
