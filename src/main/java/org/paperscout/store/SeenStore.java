package org.paperscout.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which papers each user was shown in digests and recommendations, so they are not shown again. */
public final class SeenStore {

    private final Database db;
    private final Clock clock;

    public SeenStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records that {@code userId} was shown these papers at {@code place}, in one transaction. */
    public void markSeen(String userId, Collection<String> paperIds, SeenPlace place) {
        Ids.user(userId);
        List<String> ids = List.copyOf(paperIds);
        ids.forEach(Ids::paper);
        if (ids.isEmpty()) {
            return;
        }
        long now = clock.millis();
        db.write(c -> {
            insert(c, userId, ids, place, now);
            return null;
        });
    }

    /**
     * The same record, inside a write transaction someone else holds (the digest ledger marks a DM delivered and
     * what it showed as seen in one commit).
     */
    public static void markSeen(Connection c, String userId, Collection<String> paperIds, SeenPlace place, long at)
            throws SQLException {
        Ids.user(userId);
        List<String> ids = List.copyOf(paperIds);
        ids.forEach(Ids::paper);
        insert(c, userId, ids, place, at);
    }

    private static void insert(Connection c, String userId, List<String> ids, SeenPlace place, long at)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO seen (user_id, paper_id, place, at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (user_id, paper_id, place) DO UPDATE SET at = excluded.at")) {
            for (String id : ids) {
                p.setString(1, userId);
                p.setString(2, id);
                p.setString(3, place.word());
                p.setLong(4, at);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Every paper the user was shown anywhere. */
    public Set<String> seenPaperIds(String userId) {
        Ids.user(userId);
        return db.read(c -> {
            Set<String> result = new HashSet<>();
            try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT paper_id FROM seen WHERE user_id = ?")) {
                p.setString(1, userId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        result.add(r.getString(1));
                    }
                }
            }
            return result;
        });
    }
}
