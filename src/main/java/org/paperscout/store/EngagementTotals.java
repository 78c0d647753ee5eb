package org.paperscout.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Engagement per paper for trending, aggregated inside the database so a million events never become a million
 * Java objects. On SQLite it scans the covering index {@code events_by_paper} (paper, kind, time; V60) in paper
 * order, so grouping needs no sort (PostgreSQL's planner picks its own plan), and the engine's math functions sum
 * the exponential decay. The scan reads every event, not only the window's, which is why the retention job folds
 * events older than anything ranks them (the longest trending window, a digest catch-up's span) into daily totals:
 * trending never reads those totals, its answer is the same without the old events, and it gets faster.
 */
public final class EngagementTotals {

    /** One paper's engagement in a window: people per kind, and the decayed, weighted sum. */
    public record PaperEngagement(String paperId, int votes, int saves, int clicks, int expands, double decayed) {
    }

    private final Database db;

    public EngagementTotals(Database db) {
        this.db = db;
    }

    /**
     * Every paper with engagement at or after {@code from} (and not after {@code now}), with
     * {@code decayed = sum of weight(kind) * 2^(-(now - at) / halfLife)}; in no particular order.
     */
    public List<PaperEngagement> since(Instant from, Instant now, Duration halfLife, Map<EngagementKind, Double> weights) {
        long nowMs = now.toEpochMilli();
        double halfLifeMs = halfLife.toMillis();
        return db.read(c -> {
            List<PaperEngagement> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT paper_id, sum(CASE kind WHEN 'vote' THEN 1 ELSE 0 END), sum(CASE kind WHEN 'save' THEN 1 ELSE 0 END), "
                            + "sum(CASE kind WHEN 'click' THEN 1 ELSE 0 END), sum(CASE kind WHEN 'expand' THEN 1 ELSE 0 END), "
                            + "sum(CASE kind WHEN 'vote' THEN ? WHEN 'save' THEN ? WHEN 'click' THEN ? ELSE ? END "
                            + "* exp((at - ?) * ?)) "
                            + "FROM events" + db.dialect().indexHint("events_by_paper") + " WHERE at >= ? AND at <= ? GROUP BY paper_id")) {
                p.setDouble(1, weights.getOrDefault(EngagementKind.VOTE, 0.0));
                p.setDouble(2, weights.getOrDefault(EngagementKind.SAVE, 0.0));
                p.setDouble(3, weights.getOrDefault(EngagementKind.CLICK, 0.0));
                p.setDouble(4, weights.getOrDefault(EngagementKind.EXPAND, 0.0));
                p.setLong(5, nowMs);
                p.setDouble(6, Math.log(2) / halfLifeMs); // 2^(x/h) = e^(x ln2 / h); exp is cheaper than pow
                p.setLong(7, from.toEpochMilli());
                p.setLong(8, nowMs);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new PaperEngagement(r.getString(1), r.getInt(2), r.getInt(3), r.getInt(4), r.getInt(5),
                                r.getDouble(6)));
                    }
                }
            }
            return out;
        });
    }

    /** Votes and saves on one paper on one UTC day. */
    public record DailyEngagement(String paperId, java.time.LocalDate day, int count) {
    }

    /**
     * Votes and saves at or after {@code from} and before {@code to}, counted per paper and UTC day inside the
     * database (for /pulse, where a line per week or month is drawn from them): the recent events, plus the daily
     * totals that older events were folded into ({@code engagement_daily}, V85). Folding moves whole UTC days, so a
     * day is counted from one side only; were both to hold the same day, the counts add up. {@code from} and
     * {@code to} are meant to be UTC midnights: a day of totals counts when its midnight is in range.
     */
    public List<DailyEngagement> votesAndSavesByDay(Instant from, Instant to) {
        return db.read(c -> {
            Map<String, Map<Long, Integer>> counts = new java.util.TreeMap<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT paper_id, at / 86400000, count(*) FROM events "
                            + "WHERE kind IN ('vote', 'save') AND at >= ? AND at < ? GROUP BY paper_id, at / 86400000")) {
                p.setLong(1, from.toEpochMilli());
                p.setLong(2, to.toEpochMilli());
                add(p, counts);
            }
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT paper_id, day, sum(people) FROM engagement_daily "
                            + "WHERE kind IN ('vote', 'save') AND day >= ? AND day < ? GROUP BY paper_id, day")) {
                p.setLong(1, Math.floorDiv(from.toEpochMilli() + DAY_MS - 1, DAY_MS));
                p.setLong(2, Math.floorDiv(to.toEpochMilli() + DAY_MS - 1, DAY_MS));
                add(p, counts);
            }
            List<DailyEngagement> out = new ArrayList<>();
            counts.forEach((paper, days) -> days.forEach((day, n) ->
                    out.add(new DailyEngagement(paper, java.time.LocalDate.ofEpochDay(day), n))));
            return out;
        });
    }

    private static final long DAY_MS = 86_400_000L;

    private static void add(PreparedStatement p, Map<String, Map<Long, Integer>> counts) throws java.sql.SQLException {
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                counts.computeIfAbsent(r.getString(1), k -> new java.util.TreeMap<>())
                        .merge(r.getLong(2), r.getInt(3), Integer::sum);
            }
        }
    }
}
