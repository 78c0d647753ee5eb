package org.paperscout.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * 👍 / 👎 / "not interested", one verdict per user and paper (the latest click wins). A 👍 is also a vote
 * event for trending, kept only while the verdict stays 👍, so changing one's mind takes the vote back.
 */
public final class FeedbackStore {

    private final Database db;
    private final Clock clock;

    public FeedbackStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Sets the user's verdict on a paper; returns the previous one. */
    public Optional<Verdict> set(String userId, String paperId, Verdict verdict) {
        Ids.user(userId);
        Ids.paper(paperId);
        long now = clock.millis();
        return db.write(c -> {
            Optional<Verdict> previous = Optional.empty();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT verdict FROM feedback WHERE user_id = ? AND paper_id = ?")) {
                p.setString(1, userId);
                p.setString(2, paperId);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        previous = Optional.of(Verdict.of(r.getString(1)));
                    }
                }
            }
            if (previous.equals(Optional.of(verdict))) {
                return previous;
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO feedback (user_id, paper_id, verdict, at) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT (user_id, paper_id) DO UPDATE SET verdict = excluded.verdict, at = excluded.at")) {
                p.setString(1, userId);
                p.setString(2, paperId);
                p.setString(3, verdict.word());
                p.setLong(4, now);
                p.executeUpdate();
            }
            if (verdict == Verdict.UP) {
                EventStore.insert(c, userId, paperId, EngagementKind.VOTE, now);
            } else {
                EventStore.delete(c, userId, paperId, EngagementKind.VOTE);
            }
            return previous;
        });
    }

    public Optional<Verdict> get(String userId, String paperId) {
        Ids.user(userId);
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT verdict FROM feedback WHERE user_id = ? AND paper_id = ?")) {
                p.setString(1, userId);
                p.setString(2, paperId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(Verdict.of(r.getString(1))) : Optional.<Verdict>empty();
                }
            }
        });
    }

    /** Every verdict the user gave, by paper id (recommendations boost, demote or drop those papers). */
    public Map<String, Verdict> all(String userId) {
        Ids.user(userId);
        return db.read(c -> {
            Map<String, Verdict> result = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT paper_id, verdict FROM feedback WHERE user_id = ?")) {
                p.setString(1, userId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        result.put(r.getString(1), Verdict.of(r.getString(2)));
                    }
                }
            }
            return result;
        });
    }
}
