package org.paperscout.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;
import org.paperscout.digest.DigestStore;
import org.paperscout.privacy.PrivacyStore;
import org.paperscout.pulse.PulseService;
import org.paperscout.pulse.PulseWindow;
import org.paperscout.recommend.TrendingConfig;
import org.paperscout.recommend.TrendingPaper;
import org.paperscout.recommend.TrendingService;
import org.paperscout.recommend.TrendingWindow;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.SearchConfig;
import org.paperscout.search.SearchService;
import org.paperscout.store.Database;
import org.paperscout.store.EngagementKind;
import org.paperscout.store.EngagementTotals;
import org.paperscout.store.Engine;
import org.paperscout.store.EventStore;
import org.paperscout.store.TestClock;

/**
 * Retention on a real store (a SQLite file, and PostgreSQL) with a real Lucene index: folding old events changes no
 * trending ranking, no digest span's ranking and no /pulse, and the age deletes take exactly the rows they should.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class RetentionTest {

    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    static final int PAPERS = 40;

    TestClock clock;
    Database db;
    PaperIndex index;
    SearchService search;
    TrendingService trending;
    PulseService pulse;
    Retention retention;

    @BeforeEach
    void open() throws Exception {
        clock = new TestClock(NOW);
        db = engine.open(dir, clock);
        index = PaperIndex.open(dir.resolve("index"));
        List<Paper> papers = new ArrayList<>();
        for (int i = 0; i < PAPERS; i++) {
            String id = String.format("2601.%05d", i);
            // Published over the last 80 days, so newness and the pulse's weeks both vary.
            papers.add(new Paper(id, "Diffusion sampler study " + i, "A study of diffusion samplers, part " + i + ".",
                    List.of("Ada Lovelace"), List.of("cs.LG"), TODAY.minusDays(i * 2L), PaperLinks.forArxivId(id),
                    i % 5, "test"));
        }
        index.upsert(papers);
        search = new SearchService(index, SearchConfig.defaults());
        EngagementTotals totals = new EngagementTotals(db);
        trending = new TrendingService(search, totals, TrendingConfig.from(
                org.paperscout.config.Settings.of(Map.of("trending.cache-ttl", "0s"))), clock);
        pulse = new PulseService(search, totals, clock);
        retention = new Retention(db, new DigestStore(db, clock), RetentionConfig.defaults(), clock);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
        index.close();
    }

    /** Events at random times over the last {@code days} days, from 300 people. */
    void engagement(int count, int days, long seed) {
        Random random = new Random(seed);
        EngagementKind[] kinds = EngagementKind.values();
        db.write(c -> {
            for (int i = 0; i < count; i++) {
                // Skewed towards low paper numbers so rankings have a clear order.
                int paper = (int) Math.min(PAPERS - 1, Math.abs(random.nextGaussian()) * PAPERS / 3);
                long at = NOW.toEpochMilli() - (long) (random.nextDouble() * Duration.ofDays(days).toMillis());
                EventStore.insert(c, "u" + random.nextInt(300), String.format("2601.%05d", paper),
                        kinds[random.nextInt(kinds.length)], at);
            }
            return null;
        });
    }

    long count(String sql) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(sql); ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    record Answers(List<List<TrendingPaper>> rankings, List<PulseService.Pulse> pulses) {
    }

    Answers answers() {
        List<List<TrendingPaper>> rankings = new ArrayList<>();
        for (TrendingWindow w : TrendingWindow.values()) {
            rankings.add(trending.ranking(w).papers());
        }
        // The longest span a digest ranks (a catch-up after the longest snooze), and a week's digest.
        rankings.add(trending.between(NOW.minus(org.paperscout.digest.DigestJob.LONGEST_CONTENT_SPAN), NOW).papers());
        rankings.add(trending.between(NOW.minus(Duration.ofDays(7)), NOW).papers());
        List<PulseService.Pulse> pulses = new ArrayList<>();
        for (PulseWindow w : PulseWindow.values()) {
            pulses.add(pulse.pulse("diffusion", w));
        }
        return new Answers(rankings, pulses);
    }

    static void assertSameRankings(List<List<TrendingPaper>> after, List<List<TrendingPaper>> before) {
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            List<TrendingPaper> b = before.get(i);
            List<TrendingPaper> a = after.get(i);
            assertThat(a).extracting(TrendingPaper::paperId).as("order of ranking " + i)
                    .containsExactlyElementsOf(b.stream().map(TrendingPaper::paperId).toList());
            for (int j = 0; j < b.size(); j++) {
                assertThat(List.of(a.get(j).votes(), a.get(j).saves(), a.get(j).clicks(), a.get(j).expands()))
                        .isEqualTo(List.of(b.get(j).votes(), b.get(j).saves(), b.get(j).clicks(), b.get(j).expands()));
                // Summation order inside the engine may differ once rows moved; the sums themselves do not.
                assertThat(a.get(j).score()).isCloseTo(b.get(j).score(), within(1e-9));
            }
        }
    }

    @Test
    void foldingOldEventsChangesNoTrendingRankingNoDigestSpanAndNoPulse() {
        engagement(4_000, 120, 7);
        long foldBefore = TODAY.minusDays(Retention.foldAfter().toDays()).toEpochDay() * 86_400_000L;
        long old = count("SELECT count(*) FROM events WHERE at < " + foldBefore);
        long votesAndSaves = count("SELECT count(*) FROM events WHERE kind IN ('vote', 'save')");
        assertThat(old).as("the fixture has events to fold").isGreaterThan(1_000);
        Answers before = answers();
        assertThat(before.rankings().get(2)).as("the month has engagement").anyMatch(p -> p.people() > 0);

        Retention.Report report = retention.run();

        assertThat(report.eventsFolded()).isEqualTo(old);
        assertThat(count("SELECT count(*) FROM events WHERE at < " + foldBefore)).isZero();
        assertThat(count("SELECT count(DISTINCT kind) FROM engagement_daily")).as("votes and saves only").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM engagement_daily WHERE day < "
                + TODAY.minusDays(Retention.DAILY_TOTALS_DAYS).withDayOfMonth(1).toEpochDay() + " AND day <> "
                + LocalDate.of(2025, 11, 1).toEpochDay())).as("November's days are one row per paper and kind").isZero();
        assertThat(count("SELECT count(*) FROM engagement_daily WHERE day = "
                + LocalDate.of(2025, 11, 1).toEpochDay())).isPositive();
        assertThat(count("SELECT count(*) FROM events WHERE kind IN ('vote', 'save')")
                + count("SELECT coalesce(sum(people), 0) FROM engagement_daily WHERE kind IN ('vote', 'save')"))
                .as("every vote and save still counted once").isEqualTo(votesAndSaves);
        Answers after = answers();
        assertSameRankings(after.rankings(), before.rankings());
        assertThat(after.pulses()).isEqualTo(before.pulses());
        assertThat(before.pulses().get(0).engagement()).as("the pulse counts folded days too").isPositive();

        // A day later, the next fold adds to the same totals, and the answers still agree.
        clock.advance(Duration.ofDays(1));
        engagement(500, 2, 8);
        Answers dayLater = answers();
        assertThat(retention.run().eventsFolded()).isPositive();
        assertSameRankings(answers().rankings(), dayLater.rankings());
        assertThat(answers().pulses()).isEqualTo(dayLater.pulses());
    }

    @Test
    void foldedTotalsAreAboutPapersNotPeopleSoForgetMeAndMyDataHaveNothingThere() {
        db.write(c -> EventStore.insert(c, "ada", "2601.00001", EngagementKind.VOTE,
                NOW.minus(Duration.ofDays(60)).toEpochMilli()));
        db.write(c -> EventStore.insert(c, "ada", "2601.00002", EngagementKind.SAVE, NOW.toEpochMilli()));
        PrivacyStore privacy = new PrivacyStore(db);
        assertThat(privacy.export("ada").get("events")).hasSize(2);

        retention.run();

        assertThat(privacy.userTables()).contains("events").doesNotContain("engagement_daily");
        assertThat(privacy.export("ada").get("events")).as("the folded vote is no longer ada's").hasSize(1);
        assertThat(count("SELECT count(*) FROM engagement_daily WHERE paper_id = '2601.00001'")).isEqualTo(1);
        assertThat(privacy.forget("ada")).containsEntry("events", 1);
        assertThat(count("SELECT coalesce(sum(people), 0) FROM engagement_daily")).as("anonymous totals stay")
                .isEqualTo(1);
    }

    @Test
    void seenFeedAndSourceRowsOlderThanTheRetentionGoAndTheRestStays() {
        long old = NOW.minus(Duration.ofDays(91)).toEpochMilli();
        long recent = NOW.minus(Duration.ofDays(89)).toEpochMilli();
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO seen (user_id, paper_id, place, at) VALUES (?, ?, 'digest', ?)")) {
                for (int i = 0; i < 2_500; i++) { // more than two batches
                    p.setString(1, "u" + i);
                    p.setString(2, "2601.00001");
                    p.setLong(3, i < 2_400 ? old - i : recent);
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO papers (paper_id, paper, created_at) VALUES (?, '{}', ?)")) {
                Object[][] rows = {{"a", old}, {"a", old}, {"b", old}, {"a", recent}, {"c", old}, {"c", recent}};
                for (Object[] row : rows) {
                    p.setString(1, (String) row[0]);
                    p.setLong(2, (Long) row[1]);
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO source_state (source, last_attempt_at) VALUES (?, ?)")) {
                p.setString(1, "gone");
                p.setLong(2, old);
                p.addBatch();
                p.setString(1, "arxiv");
                p.setLong(2, NOW.minus(Duration.ofHours(1)).toEpochMilli());
                p.addBatch();
                p.executeBatch();
            }
            return null;
        });

        Retention.Report r = retention.run();

        assertThat(r.seenRows()).isEqualTo(2_400);
        assertThat(count("SELECT count(*) FROM seen")).isEqualTo(100);
        // a: two old rows superseded; b: old but its only row; c: old row superseded by a recent one.
        assertThat(r.feedRows()).isEqualTo(3);
        List<String> feedLeft = db.read(c -> {
            List<String> left = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT paper_id FROM papers ORDER BY id");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    left.add(rs.getString(1));
                }
            }
            return left;
        });
        assertThat(feedLeft).containsExactly("b", "a", "c");
        assertThat(r.sourceRows()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM source_state WHERE source = 'arxiv'")).isEqualTo(1);
        assertThat(retention.run().deleted()).as("a second run finds nothing").isZero();
    }

    @Test
    void twoProcessesFoldingAtOnceCountEveryEventOnce() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(engine == Engine.POSTGRESQL, "one SQLite file, one process");
        engagement(6_000, 120, 11);
        long foldBefore = TODAY.minusDays(Retention.foldAfter().toDays()).toEpochDay() * 86_400_000L;
        long oldVotesAndSaves = count("SELECT count(*) FROM events WHERE kind IN ('vote', 'save') AND at < "
                + foldBefore);
        long old = count("SELECT count(*) FROM events WHERE at < " + foldBefore);
        try (Database second = engine.open(dir, clock)) {
            Retention other = new Retention(second, new DigestStore(second, clock), RetentionConfig.defaults(), clock);
            java.util.concurrent.CompletableFuture<Retention.Report> a =
                    java.util.concurrent.CompletableFuture.supplyAsync(retention::run);
            java.util.concurrent.CompletableFuture<Retention.Report> b =
                    java.util.concurrent.CompletableFuture.supplyAsync(other::run);
            assertThat(a.get().eventsFolded() + b.get().eventsFolded()).as("each event folded by one of them")
                    .isEqualTo(old);
            assertThat(count("SELECT count(*) FROM events WHERE at < " + foldBefore)).isZero();
        }
        assertThat(count("SELECT coalesce(sum(people), 0) FROM engagement_daily")).isEqualTo(oldVotesAndSaves);
    }

    @Test
    void onSqliteTheFreedPagesGoBackToTheFileSystem() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(engine == Engine.SQLITE);
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO seen (user_id, paper_id, place, at) VALUES (?, ?, 'dm', ?)")) {
                for (int i = 0; i < 30_000; i++) {
                    p.setString(1, "user-with-a-longer-id-" + i);
                    p.setString(2, "2601." + i);
                    p.setLong(3, NOW.minus(Duration.ofDays(100)).toEpochMilli());
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
        db.checkpoint();
        long before = java.nio.file.Files.size(db.file());

        Retention.Report r = retention.run();
        db.checkpoint();

        assertThat(r.seenRows()).isEqualTo(30_000);
        assertThat(r.pagesFreed()).isPositive();
        assertThat(count("PRAGMA freelist_count")).isZero();
        assertThat(java.nio.file.Files.size(db.file())).isLessThan(before / 2);
    }

    @Test
    void onPostgresAnIndexTheDeletesThinnedIsRebuiltToItsRowsSizeAndAHealthyOneIsLeftAlone() {
        org.junit.jupiter.api.Assumptions.assumeTrue(engine == Engine.POSTGRESQL);
        // Three rows in four old, spread over every page of the primary key (inserted in key order): the deletes
        // thin every leaf page to a quarter and empty none, which VACUUM alone cannot give back.
        int rows = 60_000;
        for (int from = 0; from < rows; from += 10_000) {
            int first = from;
            db.write(c -> {
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO seen (user_id, paper_id, place, at) VALUES (?, ?, 'dm', ?)")) {
                    for (int i = first; i < first + 10_000; i++) {
                        // Long ids (the most a user id may have is 64) make a big index of few rows.
                        p.setString(1, String.format("user-with-a-long-id-%042d", i / 10));
                        p.setString(2, String.format("2601.%05d", i % 10));
                        p.setLong(3, NOW.minus(Duration.ofDays(i % 4 == 0 ? 1 : 100)).toEpochMilli());
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                return null;
            });
        }
        long before = count("SELECT pg_relation_size('seen_pkey')");

        Retention.Report r = retention.run();

        assertThat(r.seenRows()).isEqualTo(rows * 3 / 4);
        assertThat(r.indexesRebuilt()).contains("seen_pkey");
        long after = count("SELECT pg_relation_size('seen_pkey')");
        assertThat(after).as("rebuilt for the quarter of the rows left").isLessThan(before / 2);
        assertThat(count("SELECT count(*) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                + "WHERE i.relname LIKE 'seen%' AND NOT x.indisvalid")).as("no invalid leftover").isZero();
        assertThat(count("SELECT count(*) FROM seen WHERE user_id = 'user-with-a-long-id-" + "0".repeat(42) + "'")).isEqualTo(3);

        // The next day's pass deletes from seen again, so its indexes are looked at again, and they are compact.
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO seen (user_id, paper_id, place, at) VALUES (?, '2601.00001', 'recommend', ?)")) {
                for (int i = 0; i < 100; i++) {
                    p.setString(1, "old-" + i);
                    p.setLong(2, NOW.minus(Duration.ofDays(100)).toEpochMilli());
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
        clock.advance(Duration.ofDays(1));
        Retention.Report next = retention.run();
        assertThat(next.seenRows()).isEqualTo(100);
        assertThat(after).as("above the size never worth a rebuild, so the ratio decides").isGreaterThan(1L << 20);
        assertThat(next.indexesRebuilt()).as("a compact index stays as it is").isEmpty();
    }
}
