package org.paperscout.store;

import java.nio.file.Path;
import java.time.Clock;

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
            return Database.openPostgres(EmbeddedPg.newDatabase(), StoreConfig.defaults());
        }
    };

    /** A fresh, empty store: SQLite in {@code dir/data}, or a new database on the shared embedded PostgreSQL. */
    public abstract Database open(Path dir, Clock clock);
}
