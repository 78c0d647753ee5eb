package org.paperscout.sources;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperJsonLine;
import org.paperscout.store.Database;
import org.paperscout.store.Dialect;

/** Appends to and reads the shared {@code papers} feed (migration V81) through the store. */
final class PaperFeedStore {

    /** One appended paper: its position in the feed and its JSON Lines record. */
    record Row(long id, String paperId, String line) {
    }

    private final Database db;

    PaperFeedStore(Database db) {
        this.db = db;
    }

    /** Appends the papers in order in one transaction; returns the id of the last row, or -1 when none. */
    long append(List<Paper> papers, Instant at) {
        if (papers.isEmpty()) {
            return -1;
        }
        return db.write(c -> {
            if (db.dialect() == Dialect.POSTGRESQL) {
                // Followers read "ids after my position", so ids must commit in order. One leader appends through
                // one connection, but a deposed leader that has not noticed yet, or an operator's ingest --from,
                // may append at the same time: this lock, held to commit, makes appends take turns.
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_xact_lock(hashtext('paperscout.papers-feed'))");
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO papers (paper_id, paper, created_at) VALUES (?, ?, ?)")) {
                for (Paper paper : papers) {
                    p.setString(1, paper.id());
                    p.setString(2, PaperJsonLine.write(paper));
                    p.setLong(3, at.toEpochMilli());
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("SELECT max(id) FROM papers");
                 ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : -1L;
            }
        });
    }

    /** Up to {@code limit} rows after position {@code after}, in order. */
    List<Row> after(long after, int limit) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id, paper_id, paper FROM papers WHERE id > ? ORDER BY id LIMIT ?")) {
                p.setLong(1, after);
                p.setInt(2, limit);
                List<Row> rows = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        rows.add(new Row(r.getLong(1), r.getString(2), r.getString(3)));
                    }
                }
                return rows;
            }
        });
    }

    /** The id of the newest row, 0 when the feed is empty. */
    long last() {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT coalesce(max(id), 0) FROM papers");
                 ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : 0L;
            }
        });
    }
}
