package org.paperscout.search;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.paperscout.catalog.Paper;
import org.paperscout.util.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every paper in the index its vector, in the background. Ingest never embeds (a bulk load would drop
 * from ~15,000 to ~140 papers/s); instead this walks the papers without a vector in id order, embeds a batch,
 * re-adds each document with its vector and moves on, while search keeps answering from the last refreshed
 * view. Batches go through a {@link BackfillPipeline} (the next one read and tokenised, the one before written, while
 * one is in the model), and what was written is made searchable and durable together every {@link #PUBLISH_EVERY},
 * not after every batch: each refresh and each commit flushes a segment, so a refresh per batch of 256 left a
 * segment of 256 papers, each with its own HNSW graph for merges to rebuild. Whenever the index changes (a live
 * poll, an ingest) it wakes and picks the new papers up within about
 * one batch's time. The work list is the index itself (papers lacking the vector field), so a restart simply
 * carries on, and an update that changed a paper's text drops its vector and queues it again.
 */
public final class SemanticBackfill implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SemanticBackfill.class);
    /** How often progress goes to the log while the backfill is busy. */
    private static final Duration LOG_EVERY = Duration.ofSeconds(30);
    /**
     * How often the vectors written so far are made searchable and committed (one refresh and one commit, which
     * flush one segment): vectors are derived data, so a crash costs at most this much embedding, and {@code
     * /status} and hybrid search see the backfill's progress this late at most.
     */
    static final Duration PUBLISH_EVERY = Duration.ofSeconds(60);
    /**
     * Papers without a vector are looked for this many batches at a time: each look runs a range over every later id
     * and sorts what it finds, about a quarter of the backfill thread's time at 1,000,000 papers when done per batch.
     */
    private static final int PAGE_BATCHES = 8;
    /** With nothing to do it also rechecks this often, in case a change notification was missed. */
    private static final Duration IDLE_RECHECK = Duration.ofMinutes(1);

    private final PaperIndex index;
    private final Embedder embedder;
    private final int batchSize;
    private final Object signal = new Object();
    private final Duration publishEvery;
    private final Thread thread;
    private final BackfillPipeline pipeline;
    private boolean changed = true;
    private volatile boolean closed;
    private volatile boolean idle;
    private volatile boolean stopped;

    public SemanticBackfill(PaperIndex index, Embedder embedder, int batchSize) {
        this(index, embedder, batchSize, PUBLISH_EVERY);
    }

    /** With vectors published every {@code publishEvery} (zero: after every batch, as tests watching it want). */
    SemanticBackfill(PaperIndex index, Embedder embedder, int batchSize, Duration publishEvery) {
        this.index = index;
        this.embedder = embedder;
        this.batchSize = batchSize;
        this.publishEvery = publishEvery;
        this.pipeline = new BackfillPipeline(index, embedder);
        this.thread = DaemonThreads.named("semantic-backfill").newThread(this::loop);
        index.onChange(this::wake);
    }

    /**
     * Embeds every paper that has no vector yet, in the caller's thread, and commits: for throwaway indexes
     * (judged evaluation) that must be complete before the first query. Returns how many were embedded. Each batch
     * is refreshed, so a segment per batch as the backfill made until 2026-12-06: the judged figures in README were
     * measured so (the same index in one segment, HNSW approximating over one graph: CACM nDCG@10 0.559, not 0.561).
     */
    public static int embedAll(PaperIndex index, Embedder embedder, int batchSize) throws IOException {
        int total = 0;
        String after = null;
        while (true) {
            String from = after;
            List<Paper> batch = index.search(s -> IndexVectors.missing(s, from, batchSize));
            if (batch.isEmpty()) {
                break;
            }
            after = batch.get(batch.size() - 1).id();
            List<String> texts = batch.stream().map(Embedder::paperText).toList();
            float[][] vectors = embedder.embed(texts);
            Map<String, float[]> byId = new HashMap<>();
            Map<String, String> textById = new HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                byId.put(batch.get(i).id(), vectors[i]);
                textById.put(batch.get(i).id(), texts.get(i));
            }
            total += index.addVectors(byId, textById);
        }
        index.commitVectors();
        return total;
    }

    public void start() {
        thread.start();
    }

    /** Papers with a vector out of all papers, from the last refreshed view. */
    public SemanticProgress progress() {
        return index.search(IndexVectors::progress);
    }

    /** True once every paper seen so far has a vector and the backfill waits for new ones. */
    public boolean idle() {
        return idle;
    }

    private void wake() {
        synchronized (signal) {
            changed = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        try {
            embedLoop();
        } finally {
            try {
                pipeline.finish(); // close() commits after this thread ends: the last batch must be in the index by then
            } catch (IOException | RuntimeException e) {
                if (embedder.failure().isEmpty()) { // a model that failed to load has had its one error line
                    log.warn("Could not write the last embedded vectors", e);
                }
            }
        }
    }

    private void embedLoop() {
        String after = null;
        Deque<Paper> page = new ArrayDeque<>();
        long writtenBeforePass = 0;
        long lastPublish = System.nanoTime();
        long lastLog = System.nanoTime();
        long started = System.nanoTime();
        boolean dirty = false;
        // The model loads beside the start-up. Reading a first batch before it can embed would scan the index for
        // papers without a vector (all of them, on a large index not yet embedded) while the first answers need the
        // CPU, and then wait for the model anyway.
        while (!closed && !embedder.ready() && embedder.failure().isEmpty()) {
            pause(Duration.ofMillis(100));
        }
        while (!closed && !stopsForGood()) {
            try {
                if (page.isEmpty()) {
                    if (after == null) {
                        deferMerges();
                    }
                    String from = after;
                    page.addAll(index.search(s -> IndexVectors.missing(s, from, batchSize * PAGE_BATCHES)));
                    after = page.isEmpty() ? after : page.getLast().id();
                }
                List<Paper> batch = new ArrayList<>();
                while (batch.size() < batchSize && !page.isEmpty()) {
                    batch.add(page.removeFirst());
                }
                if (batch.isEmpty()) {
                    // End of a pass. Papers changed behind the cursor are found by the next pass; one that made no
                    // progress at all means nothing is left (or the model fails), so wait for a change. The batch
                    // still in flight counts, and a new pass must look for papers in a view that has it all.
                    pipeline.finish();
                    boolean again = after != null && pipeline.written() > writtenBeforePass;
                    after = null;
                    writtenBeforePass = pipeline.written();
                    if (dirty) {
                        publish();
                        dirty = false;
                        lastPublish = System.nanoTime();
                        if (!again) {
                            log.info("{} (all papers embedded, {})", progress().statusLine(), embedder.modelName());
                        }
                    }
                    if (again) {
                        continue;
                    }
                    index.deferMerges(0); // the merge to one segment comes after a quiet spell
                    awaitChange();
                    continue;
                }
                idle = false;
                pipeline.add(batch);
                dirty = true;
                long now = System.nanoTime();
                if (now - lastPublish >= publishEvery.toNanos()) {
                    publish();
                    dirty = false;
                    lastPublish = now;
                }
                if (now - lastLog > LOG_EVERY.toNanos()) {
                    lastLog = now;
                    double rate = pipeline.written() / ((now - started) / 1e9);
                    log.info("{} ({} papers/s)", progress().statusLine(), Math.round(rate));
                }
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (stopsForGood()) {
                    return;
                }
                if (e instanceof IllegalStateException && !embedder.ready()) {
                    // A load still going after the embedder's longest wait: say so in a line, not a stack trace.
                    log.warn("Semantic backfill waits for the embedding model: {}", e.getMessage());
                    pause(Duration.ofSeconds(5));
                    continue;
                }
                // One bad batch must not stop the backfill; the papers stay without vectors and are retried.
                log.warn("Semantic backfill batch failed; retrying after a pause", e);
                pause(Duration.ofSeconds(5));
            }
        }
    }

    /** At the start of a pass: a backfill of the whole index defers graphs and large merges until it is done. */
    private void deferMerges() {
        SemanticProgress progress = progress();
        long missing = progress.total() - progress.embedded();
        boolean was = index.mergesDeferred();
        if (index.deferMerges(missing) && !was) {
            log.info("{} papers to embed: until they are done, new segments hold vectors without an HNSW graph and "
                    + "merges stay under {} MB; the index is then merged to one segment with one graph",
                    String.format(Locale.ROOT, "%,d", missing), Math.round(BackfillMerges.MAX_SEGMENT_MB));
        }
    }

    /** Waits for the batches in flight, then makes every vector written so far searchable and durable. */
    private void publish() throws IOException {
        pipeline.finish();
        index.commitVectors();
    }

    /**
     * True, with one error line, when the model failed to load: it never will, so retrying every few seconds would
     * only fill the log. The papers keep their vectors (a restart with a working model carries on from there).
     */
    private boolean stopsForGood() {
        Optional<String> failure = embedder.failure();
        if (failure.isEmpty()) {
            return false;
        }
        stopped = true;
        SemanticProgress progress = progress();
        log.error("Semantic backfill stopped: the embedding model failed to load ({}); {} of {} papers have a vector, "
                + "the others get theirs after a restart with a working model", failure.get(), progress.embedded(),
                progress.total());
        return true;
    }

    /** True once the backfill has given up because the model failed to load. */
    public boolean stopped() {
        return stopped;
    }

    private void awaitChange() {
        synchronized (signal) {
            idle = true;
            long deadline = System.nanoTime() + IDLE_RECHECK.toNanos();
            while (!changed && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    signal.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            changed = false;
        }
    }

    private void pause(Duration d) {
        synchronized (signal) {
            try {
                signal.wait(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops after the batch in flight and commits what was embedded. Not by interrupting: an interrupt inside an
     * index write closes Lucene's file channels and with them the writer.
     */
    @Override
    public void close() {
        closed = true;
        wake();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
            if (thread.isAlive()) {
                log.warn("Semantic backfill still busy at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pipeline.close();
        try {
            index.commitVectors();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not commit the last embedded vectors", e);
        }
    }
}
