package org.paperscout.util;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff: {@code first}, then doubled per failure, never above {@code max}. The one rule behind every
 * retry in the bot (HTTP fetches, source polls, digest deliveries), so their waits read and change the same way.
 *
 * @param first the wait after the first failure
 * @param max   the longest wait; a broken peer is still tried now and then, never hammered. A {@code max} below
 *              {@code first} makes every wait {@code max} (configurations may set them independently)
 */
public record Backoff(Duration first, Duration max) {

    public Backoff {
        if (first.isNegative() || first.isZero() || max.isNegative() || max.isZero()) {
            throw new IllegalArgumentException("backoff waits must be positive, got " + first + " and " + max);
        }
    }

    /**
     * The wait after {@code failuresBefore} earlier failures: {@code first} for none, doubling per failure up to
     * {@code max}. Doubling stops at the cap, so a long outage never overflows.
     */
    public Duration delay(int failuresBefore) {
        Duration wait = first;
        for (int i = 0; i < failuresBefore && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /**
     * {@link #delay} with "equal jitter": half fixed, half scaled by {@code random} (in [0, 1)), so clients that
     * failed together spread out while still waiting at least half the delay. Millisecond resolution.
     */
    public Duration jittered(int failuresBefore, DoubleSupplier random) {
        long capped = delay(failuresBefore).toMillis();
        return Duration.ofMillis((long) (capped / 2.0 + capped / 2.0 * random.getAsDouble()));
    }
}
