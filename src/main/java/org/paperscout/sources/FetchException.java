package org.paperscout.sources;

import java.io.IOException;
import java.time.Duration;

/**
 * A request that gave no usable answer, after the retries it was allowed. The message is one line for logs and
 * {@code /status}; it never quotes the response body.
 */
final class FetchException extends IOException {

    private final Duration retryAfter;

    FetchException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    FetchException(String message, Throwable cause) {
        super(message, cause);
        this.retryAfter = null;
    }

    /** How long the server asked us to wait before trying again, or null when it did not say. */
    Duration retryAfter() {
        return retryAfter;
    }
}
