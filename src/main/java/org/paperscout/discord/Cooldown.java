package org.paperscout.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * Per-user rate limit: at most {@code limit} commands in a fixed window that starts at a user's first command.
 * One person flooding gets a short message; everyone else is unaffected.
 */
final class Cooldown {

    /** Users tracked at once; beyond this the least recently active lose their count (they get a fresh window). */
    static final int MAX_TRACKED_USERS = 50_000;

    private record Window(long startNanos, int count) {
    }

    private final int limit;
    private final long windowNanos;
    private final Ticker ticker;
    private final Cache<String, Window> windows;

    Cooldown(int limit, Duration window, Ticker ticker) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.ticker = ticker;
        this.windows = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED_USERS)
                .expireAfterAccess(window)
                .ticker(ticker)
                .build();
    }

    /** Counts one command; empty when allowed, else how long until the user may run another. */
    Duration tryAcquire(String userId) {
        long now = ticker.read();
        Window w = windows.asMap().compute(userId, (k, old) ->
                old == null || now - old.startNanos() >= windowNanos
                        ? new Window(now, 1)
                        : new Window(old.startNanos(), old.count() + 1));
        if (w.count() <= limit) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, w.startNanos() + windowNanos - now));
    }
}
