package org.paperscout.recommend;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;
import org.paperscout.store.Database;

/** Each user's /tune mix in the {@code tune} table (V60); no row means the configured default. */
public final class TuneStore {

    private final Database db;
    private final Clock clock;

    public TuneStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The user's own mix, if they set one. */
    public Optional<Tune> get(String userId) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT trending, relevance, recency FROM tune WHERE user_id = ?")) {
                p.setString(1, userId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(new Tune(r.getInt(1), r.getInt(2), r.getInt(3)))
                            : Optional.<Tune>empty();
                }
            }
        });
    }

    public void set(String userId, Tune tune) {
        long now = clock.millis();
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO tune (user_id, trending, relevance, recency, updated_at) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT (user_id) DO UPDATE SET trending = excluded.trending, "
                            + "relevance = excluded.relevance, recency = excluded.recency, "
                            + "updated_at = excluded.updated_at")) {
                p.setString(1, userId);
                p.setInt(2, tune.trending());
                p.setInt(3, tune.relevance());
                p.setInt(4, tune.recency());
                p.setLong(5, now);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** Back to the defaults; false when the user had not set anything. */
    public boolean reset(String userId) {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM tune WHERE user_id = ?")) {
                p.setString(1, userId);
                return p.executeUpdate() > 0;
            }
        });
    }
}
