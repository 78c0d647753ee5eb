package org.paperscout.sources;

import java.io.IOException;
import java.util.Collection;
import java.util.function.BinaryOperator;
import org.paperscout.catalog.HfDailyPapersReader;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperSink;

/**
 * Upserts what a source read without losing what another source knows: the index replaces a paper whole, but
 * arXiv knows categories and not upvotes, and Hugging Face the reverse. So an arXiv record keeps the stored
 * upvotes, and a Hugging Face record of a paper already known only changes its upvotes (its text would otherwise
 * flip-flop with arXiv's formatting and count as an update every poll).
 */
final class MergingSink {

    /** An index that merges with the stored paper in the pass that finds it, e.g. {@code PaperIndex::upsert}. */
    @FunctionalInterface
    interface MergingUpsert {
        PaperSink.UpsertResult upsert(Collection<Paper> papers, BinaryOperator<Paper> merge) throws IOException;
    }

    private final MergingUpsert index;

    MergingSink(MergingUpsert index) {
        this.index = index;
    }

    PaperSink.UpsertResult upsert(Collection<Paper> papers) throws IOException {
        if (papers.isEmpty()) {
            return new PaperSink.UpsertResult(0, 0, 0);
        }
        return index.upsert(papers, MergingSink::merge);
    }

    static Paper merge(Paper stored, Paper incoming) {
        if (HfDailyPapersReader.SOURCE.equals(incoming.source())) {
            return stored.withUpvotes(incoming.upvotes());
        }
        return incoming.withUpvotes(stored.upvotes());
    }
}
