package org.paperscout.store;

import java.time.Duration;
import org.paperscout.config.Settings;

/**
 * How the store talks to SQLite.
 *
 * @param busyTimeout  how long a connection waits on a lock held by another connection before SQLITE_BUSY
 * @param writeTimeout how long a caller waits for its write to be committed before giving up
 * @param readers      read connections kept open (WAL lets them read while the writer writes)
 */
public record StoreConfig(Duration busyTimeout, Duration writeTimeout, int readers) {

    public static final String BUSY_TIMEOUT = "store.busy-timeout";
    public static final String WRITE_TIMEOUT = "store.write-timeout";
    public static final String READERS = "store.readers";

    public StoreConfig {
        if (busyTimeout.isNegative() || writeTimeout.isNegative() || writeTimeout.isZero() || readers < 1) {
            throw new IllegalArgumentException("bad store config");
        }
    }

    public static StoreConfig defaults() {
        return new StoreConfig(Duration.ofSeconds(5), Duration.ofSeconds(10), 4);
    }

    public static StoreConfig from(Settings settings) {
        StoreConfig d = defaults();
        Duration busy = settings.duration(BUSY_TIMEOUT, d.busyTimeout());
        if (busy.isNegative() || busy.toMillis() > Integer.MAX_VALUE) {
            throw settings.invalid(BUSY_TIMEOUT, "a duration from 0s to 1d, e.g. 5s");
        }
        Duration write = settings.duration(WRITE_TIMEOUT, d.writeTimeout());
        if (write.isNegative() || write.isZero()) {
            throw settings.invalid(WRITE_TIMEOUT, "a positive duration, e.g. 10s");
        }
        return new StoreConfig(busy, write, settings.integer(READERS, d.readers(), 1, 32));
    }
}
