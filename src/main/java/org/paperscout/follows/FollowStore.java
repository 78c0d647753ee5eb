package org.paperscout.follows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.paperscout.store.Database;
import org.paperscout.store.Ids;

/**
 * Per-user follows. The limit and the duplicate check run inside the writer's transaction, so two quick
 * {@code /follow}s can never make 51 follows or a duplicate. Text must already be validated by the caller
 * (length, control characters); the checks here are a backstop that throws {@link IllegalArgumentException}.
 */
public final class FollowStore {

    public static final int MAX_FOLLOWS = 50;
    /** In Unicode code points, as SQLite's length() counts them. */
    public static final int MAX_LENGTH = 100;

    public enum Outcome { ADDED, DUPLICATE, LIMIT_REACHED }

    /** @param follow the new follow, or the existing one for {@code DUPLICATE}, or null */
    public record AddResult(Outcome outcome, Follow follow, int count) {
    }

    private final Database db;
    private final Clock clock;

    public FollowStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public AddResult add(String userId, FollowKind kind, String text) {
        Ids.user(userId);
        checkText(text);
        String key = key(text);
        return db.write(c -> {
            Optional<Follow> existing = find(c, userId, kind, key);
            int count = count(c, userId);
            if (existing.isPresent()) {
                return new AddResult(Outcome.DUPLICATE, existing.get(), count);
            }
            if (count >= MAX_FOLLOWS) {
                return new AddResult(Outcome.LIMIT_REACHED, null, count);
            }
            Instant now = clock.instant();
            long id;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO follows (user_id, kind, text, text_key, "
                    + "created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                p.setString(1, userId);
                p.setString(2, kind.word());
                p.setString(3, text);
                p.setString(4, key);
                p.setLong(5, now.toEpochMilli());
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    id = r.getLong(1);
                }
            }
            return new AddResult(Outcome.ADDED, new Follow(id, kind, text, Instant.ofEpochMilli(now.toEpochMilli())),
                    count + 1);
        });
    }

    /** The user's follows, by kind (topic, author, category, exclude) and then in the order they were added. */
    public List<Follow> list(String userId) {
        Ids.user(userId);
        return db.read(c -> {
            List<Follow> result = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id, kind, text, created_at FROM follows WHERE user_id = ? ORDER BY "
                            + "CASE kind WHEN 'topic' THEN 0 WHEN 'author' THEN 1 WHEN 'category' THEN 2 ELSE 3 END, id")) {
                p.setString(1, userId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        result.add(follow(r));
                    }
                }
            }
            return result;
        });
    }

    /** Removes one of the user's own follows by id; empty when the user has no follow with that id. */
    public Optional<Follow> remove(String userId, long followId) {
        Ids.user(userId);
        return db.write(c -> {
            Optional<Follow> found;
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id, kind, text, created_at FROM follows WHERE user_id = ? AND id = ?")) {
                p.setString(1, userId);
                p.setLong(2, followId);
                try (ResultSet r = p.executeQuery()) {
                    found = r.next() ? Optional.of(follow(r)) : Optional.empty();
                }
            }
            if (found.isPresent()) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM follows WHERE user_id = ? AND id = ?")) {
                    p.setString(1, userId);
                    p.setLong(2, followId);
                    p.executeUpdate();
                }
            }
            return found;
        });
    }

    public int count(String userId) {
        Ids.user(userId);
        return db.read(c -> count(c, userId));
    }

    /**
     * The folded form used to spot duplicates: compatibility-normalised, lower case, whitespace collapsed.
     * Public so commands can match what a user typed against their follows the same way.
     */
    public static String key(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ").strip();
    }

    private static void checkText(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty follow");
        }
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            throw new IllegalArgumentException("follow longer than " + MAX_LENGTH);
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("follow with control characters");
        }
    }

    private static Optional<Follow> find(Connection c, String userId, FollowKind kind, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, kind, text, created_at FROM follows WHERE user_id = ? AND kind = ? AND text_key = ?")) {
            p.setString(1, userId);
            p.setString(2, kind.word());
            p.setString(3, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(follow(r)) : Optional.empty();
            }
        }
    }

    private static int count(Connection c, String userId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM follows WHERE user_id = ?")) {
            p.setString(1, userId);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static Follow follow(ResultSet r) throws SQLException {
        return new Follow(r.getLong(1), FollowKind.parse(r.getString(2)).orElseThrow(), r.getString(3),
                Instant.ofEpochMilli(r.getLong(4)));
    }
}
