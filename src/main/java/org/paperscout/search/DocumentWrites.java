package org.paperscout.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.paperscout.catalog.Paper;
import org.paperscout.util.DaemonThreads;

/**
 * Papers written to the index's {@link IndexWriter}: one thread for a few, every core for a bulk ingest. What to
 * write (new, replaced, kept vectors) is decided before, by {@link UpsertPlan}; {@link PaperIndex} commits after.
 */
final class DocumentWrites {

    /** Fewer papers than this are written on the calling thread. */
    static final int PARALLEL_THRESHOLD = 2_000;
    private static final int SLICE = 500;

    private final IndexWriter writer;
    private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final ExecutorService writers =
            Executors.newFixedThreadPool(threads, DaemonThreads.numbered("index-writer"));

    DocumentWrites(IndexWriter writer) {
        this.writer = writer;
    }

    /**
     * Writes papers; only those in {@code replacing} have a stored document under their id. New papers are
     * plain adds: a delete term per new paper would cost a lookup in every segment at each flush.
     */
    void write(List<Paper> papers, Set<String> replacing, Map<String, float[]> keptVectors,
               Map<String, String> storedText) throws IOException {
        if (papers.size() < PARALLEL_THRESHOLD) {
            for (Paper p : papers) {
                writeOne(p, replacing, keptVectors, storedText);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>();
        // Small slices taken in turn, not one fixed half per thread: on a shared machine one thread may get less
        // CPU, and with fixed halves the batch waits for the slower one while the other core idles.
        AtomicInteger taken = new AtomicInteger();
        for (int i = 0; i < threads; i++) {
            futures.add(writers.submit(() -> {
                for (int from = taken.getAndAdd(SLICE); from < papers.size(); from = taken.getAndAdd(SLICE)) {
                    for (Paper p : papers.subList(from, Math.min(papers.size(), from + SLICE))) {
                        writeOne(p, replacing, keptVectors, storedText);
                    }
                }
                return null;
            }));
        }
        awaitAll(futures);
        // The commit that follows would flush every in-memory segment on the calling thread, one after the other,
        // while the other cores idle: a fifth of a bulk ingest's profile. Flushing them here, one per thread,
        // leaves the commit little but the fsync.
        futures.clear();
        for (int i = 0; i < threads; i++) {
            futures.add(writers.submit(() -> {
                while (writer.flushNextBuffer()) {
                    // each call flushes one segment; false once none is left in memory
                }
                return null;
            }));
        }
        awaitAll(futures);
    }

    /** Stops the writer threads (idle between writes; a write in progress finishes). */
    void shutdown() {
        writers.shutdown();
    }

    private static void awaitAll(List<Future<?>> futures) throws IOException {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while indexing", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }
    }

    private void writeOne(Paper p, Set<String> replacing, Map<String, float[]> keptVectors,
                          Map<String, String> storedText) throws IOException {
        if (replacing.contains(p.id())) {
            // An update that leaves the text alone (upvotes, links) keeps the embedding; a new text is re-embedded.
            float[] vector = Embedder.paperText(p).equals(storedText.get(p.id())) ? keptVectors.get(p.id()) : null;
            writer.updateDocument(new Term(Fields.ID, p.id()), PaperDocuments.toDocument(p, vector));
        } else {
            writer.addDocument(PaperDocuments.toDocument(p));
        }
    }
}
