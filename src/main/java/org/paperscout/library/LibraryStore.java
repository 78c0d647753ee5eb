package org.paperscout.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;
import org.paperscout.store.Database;
import org.paperscout.store.EngagementKind;
import org.paperscout.store.EventStore;
import org.paperscout.store.Ids;
import org.paperscout.store.StoreException;
import org.paperscout.store.JsonMappers;

/**
 * Each user's reading list. A saved paper is copied in (without upvotes), so the list survives the paper
 * leaving the index. Order everywhere: unread first, then newest saved first, then by id.
 */
public final class LibraryStore {

    /** Keeps one user's list, and its export, a sane size. */
    public static final int MAX_SAVED = 1000;

    public enum Outcome { SAVED, ALREADY_SAVED, FULL }

    public record SaveResult(Outcome outcome, int count) {
    }

    /** Counts for a heading: all saved papers and how many of them are unread. */
    public record Counts(int total, int unread) {
    }

    private static final String COLUMNS =
            "paper_id, title, authors_json, categories_json, published, abstract, links_json, saved_at, read_at";
    private static final String ORDER = " ORDER BY read_at IS NOT NULL, saved_at DESC, paper_id";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final Database db;
    private final Clock clock;

    public LibraryStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Saves {@code paper} unread (and records a save event); an already saved paper keeps its read state. */
    public SaveResult save(String userId, Paper paper) {
        Ids.user(userId);
        Ids.paper(paper.id());
        String authors = toJson(paper.authors());
        String categories = toJson(paper.categories());
        Map<String, String> linkMap = new LinkedHashMap<>();
        linkMap.put("arxiv_abs", paper.links().arxivAbs());
        linkMap.put("arxiv_pdf", paper.links().arxivPdf());
        linkMap.put("hf_page", paper.links().hfPage());
        String links = toJson(linkMap);
        long now = clock.millis();
        return db.write(c -> {
            Counts counts = counts(c, userId);
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM saved WHERE user_id = ? AND paper_id = ?")) {
                p.setString(1, userId);
                p.setString(2, paper.id());
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        return new SaveResult(Outcome.ALREADY_SAVED, counts.total());
                    }
                }
            }
            if (counts.total() >= MAX_SAVED) {
                return new SaveResult(Outcome.FULL, counts.total());
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO saved (user_id, " + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
                p.setString(1, userId);
                p.setString(2, paper.id());
                p.setString(3, paper.title());
                p.setString(4, authors);
                p.setString(5, categories);
                p.setString(6, paper.published() == null ? null : paper.published().toString());
                p.setString(7, paper.abstractText());
                p.setString(8, links);
                p.setLong(9, now);
                p.executeUpdate();
            }
            EventStore.insert(c, userId, paper.id(), EngagementKind.SAVE, now);
            return new SaveResult(Outcome.SAVED, counts.total() + 1);
        });
    }

    /** One page of the list, unread first. */
    public List<SavedPaper> page(String userId, int offset, int limit) {
        Ids.user(userId);
        return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM saved WHERE user_id = ?" + ORDER + " LIMIT ? OFFSET ?",
                userId, limit, Math.max(0, offset)));
    }

    /** The whole list, unread first (for exports). */
    public List<SavedPaper> all(String userId) {
        Ids.user(userId);
        return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM saved WHERE user_id = ?" + ORDER, userId, -1, 0));
    }

    public Counts counts(String userId) {
        Ids.user(userId);
        return db.read(c -> counts(c, userId));
    }

    /** Ids of every paper the user saved (recommendations leave them out). */
    public Set<String> savedIds(String userId) {
        Ids.user(userId);
        return db.read(c -> {
            Set<String> ids = new HashSet<>();
            try (PreparedStatement p = c.prepareStatement("SELECT paper_id FROM saved WHERE user_id = ?")) {
                p.setString(1, userId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    /** Marks a saved paper read or unread; false when it is not in the user's list. */
    public boolean markRead(String userId, String paperId, boolean read) {
        Ids.user(userId);
        long now = clock.millis();
        return db.write(c -> {
            // Marking read twice keeps the first time; marking unread clears it.
            try (PreparedStatement p = c.prepareStatement(read
                    ? "UPDATE saved SET read_at = coalesce(read_at, ?) WHERE user_id = ? AND paper_id = ?"
                    : "UPDATE saved SET read_at = NULL WHERE user_id = ? AND paper_id = ?")) {
                int i = 1;
                if (read) {
                    p.setLong(i++, now);
                }
                p.setString(i++, userId);
                p.setString(i, paperId);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** Removes a paper from the list; false when it was not there. The save event stays (it happened). */
    public boolean remove(String userId, String paperId) {
        Ids.user(userId);
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM saved WHERE user_id = ? AND paper_id = ?")) {
                p.setString(1, userId);
                p.setString(2, paperId);
                return p.executeUpdate() == 1;
            }
        });
    }

    private static Counts counts(Connection c, String userId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT count(*), count(*) - count(read_at) FROM saved WHERE user_id = ?")) {
            p.setString(1, userId);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return new Counts(r.getInt(1), r.getInt(2));
            }
        }
    }

    private List<SavedPaper> query(Connection c, String sql, String userId, int limit, int offset) throws SQLException {
        List<SavedPaper> result = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, userId);
            if (limit >= 0) {
                p.setInt(2, limit);
                p.setInt(3, offset);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    result.add(saved(r));
                }
            }
        }
        return result;
    }

    private SavedPaper saved(ResultSet r) throws SQLException {
        Map<String, String> links = fromJson(r.getString(7), new TypeReference<Map<String, String>>() { });
        String published = r.getString(5);
        Paper paper = new Paper(r.getString(1), r.getString(2), r.getString(6), fromJson(r.getString(3), STRINGS),
                fromJson(r.getString(4), STRINGS), published == null ? null : LocalDate.parse(published),
                new PaperLinks(links.get("arxiv_abs"), links.get("arxiv_pdf"), links.get("hf_page")), 0, "library");
        Instant savedAt = Instant.ofEpochMilli(r.getLong(8));
        long readAt = r.getLong(9);
        return new SavedPaper(paper, savedAt, r.wasNull() ? null : Instant.ofEpochMilli(readAt));
    }

    private String toJson(Object value) {
        try {
            return JsonMappers.plain().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lists of strings always serialise", e);
        }
    }

    private <T> T fromJson(String text, TypeReference<T> type) {
        try {
            return JsonMappers.plain().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("a saved paper has unreadable JSON", e);
        }
    }
}
