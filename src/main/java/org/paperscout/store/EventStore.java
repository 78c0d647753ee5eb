package org.paperscout.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Engagement events for trending. One row per user, paper and kind, so a user clicking ten times counts once;
 * the time kept is the first one. Saves and upvotes are recorded by {@code LibraryStore} and
 * {@link FeedbackStore} in the same transaction as the change itself.
 */
public final class EventStore {

    private final Database db;
    private final Clock clock;

    public EventStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records an engagement; false when this user had already engaged this way with this paper. */
    public boolean record(String userId, String paperId, EngagementKind kind) {
        Ids.user(userId);
        Ids.paper(paperId);
        long now = clock.millis();
        return db.write(c -> insert(c, userId, paperId, kind, now));
    }

    /** Every event at or after {@code from}, oldest first. */
    public List<EngagementEvent> since(Instant from) {
        return db.read(c -> {
            List<EngagementEvent> result = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT paper_id, kind, at FROM events WHERE at >= ? ORDER BY at, paper_id")) {
                p.setLong(1, from.toEpochMilli());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        result.add(new EngagementEvent(r.getString(1), EngagementKind.of(r.getString(2)),
                                Instant.ofEpochMilli(r.getLong(3))));
                    }
                }
            }
            return result;
        });
    }

    public static boolean insert(Connection c, String userId, String paperId, EngagementKind kind, long at)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO events (user_id, paper_id, kind, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            p.setString(1, userId);
            p.setString(2, paperId);
            p.setString(3, kind.word());
            p.setLong(4, at);
            return p.executeUpdate() == 1;
        }
    }

    static void delete(Connection c, String userId, String paperId, EngagementKind kind) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "DELETE FROM events WHERE user_id = ? AND paper_id = ? AND kind = ?")) {
            p.setString(1, userId);
            p.setString(2, paperId);
            p.setString(3, kind.word());
            p.executeUpdate();
        }
    }
}
