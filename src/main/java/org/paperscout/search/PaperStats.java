package org.paperscout.search;

import java.time.LocalDate;

/**
 * The ranking signals of a paper that live in the index, read from doc values without loading the paper.
 *
 * @param published publication day, or null when the source gave none
 * @param upvotes   upstream votes (Hugging Face), 0 when unknown
 */
public record PaperStats(String id, LocalDate published, int upvotes) {
}
