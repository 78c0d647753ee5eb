package org.paperscout.sources;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What is kept in SQLite about one source between polls (table {@code source_state}).
 *
 * @param lastSeenId   the newest paper id of the last successful poll: the next poll may stop there
 * @param lastSeenDate the newest date that poll covered (arXiv: submission date; HF: the daily-papers date)
 * @param validators   ETag / Last-Modified of the last answer, with the URL they belong to
 */
record SourceState(String source, String lastSeenId, LocalDate lastSeenDate, HttpFetcher.Validators validators,
                   int consecutiveFailures, Instant lastAttemptAt, Instant lastSuccessAt, int lastAdded,
                   int lastUpdated, long totalAdded, long totalUpdated, long totalSkipped, String lastError,
                   Instant nextPollAt) {

    static SourceState fresh(String source) {
        return new SourceState(source, null, null, HttpFetcher.Validators.NONE, 0, null, null, 0, 0, 0, 0, 0, null,
                null);
    }

    boolean neverSucceeded() {
        return lastSuccessAt == null;
    }

    SourceState succeeded(Cursor cursor, PollResult result, Instant at, Instant next) {
        return new SourceState(source, cursor.lastSeenId(), cursor.lastSeenDate(), cursor.validators(), 0, at, at,
                result.added(), result.updated(), totalAdded + result.added(), totalUpdated + result.updated(),
                totalSkipped + result.skipped(), null, next);
    }

    SourceState failed(String error, Instant at, Instant next) {
        return new SourceState(source, lastSeenId, lastSeenDate, validators, consecutiveFailures + 1, at,
                lastSuccessAt, lastAdded, lastUpdated, totalAdded, totalUpdated, totalSkipped, error, next);
    }

    SourceState withNextPoll(Instant next) {
        return new SourceState(source, lastSeenId, lastSeenDate, validators, consecutiveFailures, lastAttemptAt,
                lastSuccessAt, lastAdded, lastUpdated, totalAdded, totalUpdated, totalSkipped, lastError, next);
    }

    /** Where a source got to: saved only when the whole poll succeeded, so a failed poll is simply redone. */
    record Cursor(String lastSeenId, LocalDate lastSeenDate, HttpFetcher.Validators validators) {
    }
}
