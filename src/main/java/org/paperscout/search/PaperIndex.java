package org.paperscout.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BinaryOperator;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperIds;
import org.paperscout.catalog.PaperSink;
import org.paperscout.ops.Telemetry;
import org.paperscout.util.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of papers: one {@link IndexWriter}, one {@link SearcherManager} refreshed after every write.
 * Upserts by id term. A paper known only by its title (its id a title hash: the source gave no id) is the same
 * paper as one with its own id and the same normalised title, and that record wins; two papers that each have
 * their own id are two papers, whatever their titles ("Editorial", "Reply to comments", a preprint and a
 * different paper of the same name). Every write is committed before {@link #upsert} returns, so a crash loses nothing
 * acknowledged and the index always opens at its last commit. The documents themselves are written by
 * {@link DocumentWrites}, on every core for a bulk ingest.
 */
public final class PaperIndex implements PaperSink, Closeable {

    private static final Logger log = LoggerFactory.getLogger(PaperIndex.class);

    /** How long {@link #close} waits for running merges to stop once every change is committed. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    static final Sort RELEVANCE = new Sort(SortField.FIELD_SCORE, new SortField(Fields.ID_SORT, SortField.Type.STRING));

    private final Directory directory;
    private final Duration closeWait;
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final BackfillMerges backfillMerges;
    private final SearcherManager searchers;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> vectorListeners = new CopyOnWriteArrayList<>();
    /** Writes the documents: analysis dominates indexing time, so large batches go to one thread per core. */
    private final DocumentWrites writes;
    /**
     * Set while a refresh only adds vectors to papers already there: caches and the recent window need not be
     * rebuilt every second of a two-hour backfill, and page caches expire on their own.
     */
    private volatile boolean vectorRefresh;
    /** Set by {@link #compactWhenSettled}: merges to few segments after bulk writes (the bot; not tests). */
    private volatile IndexCompaction compaction;

    private volatile Telemetry telemetry = Telemetry.OFF;
    /** Set and read on the refreshing thread only (SearcherManager refreshes one at a time). */
    private long refreshStart;
    private boolean closed;

    private PaperIndex(Directory directory, UnaryOperator<IndexWriterConfig> tuning, Duration closeWait)
            throws IOException {
        this.directory = directory;
        this.closeWait = closeWait;
        this.analyzer = PaperAnalyzers.create();
        IndexWriterConfig config = tuning.apply(new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(128));
        this.backfillMerges = new BackfillMerges(config.getMergePolicy());
        this.writer = new IndexWriter(directory, config.setCodec(IndexVectors.codec(backfillMerges::deferred)));
        if (!DirectoryReader.indexExists(directory)) {
            writer.commit();
        }
        this.searchers = new SearcherManager(writer, null);
        this.writes = new DocumentWrites(writer);
        this.searchers.addListener(new ReferenceManager.RefreshListener() {
            @Override
            public void beforeRefresh() {
                refreshStart = System.nanoTime();
            }

            @Override
            public void afterRefresh(boolean didRefresh) {
                if (didRefresh) {
                    telemetry.indexRefresh(System.nanoTime() - refreshStart);
                }
                if (didRefresh) {
                    (vectorRefresh ? vectorListeners : changeListeners).forEach(Runnable::run);
                }
            }
        });
    }

    /** Times searcher refreshes into {@code metrics} from now on. */
    public void observe(Telemetry metrics) {
        this.telemetry = metrics;
    }

    /** Opens (creating if needed) the index in {@code dir}. Fails if another process holds its write lock. */
    public static PaperIndex open(Path dir) throws IOException {
        return open(dir, UnaryOperator.identity(), CLOSE_WAIT);
    }

    /** For tests: a writer configuration changed by {@code tuning} (merges), and a shorter wait in close. */
    static PaperIndex open(Path dir, UnaryOperator<IndexWriterConfig> tuning, Duration closeWait) throws IOException {
        Files.createDirectories(dir);
        return new PaperIndex(FSDirectory.open(dir), tuning, closeWait);
    }

    Analyzer analyzer() {
        return analyzer;
    }

    /** Runs after the searchable contents changed (caches drop their entries). */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Runs {@code listener} after a refresh that only added vectors (or merged), which {@link #onChange} skips. */
    public void onVectorsAdded(Runnable listener) {
        vectorListeners.add(listener);
    }

    public int size() {
        return withSearcher(s -> s.getIndexReader().numDocs());
    }

    @Override
    public UpsertResult upsert(Collection<Paper> papers) throws IOException {
        return upsert(papers, (stored, incoming) -> incoming);
    }

    /**
     * Like {@link #upsert(Collection)}, but a paper already stored under the same id is replaced by
     * {@code merge.apply(stored, incoming)} (live sources keep what another source knows, e.g. upvotes), read in
     * the same pass that finds it.
     */
    public synchronized UpsertResult upsert(Collection<Paper> papers, BinaryOperator<Paper> merge)
            throws IOException {
        searchers.maybeRefreshBlocking();
        UpsertPlan.Deduped deduped = UpsertPlan.dedupe(papers);
        UpsertPlan plan;
        IndexSearcher searcher = searchers.acquire();
        try {
            plan = UpsertPlan.against(searcher, deduped.papers(), deduped.norms(), merge);
        } finally {
            searchers.release(searcher);
        }
        return commit(plan);
    }

    /**
     * Like {@link #upsert(Collection)} for a whole file's papers, committed every {@code batch} papers. The papers
     * are deduplicated among themselves once, and each batch is compared with the index as it was before the
     * first: the papers written meanwhile are this call's own, already resolved. Per-batch lookups against the
     * growing index (every id in every new segment) were a serial 1-2 s a batch at a million papers.
     */
    @Override
    public synchronized UpsertResult upsertAll(List<Paper> papers, int batch, IntConsumer written)
            throws IOException {
        searchers.maybeRefreshBlocking();
        UpsertPlan.Deduped deduped = UpsertPlan.dedupe(papers);
        List<Paper> unique = deduped.papers();
        UpsertResult total = new UpsertResult(0, 0, 0);
        IndexSearcher before = searchers.acquire();
        try {
            for (int from = 0; from < unique.size(); from += batch) {
                List<Paper> part = unique.subList(from, Math.min(unique.size(), from + batch));
                UpsertPlan plan = UpsertPlan.against(before, part, deduped.norms(),
                        (stored, incoming) -> incoming);
                total = total.plus(commit(plan));
                // In the caller's terms, records given: the duplicates among them are done with the last batch.
                written.accept(from + batch >= unique.size() ? papers.size() : from + batch);
            }
        } finally {
            searchers.release(before);
        }
        if (unique.isEmpty()) {
            written.accept(papers.size());
        }
        return total; // as in one upsert, a record repeated within the papers given counts once
    }

    private UpsertResult commit(UpsertPlan plan) throws IOException {
        for (String id : plan.deleting) {
            writer.deleteDocuments(new Term(Fields.ID, id));
        }
        writes.write(plan.toWrite, plan.replacing, plan.keptVectors, plan.storedText);
        if (plan.added + plan.updated > 0) {
            writer.commit();
            searchers.maybeRefreshBlocking();
            wrote(plan.added + plan.updated);
        }
        return new UpsertResult(plan.added, plan.updated, plan.unchanged);
    }

    // --- Vectors ----------------------------------------------------------------------------------------

    /**
     * Adds embeddings to stored papers, rebuilding each document from its stored fields. A paper whose text
     * changed since it was embedded (its value in {@code embeddedText}) or that is gone is skipped: the backfill
     * finds it again. Searchable at once; not committed here: vectors are derived data, and {@link #commitVectors}
     * runs periodically.
     *
     * @return how many documents got a vector
     */
    int addVectors(Map<String, float[]> vectors, Map<String, String> embeddedText) throws IOException {
        int written = writeVectors(vectors, embeddedText);
        refreshUnchanged();
        return written;
    }

    /**
     * As {@link #addVectors}, but searchable only after the next {@link #commitVectors} (or any other refresh):
     * every refresh flushes a segment, and the backfill's many small ones cost their HNSW graphs again in merges.
     */
    synchronized int writeVectors(Map<String, float[]> vectors, Map<String, String> embeddedText)
            throws IOException {
        int written = 0;
        IndexSearcher s = searchers.acquire();
        try {
            Map<String, Paper> stored = KeywordLookups.findAll(s, Fields.ID, new ArrayList<>(vectors.keySet()));
            for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                Paper paper = stored.get(e.getKey());
                if (paper != null && Embedder.paperText(paper).equals(embeddedText.get(e.getKey()))) {
                    writer.updateDocument(new Term(Fields.ID, paper.id()), PaperDocuments.toDocument(paper,
                            e.getValue()));
                    written++;
                }
            }
        } finally {
            searchers.release(s);
        }
        wrote(written);
        return written;
    }

    /** Refreshes the searcher after a write that changed no paper's text (vectors, a merge). */
    private synchronized void refreshUnchanged() throws IOException {
        vectorRefresh = true;
        try {
            searchers.maybeRefreshBlocking();
        } finally {
            vectorRefresh = false;
        }
    }

    private void wrote(int papers) {
        IndexCompaction c = compaction;
        if (c != null) {
            c.wrote(papers);
        }
    }

    // --- Segments -------------------------------------------------------------------------------------

    /**
     * From now on, merges the index down to one segment in the background once a bulk ingest or a large
     * semantic backfill has settled ({@link IndexCompaction}): kNN searches one graph per segment.
     */
    public void compactWhenSettled() {
        compactWhenSettled(IndexCompaction.Policy.DEFAULT);
    }

    synchronized void compactWhenSettled(IndexCompaction.Policy policy) {
        if (compaction == null) {
            compaction = new IndexCompaction(this, policy);
        }
    }

    /**
     * While a backfill re-adds {@code papers} papers one by one with their vectors: when that many writes make the
     * index merge itself to one segment afterwards ({@link #compactWhenSettled}), graphs and large merges wait until
     * then ({@link BackfillMerges}). {@code papers} 0 (the backfill is done, or small) restores them. Returns whether
     * they are deferred now.
     */
    synchronized boolean deferMerges(long papers) {
        return backfillMerges.set(compaction != null && compaction.bulk(papers), writer.getConfig());
    }

    /** True while {@link #deferMerges} holds graphs and large merges back. */
    boolean mergesDeferred() {
        return backfillMerges.deferred();
    }

    /** Segments in the current searchable view. */
    int segmentCount() {
        return withSearcher(s -> s.getIndexReader().leaves().size());
    }

    /**
     * Merges the index to at most {@code maxSegments} segments, waiting for it in the calling thread only:
     * searches go on over the old segments and writes go on beside the merge. Committed, and the merged view
     * opened, before it returns.
     */
    void mergeDown(int maxSegments) throws IOException {
        writer.forceMerge(maxSegments, true);
        writer.commit();
        refreshUnchanged();
    }

    Directory directory() {
        return directory;
    }

    /**
     * Makes the vectors written so far durable and searchable; a crash before this only costs re-embedding them.
     */
    synchronized void commitVectors() throws IOException {
        writer.commit();
        refreshUnchanged();
    }

    public Optional<Paper> get(String id) {
        return withSearcher(s -> KeywordLookups.find(s, new Term(Fields.ID, id)));
    }

    /** The stored papers of these ids, by id (ids not stored are left out); one pass over the terms. */
    public Map<String, Paper> getAll(Collection<String> ids) {
        return withSearcher(s -> KeywordLookups.findAll(s, Fields.ID, new ArrayList<>(ids)));
    }

    public Optional<Paper> findByTitle(String title) {
        return withSearcher(s -> KeywordLookups.find(s, new Term(Fields.TITLE_NORM, PaperIds.normaliseTitle(title))));
    }

    /** Papers most like the given one (never itself), best first. */
    public List<Paper> similar(String id, int limit) {
        return withSearcher(s -> MoreLikeThese.paper(s, analyzer, id, limit));
    }

    /** Papers most like a piece of free text (a message, a draft abstract), best first. */
    public List<Paper> similarToText(String text, String excludeId, int limit) {
        return withSearcher(s -> MoreLikeThese.text(s, analyzer, text, excludeId, limit));
    }

    /** Searches with an already-safe query; callers handle parsing, paging and snippets. */
    <T> T search(SearcherFunction<T> body) {
        return withSearcher(body);
    }

    private <T> T withSearcher(SearcherFunction<T> body) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return body.apply(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Commits every change, then stops: running merges are aborted (a due one runs after the next start). Lucene
     * sees an abort only when a merge next writes, and a merge rebuilding an HNSW graph writes nothing until the
     * graph is done, which after a large backfill can be 20 minutes; so close waits {@link #CLOSE_WAIT} for the
     * merges to stop and then returns, leaving the rollback to finish beside the merge (which then closes the
     * directory) or to end with the process: merge threads are daemons, and the last commit holds everything.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        writes.shutdown();
        searchers.close();
        if (compaction != null) {
            compaction.close();
        }
        writer.commit();
        AtomicReference<IOException> failure = new AtomicReference<>();
        Thread stop = DaemonThreads.named("index-close").newThread(() -> {
            try {
                try {
                    writer.rollback();
                } finally {
                    directory.close();
                }
            } catch (IOException e) {
                failure.set(e);
            }
        });
        stop.start();
        try {
            stop.join(closeWait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stop.isAlive()) {
            log.warn("A merge is still running after {} ms and stops only when it next writes; not waiting for it "
                    + "(every change is committed, and a due merge runs again after the next start)",
                    closeWait.toMillis());
        } else if (failure.get() != null) {
            throw failure.get();
        }
    }

    @FunctionalInterface
    interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }
}
