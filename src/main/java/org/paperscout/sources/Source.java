package org.paperscout.sources;

import java.io.IOException;
import java.util.function.Consumer;

/** One place papers come from. A poll either succeeds with a new cursor or throws, leaving the cursor as it was. */
interface Source {

    /** The name in configuration, {@code /status} and {@code --from}: {@code arxiv} or {@code hf}. */
    String name();

    /**
     * Fetches what is new since {@code state}'s cursor and upserts it, one fully parsed document at a time.
     *
     * @param progress receives one short line per document, e.g. "arxiv: page 2, 200 papers"
     * @throws IOException a request failed after its retries ({@link FetchException}) or a document was unusable
     *                     ({@link org.paperscout.catalog.UnreadableInputException}); what earlier documents of
     *                     this poll added stays, and the next poll starts again from the old cursor
     */
    Outcome poll(SourceState state, Consumer<String> progress) throws IOException, InterruptedException;

    record Outcome(PollResult result, SourceState.Cursor cursor) {
    }
}
