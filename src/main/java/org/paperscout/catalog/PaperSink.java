package org.paperscout.catalog;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.function.IntConsumer;

/** Where ingested papers go: the search index, deduplicating by id and normalised title. */
public interface PaperSink {

    /**
     * Adds or updates papers and makes them durable and searchable before returning. A paper equal to the one
     * stored is left alone.
     */
    UpsertResult upsert(Collection<Paper> papers) throws IOException;

    /**
     * Upserts many papers in batches of {@code batch}, each durable before the next; {@code written} hears how many
     * of {@code papers} are done after each. By default one {@link #upsert} per batch.
     */
    default UpsertResult upsertAll(List<Paper> papers, int batch, IntConsumer written) throws IOException {
        UpsertResult total = new UpsertResult(0, 0, 0);
        for (int from = 0; from < papers.size(); from += batch) {
            int to = Math.min(papers.size(), from + batch);
            total = total.plus(upsert(papers.subList(from, to)));
            written.accept(to);
        }
        return total;
    }

    /** Counts of what an upsert did. */
    record UpsertResult(int added, int updated, int unchanged) {

        public UpsertResult plus(UpsertResult other) {
            return new UpsertResult(added + other.added, updated + other.updated, unchanged + other.unchanged);
        }
    }
}
