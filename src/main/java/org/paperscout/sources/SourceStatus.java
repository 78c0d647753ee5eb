package org.paperscout.sources;

import java.time.Instant;

/**
 * How one source is doing, for {@code /status}.
 *
 * @param lastSuccess when a poll last succeeded, or null when none ever did
 * @param lastAdded   papers the last successful poll added; {@code lastUpdated} likewise
 * @param nextPoll    when the next poll is due, or null when the source is off or not scheduled yet
 * @param lastError   why the latest poll failed, or null when it succeeded
 */
public record SourceStatus(String name, boolean enabled, boolean healthy, int consecutiveFailures,
                           Instant lastSuccess, int lastAdded, int lastUpdated, long totalAdded, long totalUpdated,
                           long totalSkipped, Instant nextPoll, String lastError) {

    /** The name people read: "arXiv", "Hugging Face". */
    public String displayName() {
        return switch (name) {
            case ArxivSource.NAME -> "arXiv";
            case HfDailySource.NAME -> "Hugging Face";
            default -> name;
        };
    }
}
