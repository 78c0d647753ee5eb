package org.paperscout.catalog;

import java.io.IOException;
import java.util.Collection;

/** Where ingested papers go: the search index, deduplicating by id and normalised title. */
public interface PaperSink {

    /**
     * Adds or updates papers and makes them durable and searchable before returning. A paper equal to the one
     * stored is left alone.
     */
    UpsertResult upsert(Collection<Paper> papers) throws IOException;

    /** Counts of what an upsert did. */
    record UpsertResult(int added, int updated, int unchanged) {

        public UpsertResult plus(UpsertResult other) {
            return new UpsertResult(added + other.added, updated + other.updated, unchanged + other.unchanged);
        }
    }
}
