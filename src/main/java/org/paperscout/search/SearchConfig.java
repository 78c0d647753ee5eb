package org.paperscout.search;

import java.time.Duration;
import org.paperscout.config.Settings;

/**
 * Search settings.
 *
 * @param cacheSize   how many result pages the cache keeps
 * @param cacheTtl    how long a cached page lives (it is also dropped whenever the index changes)
 * @param timeout     a search running longer returns what it found so far
 */
public record SearchConfig(int cacheSize, Duration cacheTtl, Duration timeout) {

    /** Below this a search stops before it has looked at anything, and every query answers "No papers match". */
    static final Duration MIN_TIMEOUT = Duration.ofMillis(10);

    public static SearchConfig from(Settings s) {
        return new SearchConfig(
                s.integer("search.cache-size", 10_000, 0, 10_000_000),
                s.duration("search.cache-ttl", Duration.ofMinutes(10)),
                s.duration("search.timeout", Duration.ofSeconds(2), MIN_TIMEOUT));
    }

    public static SearchConfig defaults() {
        return from(Settings.of(java.util.Map.of()));
    }
}
