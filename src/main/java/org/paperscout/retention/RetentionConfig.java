package org.paperscout.retention;

import java.time.Duration;
import org.paperscout.config.Settings;

/**
 * How long the store keeps what only grows: digest ledger rows, seen papers, superseded rows of the shared papers
 * feed and the state of sources no longer polled.
 *
 * @param retention rows older than this are deleted by the daily retention run
 */
public record RetentionConfig(Duration retention) {

    public static final String RETENTION = "store.retention";
    /**
     * Shorter would reach the days the digest job still reads back to (missed days are recorded up to 14 days back),
     * and buys nothing: a day's rows are small.
     */
    static final Duration MIN = Duration.ofDays(14);
    static final Duration MAX = Duration.ofDays(3650);

    public RetentionConfig {
        if (retention.compareTo(MIN) < 0 || retention.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("retention must be from 14d to 3650d, got " + retention);
        }
    }

    public static RetentionConfig defaults() {
        return new RetentionConfig(Duration.ofDays(90));
    }

    public static RetentionConfig from(Settings s) {
        Duration d = s.duration(RETENTION, defaults().retention());
        if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
            throw s.invalid(RETENTION, "a duration from 14d to 3650d, e.g. 90d");
        }
        return new RetentionConfig(d);
    }
}
