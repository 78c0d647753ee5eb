package org.paperscout.search;

import org.apache.lucene.index.LiveIndexWriterConfig;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.TieredMergePolicy;

/**
 * How the index writes while a backfill re-adds a whole index paper by paper with its vectors
 * ({@link PaperIndex#deferMerges}): new and merged segments carry their vectors without an HNSW graph
 * ({@link FlatVectorsDuringBackfill}; a kNN scores each of their vectors), merges stop at {@link #MAX_SEGMENT_MB}, and
 * a segment is left alone until half of it is deleted. A graph built per flushed segment was most of the writer's
 * time, and each merge rebuilt the graphs of all it merged (at 1,000,000 papers, merges of several gigabytes late in
 * the run); the merge to one segment after the backfill builds the one graph searched from then on.
 */
final class BackfillMerges {

    /** The largest segment merged while merges are deferred. */
    static final double MAX_SEGMENT_MB = 1024;

    private final MergePolicy normal;
    /** Null when the writer's policy is not tiered (tests tune it): merges are then left as they are. */
    private final MergePolicy backfill;
    private volatile boolean deferred;

    BackfillMerges(MergePolicy normal) {
        this.normal = normal;
        this.backfill = normal instanceof TieredMergePolicy tiered ? backfillPolicy(tiered) : null;
    }

    private static TieredMergePolicy backfillPolicy(TieredMergePolicy normal) {
        TieredMergePolicy p = new TieredMergePolicy();
        p.setSegmentsPerTier(normal.getSegmentsPerTier());
        p.setFloorSegmentMB(normal.getFloorSegmentMB());
        p.setMaxMergedSegmentMB(Math.min(MAX_SEGMENT_MB, normal.getMaxMergedSegmentMB()));
        p.setDeletesPctAllowed(50);
        return p;
    }

    /** Whether graphs and large merges wait; the codec asks each time it writes a segment's vectors (flush, merge). */
    boolean deferred() {
        return deferred;
    }

    /** Defers (or restores) graphs and large merges on the live writer; returns whether they are deferred now. */
    boolean set(boolean defer, LiveIndexWriterConfig writer) {
        boolean on = defer && backfill != null;
        writer.setMergePolicy(on ? backfill : normal);
        deferred = on;
        return on;
    }
}
