package org.paperscout.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.UnaryOperator;

/** Time zone, digest hour and language per user. */
public final class UserSettingsStore {

    private final Database db;
    private final Clock clock;

    public UserSettingsStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The user's settings; {@link UserSettings#NONE} when they never set any. */
    public UserSettings get(String userId) {
        Ids.user(userId);
        return db.read(c -> read(c, userId));
    }

    /** Applies {@code change} to the current settings atomically and returns the result. */
    public UserSettings update(String userId, UnaryOperator<UserSettings> change) {
        Ids.user(userId);
        long now = clock.millis();
        return db.write(c -> {
            UserSettings next = change.apply(read(c, userId));
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO users (user_id, time_zone, digest_hour, language, updated_at) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT (user_id) DO UPDATE SET time_zone = excluded.time_zone, "
                            + "digest_hour = excluded.digest_hour, language = excluded.language, "
                            + "updated_at = excluded.updated_at")) {
                p.setString(1, userId);
                p.setString(2, next.timeZone() == null ? null : next.timeZone().getId());
                if (next.digestHour() == null) {
                    p.setNull(3, java.sql.Types.INTEGER);
                } else {
                    p.setInt(3, next.digestHour());
                }
                p.setString(4, next.language());
                p.setLong(5, now);
                p.executeUpdate();
            }
            return next;
        });
    }

    private static UserSettings read(Connection c, String userId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT time_zone, digest_hour, language FROM users WHERE user_id = ?")) {
            p.setString(1, userId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return UserSettings.NONE;
                }
                String zone = r.getString(1);
                int hour = r.getInt(2);
                Integer digestHour = r.wasNull() ? null : hour;
                return new UserSettings(zone == null ? null : ZoneId.of(zone), digestHour, r.getString(3));
            }
        }
    }
}
