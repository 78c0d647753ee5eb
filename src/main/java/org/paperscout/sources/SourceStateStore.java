package org.paperscout.sources;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import org.paperscout.store.Database;

/** Reads and writes {@code source_state} (migration V50) through the store's single writer. */
final class SourceStateStore {

    private final Database db;

    SourceStateStore(Database db) {
        this.db = db;
    }

    SourceState get(String source) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT last_seen_id, last_seen_date, validator_url, etag, "
                    + "last_modified, consecutive_failures, last_attempt_at, last_success_at, last_added, last_updated, "
                    + "total_added, total_updated, total_skipped, last_error, next_poll_at FROM source_state "
                    + "WHERE source = ?")) {
                p.setString(1, source);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return SourceState.fresh(source);
                    }
                    String date = r.getString(2);
                    return new SourceState(source, r.getString(1), date == null ? null : LocalDate.parse(date),
                            new HttpFetcher.Validators(r.getString(3), r.getString(4), r.getString(5)),
                            r.getInt(6), instant(r, 7), instant(r, 8), r.getInt(9), r.getInt(10), r.getLong(11),
                            r.getLong(12), r.getLong(13), r.getString(14), instant(r, 15));
                }
            }
        });
    }

    void save(SourceState s) {
        db.write(c -> {
            upsert(c, s);
            return null;
        });
    }

    private static void upsert(Connection c, SourceState s) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO source_state (source, last_seen_id, last_seen_date, "
                + "validator_url, etag, last_modified, consecutive_failures, last_attempt_at, last_success_at, "
                + "last_added, last_updated, total_added, total_updated, total_skipped, last_error, next_poll_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET "
                + "last_seen_id = excluded.last_seen_id, last_seen_date = excluded.last_seen_date, "
                + "validator_url = excluded.validator_url, etag = excluded.etag, "
                + "last_modified = excluded.last_modified, consecutive_failures = excluded.consecutive_failures, "
                + "last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at, "
                + "last_added = excluded.last_added, last_updated = excluded.last_updated, "
                + "total_added = excluded.total_added, total_updated = excluded.total_updated, "
                + "total_skipped = excluded.total_skipped, last_error = excluded.last_error, "
                + "next_poll_at = excluded.next_poll_at")) {
            p.setString(1, s.source());
            p.setString(2, s.lastSeenId());
            p.setString(3, s.lastSeenDate() == null ? null : s.lastSeenDate().toString());
            p.setString(4, s.validators().url());
            p.setString(5, s.validators().etag());
            p.setString(6, s.validators().lastModified());
            p.setInt(7, s.consecutiveFailures());
            setInstant(p, 8, s.lastAttemptAt());
            setInstant(p, 9, s.lastSuccessAt());
            p.setInt(10, s.lastAdded());
            p.setInt(11, s.lastUpdated());
            p.setLong(12, s.totalAdded());
            p.setLong(13, s.totalUpdated());
            p.setLong(14, s.totalSkipped());
            p.setString(15, s.lastError());
            setInstant(p, 16, s.nextPollAt());
            p.executeUpdate();
        }
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static void setInstant(PreparedStatement p, int column, Instant value) throws SQLException {
        if (value == null) {
            p.setNull(column, Types.INTEGER);
        } else {
            p.setLong(column, value.toEpochMilli());
        }
    }
}
