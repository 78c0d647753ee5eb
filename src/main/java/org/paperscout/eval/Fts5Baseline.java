package org.paperscout.eval;

import java.io.Closeable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peer to beat: SQLite FTS5 with its BM25, as a few lines of application code would use it. Title and text
 * in one table with the {@code porter} tokenizer, the title weighted 2; every query word quoted (so nothing in
 * it is FTS5 syntax) and the words OR-ed.
 */
public final class Fts5Baseline implements Closeable {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private final Connection db;
    private final PreparedStatement query;
    /** Document ids by rowid - 1. */
    private final List<String> ids = new ArrayList<>();

    /** Indexes the documents into a new database file {@code file}. */
    Fts5Baseline(Path file, List<JudgedCollection.Document> documents) throws SQLException {
        db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = db.createStatement()) {
            s.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'porter')");
        }
        db.setAutoCommit(false);
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO t (rowid, title, body) VALUES (?, ?, ?)")) {
            for (JudgedCollection.Document d : documents) {
                ids.add(d.id());
                insert.setLong(1, ids.size());
                insert.setString(2, d.title());
                insert.setString(3, d.text());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        db.commit();
        db.setAutoCommit(true);
        query = db.prepareStatement("SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t, 2.0, 1.0), rowid"
                + " LIMIT ?");
    }

    /** The top {@code limit} document ids; empty when the query has no words. */
    List<String> search(String text, int limit) throws SQLException {
        String match = matchExpression(text);
        List<String> out = new ArrayList<>();
        if (match.isEmpty()) {
            return out;
        }
        query.setString(1, match);
        query.setInt(2, limit);
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                out.add(ids.get((int) rs.getLong(1) - 1));
            }
        }
        return out;
    }

    /** {@code "word" OR "word" ...}: quoting keeps AND, NOT, NEAR, column filters and stars from being syntax. */
    public static String matchExpression(String text) {
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        List<String> words = new ArrayList<>();
        while (m.find()) {
            words.add('"' + m.group() + '"');
        }
        return String.join(" OR ", words);
    }

    @Override
    public void close() {
        try {
            query.close();
            db.close();
        } catch (SQLException e) {
            // a throwaway database; nothing to keep
        }
    }
}
