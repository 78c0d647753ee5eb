package org.paperscout.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of the delivery ledger: the digest of one target for one local date.
 *
 * @param windowFrom papers since this instant count as new for this digest
 * @param note       why a digest was empty, skipped, missed or failed; null when it simply went out
 * @param paperIds   the papers the digest shows, written with the pending row (empty for a note or no row yet)
 */
record Delivery(long id, String target, LocalDate date, State state, Instant dueAt, Instant windowFrom,
                       String nonce, String messageId, boolean late, int papers, String note, int attempts,
                       Instant nextAttemptAt, Instant updatedAt, List<String> paperIds) {

    public Delivery {
        paperIds = List.copyOf(paperIds);
    }

    public enum State {
        /** Written before sending; the message may or may not exist yet. */
        PENDING,
        /** Delivered; {@code messageId} says which message (null when printed by the console). */
        SENT,
        /** Not sent because the bot was offline past the grace window. */
        MISSED,
        /** Given up for that day (permission lost, channel gone, or transient errors until the day ended). */
        FAILED,
        /** Nothing new and the target skips empty days. */
        SKIPPED
    }
}
