package org.paperscout.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.paperscout.catalog.Paper;
import org.paperscout.util.DaemonThreads;

/**
 * The semantic backfill's batches in flight, so the model's threads do not wait for the rest of the work: while one
 * batch is in the model, the next is read from the index and tokenised (its call starts and queues its runs behind
 * the first's) and the batch before is written to the index. A thread dump of the backfill done one step at a time
 * showed the model's two threads busy about 70% of the time, idle while the loop read, tokenised and wrote (README,
 * "The backfill at 1,000,000 papers").
 *
 * <p>Used from one thread (the backfill's). At most two embedding calls and one write are in flight; {@link #finish}
 * waits for all of them. A batch whose embedding or write fails is dropped (its papers keep no vector and a later
 * pass finds them); the exception reaches the caller of {@link #add} or {@link #finish}.
 */
final class BackfillPipeline implements AutoCloseable {

    private final PaperIndex index;
    private final Embedder embedder;
    private final ExecutorService embedding = Executors.newFixedThreadPool(2, DaemonThreads.numbered("semantic-embed"));
    private final ExecutorService writing = Executors.newSingleThreadExecutor(DaemonThreads.named("semantic-writer"));
    private final AtomicLong written = new AtomicLong();
    /** The batch added last: in the model, not yet handed to the writer. */
    private Batch inModel;
    private Future<Integer> inWriter;
    /** Set once the model has answered: until then one call at a time, so a model that never works is asked once. */
    private boolean answered;

    private record Batch(Map<String, String> texts, List<String> ids, Future<float[][]> vectors) {
    }

    BackfillPipeline(PaperIndex index, Embedder embedder) {
        this.index = index;
        this.embedder = embedder;
    }

    /** Starts embedding these papers, then waits for the batch added before and hands it to the writer. */
    void add(List<Paper> papers) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Paper p : papers) {
            texts.put(p.id(), Embedder.paperText(p));
        }
        List<String> ids = new ArrayList<>(texts.keySet());
        List<String> inOrder = ids.stream().map(texts::get).toList();
        if (!answered && inModel != null) {
            Batch first = inModel;
            inModel = null;
            write(first);
        }
        Batch before = inModel;
        inModel = new Batch(texts, ids, embedding.submit(() -> embedder.embed(inOrder)));
        if (before != null) {
            write(before);
        }
    }

    /** Waits until every batch added so far is embedded and written (or has failed). */
    void finish() throws IOException {
        Batch last = inModel;
        inModel = null;
        try {
            if (last != null) {
                write(last);
            }
        } finally {
            awaitWriter();
        }
    }

    /** Papers given a vector by this pipeline so far (written, not necessarily searchable yet). */
    long written() {
        return written.get();
    }

    private void write(Batch batch) throws IOException {
        float[][] vectors = get(batch.vectors());
        answered = true;
        Map<String, float[]> byId = new HashMap<>();
        for (int i = 0; i < batch.ids().size(); i++) {
            byId.put(batch.ids().get(i), vectors[i]);
        }
        awaitWriter();
        inWriter = writing.submit(() -> {
            int n = index.writeVectors(byId, batch.texts());
            written.addAndGet(n);
            return n;
        });
    }

    private void awaitWriter() throws IOException {
        Future<Integer> f = inWriter;
        inWriter = null;
        if (f != null) {
            get(f);
        }
    }

    private static <T> T get(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while a batch was embedded or written", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Stops the pipeline's threads; call {@link #finish} first to keep what is in flight. */
    @Override
    public void close() {
        embedding.shutdown();
        writing.shutdown();
    }
}
