package org.paperscout.sources;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
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

    private final PaperSink sink;
    private final Function<String, Optional<Paper>> stored;

    MergingSink(PaperSink sink, Function<String, Optional<Paper>> stored) {
        this.sink = sink;
        this.stored = stored;
    }

    PaperSink.UpsertResult upsert(Collection<Paper> papers) throws IOException {
        if (papers.isEmpty()) {
            return new PaperSink.UpsertResult(0, 0, 0);
        }
        List<Paper> merged = new ArrayList<>(papers.size());
        for (Paper p : papers) {
            merged.add(stored.apply(p.id()).map(old -> merge(old, p)).orElse(p));
        }
        return sink.upsert(merged);
    }

    static Paper merge(Paper stored, Paper incoming) {
        if (HfDailyPapersReader.SOURCE.equals(incoming.source())) {
            return stored.withUpvotes(incoming.upvotes());
        }
        return incoming.withUpvotes(stored.upvotes());
    }
}
