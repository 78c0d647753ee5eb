package org.paperscout.search;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.paperscout.util.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the index down to few segments once a large amount of writing has settled: a bulk ingest, or the
 * semantic backfill's run over a large index (each paper re-added with its vector). Every kNN search walks one
 * HNSW graph per segment, and Lucene's default merge policy leaves about 30 segments at 1,000,000 papers, so a
 * kNN costs several times what it costs over one graph (README, "Semantic search").
 *
 * <p>Triggered only after {@link Policy#bulkDocs} written papers (or an index opened with at least that many papers
 * outside its largest segment: an ingest run by a process that exited before it settled) and
 * {@link Policy#quiet} without any write, so live polls of a few hundred papers never rewrite the whole index.
 * The merge runs on its own thread: searches keep answering from the segments they have, writes go on (Lucene
 * merges beside them and carries their deletions over), and the merged view is opened when it is done. It needs
 * about the index's size again on disk while it runs, and is skipped, with a warning, when that is not free.
 */
final class IndexCompaction implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IndexCompaction.class);

    /**
     * @param targetSegments the most segments left after a merge
     * @param bulkDocs       how many written papers make a merge due
     * @param quiet          how long without a write before a due merge starts
     * @param checkEvery     how often the thread looks
     */
    record Policy(int targetSegments, int bulkDocs, Duration quiet, Duration checkEvery) {
        static final Policy DEFAULT = new Policy(1, 50_000, Duration.ofMinutes(1), Duration.ofSeconds(10));
    }

    private final PaperIndex index;
    private final Policy policy;
    private final AtomicLong written = new AtomicLong();
    private volatile long lastWrite = System.nanoTime();
    private final AtomicLong merges = new AtomicLong();
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("index-compaction"));

    IndexCompaction(PaperIndex index, Policy policy) {
        this.index = index;
        this.policy = policy;
        // Opened after a bulk ingest that never settled in its process: as many papers outside the largest
        // segment as a bulk write. Not just "more than one segment", or every restart after a few live polls
        // would rewrite the whole index.
        int outsideLargest = index.search(s -> s.getIndexReader().numDocs() - s.getIndexReader().leaves().stream()
                .mapToInt(leaf -> leaf.reader().numDocs()).max().orElse(0));
        if (index.segmentCount() > policy.targetSegments() && outsideLargest >= policy.bulkDocs()) {
            written.set(policy.bulkDocs());
        }
        long every = policy.checkEvery().toMillis();
        thread.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    /** Called after every write of {@code papers} documents (upserts, vectors). */
    void wrote(int papers) {
        if (papers > 0) {
            lastWrite = System.nanoTime();
            written.addAndGet(papers);
        }
    }

    /** True when writing {@code papers} papers makes a merge of the whole index due. */
    boolean bulk(long papers) {
        return papers >= policy.bulkDocs();
    }

    /** Merges finished so far. */
    long merges() {
        return merges.get();
    }

    private void check() {
        if (written.get() < policy.bulkDocs() || System.nanoTime() - lastWrite < policy.quiet().toNanos()) {
            return;
        }
        written.set(0); // writes during the merge count toward the next one
        try {
            int before = index.segmentCount();
            if (before <= policy.targetSegments()) {
                return;
            }
            long size = bytesOnDisk(index.directory());
            long free = index.directory() instanceof FSDirectory fs
                    ? Files.getFileStore(fs.getDirectory()).getUsableSpace() : Long.MAX_VALUE;
            if (free < size) {
                log.warn("Index not merged ({} segments): merging needs about {} MB free on disk, {} MB are",
                        before, size >> 20, free >> 20);
                return;
            }
            long t = System.nanoTime();
            log.info("Merging the index from {} segments to {} ({} MB) after bulk writes", before,
                    policy.targetSegments(), size >> 20);
            index.mergeDown(policy.targetSegments());
            merges.incrementAndGet();
            log.info("Index merged to {} segments in {} s", index.segmentCount(),
                    Math.round((System.nanoTime() - t) / 1e9));
        } catch (IOException | RuntimeException e) {
            if (!thread.isShutdown()) {
                log.warn("Index merge failed; searches go on over the segments as they are", e);
            }
        }
    }

    private static long bytesOnDisk(Directory directory) throws IOException {
        long total = 0;
        for (String file : directory.listAll()) {
            try {
                total += directory.fileLength(file);
            } catch (FileNotFoundException | NoSuchFileException e) {
                // deleted by a merge meanwhile
            }
        }
        return total;
    }

    @Override
    public void close() {
        // Not shutdownNow: an interrupt inside an index write (the commit after a merge) closes Lucene's file
        // channels. The index aborts a running merge itself (rollback after a commit) when it closes.
        thread.shutdown();
    }
}
