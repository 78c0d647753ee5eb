package org.paperscout.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BinaryOperator;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperIds;
import org.paperscout.catalog.PaperJsonLine;
import org.paperscout.catalog.PaperSink;
import org.paperscout.catalog.PaperSink.UpsertResult;
import org.paperscout.search.PaperIndex;
import org.paperscout.store.Database;
import org.paperscout.store.LeaderLock;
import org.paperscout.util.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared papers feed, for several processes on one PostgreSQL store: the process that leads (holds the
 * {@link LeaderLock}) polls the sources and appends every paper it adds or changes to the {@code papers} table,
 * and every process, the leader included, follows that table into its own Lucene index every
 * {@code sources.follow-interval}. The leader indexes through the feed too rather than beside it: the row is
 * committed before any index sees the paper, so a leader killed between the two loses nothing (it catches up from
 * its position on restart), and every index is built by the same code from the same rows.
 *
 * <p>A row holds the paper after merging with what the leader's index knew (arXiv's categories with Hugging
 * Face's upvotes), so a follower replaces rather than merges, and replaying the feed gives the same papers in
 * every index. The position (the id of the last row applied) is kept in the data folder beside the index it
 * describes; an empty index starts from position 0 and is rebuilt from the whole feed.
 */
public final class PaperFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PaperFeed.class);
    /** The lock's name; every process computes the same key from it. */
    public static final String LEADER_LOCK = "paperscout.sources";
    static final String POSITION_FILE = "papers-feed.position";
    /** Rows applied per index commit while catching up (a rebuild of a large feed commits every batch). */
    static final int BATCH = 1_000;

    private final PaperFeedStore store;
    private final PaperIndex index;
    private final LeaderLock lock;
    private final Path positionFile;
    private final Duration followInterval;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private volatile long position;
    private volatile boolean started;

    /**
     * @param dataDir the data folder of {@code index}, which keeps the position; read now, so open the feed before
     *                anything (seeds) writes to an empty index, else the rebuild is skipped
     */
    public PaperFeed(Database db, PaperIndex index, LeaderLock lock, Path dataDir, Duration followInterval,
                     Clock clock) {
        this.store = new PaperFeedStore(db);
        this.index = index;
        this.lock = lock;
        this.positionFile = dataDir.resolve(POSITION_FILE);
        this.followInterval = followInterval;
        this.clock = clock;
        this.executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("paperscout-feed"));
        this.position = index.size() == 0 ? 0 : readPosition(positionFile);
        if (position == 0) {
            log.info("the index is empty or has no feed position: it is (re)built from the shared papers feed");
        }
    }

    private static long readPosition(Path file) {
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : 0;
        } catch (IOException | NumberFormatException e) {
            log.warn("cannot read the papers feed position in {} ({}); following from the start", file, e.toString());
            return 0;
        }
    }

    LeaderLock lock() {
        return lock;
    }

    /** The id of the last feed row in this process's index. */
    public long position() {
        return position;
    }

    /** Whether any process has appended a paper to the shared feed yet. */
    public boolean hasRows() {
        return store.last() > 0;
    }

    /** Follows the feed (and asks for the lead) every follow interval from now on, starting at once. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        executor.scheduleWithFixedDelay(this::tick, 0, followInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Never throws: a scheduled task that throws is never run again. */
    private void tick() {
        lock.tryLead();
        try {
            catchUp();
        } catch (RuntimeException | IOException e) {
            log.warn("following the papers feed failed at position {}: {}; trying again in {}", position,
                    e.getMessage(), followInterval);
        }
    }

    /**
     * Applies every feed row after this process's position to its index, in order, and moves the position on.
     * The search and trending caches drop their entries through the index's change listeners.
     */
    public synchronized UpsertResult catchUp() throws IOException {
        UpsertResult total = new UpsertResult(0, 0, 0);
        while (true) {
            List<PaperFeedStore.Row> rows = store.after(position, BATCH);
            if (rows.isEmpty()) {
                return total;
            }
            List<Paper> papers = new ArrayList<>(rows.size());
            for (PaperFeedStore.Row row : rows) {
                try {
                    papers.add(PaperJsonLine.read(row.line()));
                } catch (IllegalArgumentException e) {
                    // Written by a newer or broken leader; one bad row must not stop every later paper.
                    log.warn("skipping papers feed row {} (paper {}): {}", row.id(), row.paperId(), e.getMessage());
                }
            }
            total = total.plus(index.upsert(papers));
            long last = rows.get(rows.size() - 1).id();
            savePosition(last);
            position = last;
            if (rows.size() < BATCH) {
                return total;
            }
        }
    }

    /**
     * The leader's sink: merges each paper with what the index holds, appends those that add or change something
     * to the feed, then applies the feed to this index. Counts are this index's: added and updated by the rows
     * applied, unchanged for papers that needed no row.
     */
    synchronized UpsertResult publish(Collection<Paper> papers, BinaryOperator<Paper> merge) throws IOException {
        catchUp(); // merge against the newest state, including rows of a leader before this one
        Map<String, Paper> changed = new LinkedHashMap<>();
        Map<String, Paper> indexed = index.getAll(papers.stream().map(Paper::id).toList());
        for (Paper incoming : papers) {
            Paper stored = changed.containsKey(incoming.id()) ? changed.get(incoming.id()) : indexed.get(incoming.id());
            if (stored == null && incoming.id().startsWith(PaperIds.TITLE_HASH_PREFIX)
                    && index.findByTitle(incoming.title()).isPresent()) {
                continue; // a title-only copy of an indexed paper: the index would keep what it has, so no row
            }
            Paper merged = stored == null ? incoming : merge.apply(stored, incoming);
            if (!merged.equals(stored)) {
                changed.put(merged.id(), merged);
            }
        }
        store.append(List.copyOf(changed.values()), clock.instant());
        UpsertResult applied = catchUp();
        return new UpsertResult(applied.added(), applied.updated(),
                applied.unchanged() + papers.size() - changed.size());
    }

    /**
     * Where files go on a shared store ({@code ingest PATH}, the seeds): a file's record replaces the stored paper
     * whole, as {@link PaperIndex#upsert(Collection)} does on SQLite, but through the feed, so every process indexes
     * it and an index rebuilt from the feed keeps it. Needs no lead: appends take turns under the feed's lock.
     */
    public PaperSink fileSink() {
        return papers -> publish(papers, (stored, incoming) -> incoming);
    }

    private void savePosition(long value) {
        Path tmp = positionFile.resolveSibling(POSITION_FILE + ".tmp");
        try {
            Files.writeString(tmp, Long.toString(value));
            Files.move(tmp, positionFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Replaying rows is harmless (each row is the whole paper), so a lost position only costs work.
            throw new UncheckedIOException("cannot save the papers feed position in " + positionFile, e);
        }
    }

    /** For {@code /status}: whether this process polls the sources or follows the one that does. */
    public String statusLine() {
        long newest;
        try {
            newest = store.last();
        } catch (RuntimeException e) {
            return "Sources: cannot read the shared papers feed (" + e.getMessage() + ")";
        }
        String role = lock.leading() ? "this process polls them (leader)"
                : "another process polls them; this one follows";
        return "Sources: " + role + "; shared papers feed up to #" + newest + ", this index up to #" + position;
    }

    /** Stops following; an apply under way finishes first. Gives up the lead. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("following the papers feed did not stop within 30 s; leaving it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.close();
    }
}
