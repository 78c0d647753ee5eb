package org.paperscout.store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The engines the store tests run against: the same tests, the same expectations. */
public enum Engine {

    SQLITE {
        @Override
        public Database open(Path dir, Clock clock) {
            return Database.open(dir.resolve("data"), StoreConfig.defaults(), clock);
        }
    },

    POSTGRESQL {
        @Override
        public Database open(Path dir, Clock clock) {
            return Database.openPostgres(DATABASES.computeIfAbsent(dir, d -> EmbeddedPg.newDatabase()),
                    StoreConfig.defaults());
        }
    };

    /** The PostgreSQL database of each test folder, so that opening the same folder again reopens the same store. */
    private static final Map<Path, StoreLocation> DATABASES = new ConcurrentHashMap<>();

    /**
     * The store of a test folder, empty on first open: SQLite in {@code dir/data}, or a database of its own on the
     * shared embedded PostgreSQL. Opening the same folder again reopens the same store on either engine.
     */
    public abstract Database open(Path dir, Clock clock);
}
