package org.paperscout.retention;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;
import org.paperscout.config.Settings;
import org.paperscout.digest.DigestStore;
import org.paperscout.recommend.TrendingConfig;
import org.paperscout.recommend.TrendingService;
import org.paperscout.recommend.TrendingWindow;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.SearchConfig;
import org.paperscout.search.SearchService;
import org.paperscout.store.Database;
import org.paperscout.store.EngagementKind;
import org.paperscout.store.EventStore;
import org.paperscout.store.EmbeddedPg;
import org.paperscout.store.StoreConfig;
import org.paperscout.store.StoreLocation;
import org.paperscout.store.TestClock;

/**
 * A simulated year of a busy bot on a real SQLite file, compressed with a fake clock: every day 2,000 engagement
 * events from 10,000 users (mostly on papers of the last weeks), a digest ledger row for each of 1,000 channels and
 * 1,000 DM subscribers, the papers each DM showed marked seen, and 2,000 /recommend users' picks marked seen;
 * optionally (--feed) the shared papers feed a PostgreSQL leader would write (a SQLite process writes none). The
 * retention run goes at each simulated midnight. After each simulated month: the database file size (WAL
 * checkpointed), the rows per table, the retention run's time and the trending refresh time (the month window,
 * computed afresh over the index and the store).
 *
 * <p>{@code --postgres} runs the same year on PostgreSQL instead: a fresh database on the embedded server of the
 * tests, or the empty database of {@code --postgres jdbc:postgresql://...} (login from PAPERSCOUT_STORE_USER /
 * PAPERSCOUT_STORE_PASSWORD). The size is then {@code pg_database_size}, after a plain {@code VACUUM} (what
 * autovacuum would have done by then: deleted rows' space made reusable, not given back).
 *
 * <p>Run: {@code bench retention [--papers 100000] [--days 365] [--feed] [--postgres [URL]] [--relations] [--dir DIR]}.
 */
public final class RetentionBenchmark {

    static final int USERS = 10_000;
    static final int CHANNELS = 1_000;
    static final int DM_USERS = 1_000;
    static final int RECOMMEND_USERS_PER_DAY = 2_000;
    static final int EVENTS_PER_DAY = 2_000;
    static final int PICKS = 5;
    static final LocalDate START = LocalDate.of(2026, 1, 1);

    private final PrintStream out;
    private final int papers;
    private final int days;
    private final boolean feed;
    /** Print every relation's size and B-tree density each month (PostgreSQL). */
    private final boolean relations;
    /** Null: SQLite in the benchmark folder. */
    private final PgLogin postgres;

    /** A PostgreSQL database and its login (user and password may be null). */
    record PgLogin(String url, String user, String password) {
        StoreLocation location() {
            return StoreLocation.postgres(url, user, password);
        }
    }
    private final Random random = new Random(42);

    RetentionBenchmark(PrintStream out, int papers, int days, boolean feed, PgLogin postgres, boolean relations) {
        this.out = out;
        this.relations = relations;
        this.papers = papers;
        this.days = days;
        this.feed = feed;
        this.postgres = postgres;
    }

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        int papers = intArg(a, "--papers", 100_000);
        int days = intArg(a, "--days", 365);
        boolean feed = a.contains("--feed");
        int at = a.indexOf("--dir");
        Path dir = at >= 0 ? Path.of(a.get(at + 1)) : Files.createTempDirectory("retention-bench");
        new RetentionBenchmark(System.out, papers, days, feed, postgres(a), a.contains("--relations")).run(dir);
    }

    private static PgLogin postgres(List<String> a) {
        int i = a.indexOf("--postgres");
        if (i < 0) {
            return null;
        }
        if (i + 1 < a.size() && a.get(i + 1).startsWith("jdbc:postgresql:")) {
            return new PgLogin(a.get(i + 1), System.getenv("PAPERSCOUT_STORE_USER"),
                    System.getenv("PAPERSCOUT_STORE_PASSWORD"));
        }
        return new PgLogin(EmbeddedPg.newDatabaseUrl(), "postgres", null);
    }

    private static int intArg(List<String> a, String name, int fallback) {
        int i = a.indexOf(name);
        return i >= 0 ? Integer.parseInt(a.get(i + 1)) : fallback;
    }

    /** Paper {@code n} is published on day {@code n * days / papers} of the year: a steady stream. */
    private String paperId(int n) {
        return String.format("2601.%07d", n);
    }

    private int publishedDay(int n) {
        return (int) ((long) n * days / papers);
    }

    void run(Path dir) throws IOException {
        Files.createDirectories(dir);
        TestClock clock = new TestClock(START.atStartOfDay(ZoneOffset.UTC).toInstant());
        out.printf("retention: %,d papers, %,d users, %,d channels, %,d DM digests, %,d events/day, %d days%s, %s%n",
                papers, USERS, CHANNELS, DM_USERS, EVENTS_PER_DAY, days, feed ? ", papers feed" : "",
                postgres == null ? "SQLite" : "PostgreSQL");
        long t0 = System.nanoTime();
        try (PaperIndex index = PaperIndex.open(dir.resolve("index"))) {
            if (index.size() < papers) {
                buildIndex(index);
            }
            out.printf("index: %,d papers in %.1f s%n", index.size(), (System.nanoTime() - t0) / 1e9);
            // A day's writes are one transaction each; on a busy shared machine one can take longer than the 10 s a
            // command waits.
            StoreConfig config = new StoreConfig(Duration.ofSeconds(5), Duration.ofSeconds(120), 4);
            try (Database db = postgres == null ? Database.open(dir.resolve("data"), config, clock)
                    : Database.openPostgres(postgres.location(), config)) {
                simulate(db, new SearchService(index, SearchConfig.defaults()), clock);
            }
            if (postgres != null) {
                printTableSizes();
            }
        }
    }

    private void buildIndex(PaperIndex index) throws IOException {
        String[] words = {"diffusion", "transformer", "retrieval", "graph", "sparse", "attention", "agents",
            "reasoning", "vision", "speech", "tokenizer", "alignment", "robust", "federated", "causal", "kernel"};
        List<Paper> batch = new ArrayList<>();
        for (int n = 0; n < papers; n++) {
            String w1 = words[n % words.length];
            String w2 = words[(n / words.length) % words.length];
            String id = paperId(n);
            batch.add(new Paper(id, "A study of " + w1 + " and " + w2 + " number " + n,
                    "We study " + w1 + " with " + w2 + " at scale; results " + n + ".", List.of("Author " + n % 997),
                    List.of("cs.LG"), START.plusDays(publishedDay(n)), PaperLinks.forArxivId(id), n % 50, "bench"));
            if (batch.size() == 50_000) {
                index.upsert(batch);
                batch.clear();
            }
        }
        index.upsert(batch);
    }

    private void simulate(Database db, SearchService search, TestClock clock) throws IOException {
        Retention retention = new Retention(db, new DigestStore(db, clock), RetentionConfig.defaults(), clock);
        TrendingService trending = new TrendingService(search, new org.paperscout.store.EngagementTotals(db),
                TrendingConfig.from(Settings.of(Map.of("trending.cache-ttl", "0s"))), clock);
        out.println("day | " + (postgres == null ? "file" : "database") + " MB | events | daily totals | ledger | seen | feed | retention ms | trending month ms");
        Retention.Report last = null;
        for (int day = 0; day < days; day++) {
            LocalDate date = START.plusDays(day);
            long dayStart = date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            writeDay(db, day, date, dayStart);
            clock.advance(Duration.ofDays(1));
            last = retention.run(); // at the next midnight
            if ((day + 1) % 30 == 0 || day == days - 1) {
                clock.advance(Duration.ofHours(12)); // the middle of the next day: the window holds a day's events
                long trendingMs = trendingMillis(trending);
                clock.advance(Duration.ofHours(-12));
                out.printf("%d | %.1f | %,d | %,d | %,d | %,d | %,d | %d | %d%n", day + 1,
                        size(db) / 1048576.0, rows(db, "events"), rows(db, "engagement_daily"),
                        rows(db, "deliveries"), rows(db, "seen"), rows(db, "papers"), last.took().toMillis(),
                        trendingMs);
                if (postgres != null && relations) {
                    printRelations(day + 1);
                }
            }
        }
    }

    /** SQLite: the file, WAL checkpointed. PostgreSQL: the database after a VACUUM, as autovacuum leaves it. */
    private long size(Database db) throws IOException {
        db.checkpoint();
        if (postgres == null) {
            return Files.size(db.file());
        }
        try (Connection c = java.sql.DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
             java.sql.Statement s = c.createStatement()) {
            s.execute("VACUUM");
            try (ResultSet r = s.executeQuery("SELECT pg_database_size(current_database())")) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IOException("cannot measure the PostgreSQL database", e);
        }
    }

    /** Where PostgreSQL's bytes are at the end: each table with its indexes and TOAST. */
    private void printTableSizes() throws IOException {
        try (Connection c = java.sql.DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
             PreparedStatement p = c.prepareStatement("SELECT relname, pg_table_size(oid), pg_indexes_size(oid) "
                     + "FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace "
                     + "ORDER BY pg_total_relation_size(oid) DESC LIMIT 6");
             ResultSet r = p.executeQuery()) {
            StringBuilder line = new StringBuilder("largest tables (table + indexes MB):");
            while (r.next()) {
                line.append(String.format(" %s %.1f + %.1f;", r.getString(1), r.getLong(2) / 1048576.0,
                        r.getLong(3) / 1048576.0));
            }
            out.println(line);
        } catch (SQLException e) {
            throw new IOException("cannot read the table sizes", e);
        }
    }

    /**
     * Per relation of the growing tables: bytes, and for a B-tree its leaf density and deleted pages (pgstattuple's
     * pgstatindex, when the server has the extension), and how often each table was vacuumed: where growth sits.
     */
    private void printRelations(int day) throws IOException {
        try (Connection c = java.sql.DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
             java.sql.Statement s = c.createStatement()) {
            boolean stattuple;
            try {
                s.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple");
                stattuple = true;
            } catch (SQLException e) {
                stattuple = false;
            }
            try (ResultSet r = s.executeQuery("SELECT t.relname, pg_relation_size(t.oid), st.n_live_tup, st.n_dead_tup, "
                    + "st.vacuum_count, st.autovacuum_count FROM pg_class t JOIN pg_stat_user_tables st ON st.relid = t.oid "
                    + "WHERE t.relname IN ('seen', 'events', 'deliveries', 'engagement_daily') ORDER BY 1")) {
                while (r.next()) {
                    out.printf("  day %d table %s %.1f MB live %,d dead %,d vacuums %d autovacuums %d%n", day,
                            r.getString(1), r.getLong(2) / 1048576.0, r.getLong(3), r.getLong(4), r.getLong(5),
                            r.getLong(6));
                }
            }
            String stats = stattuple ? ", s.avg_leaf_density, s.leaf_pages, s.deleted_pages, s.empty_pages "
                    + "FROM pg_class i CROSS JOIN LATERAL pgstatindex(i.oid::regclass) s" : " FROM pg_class i";
            try (ResultSet r = s.executeQuery("SELECT t.relname, i.relname, pg_relation_size(i.oid)" + stats
                    + " JOIN pg_index x ON x.indexrelid = i.oid JOIN pg_class t ON t.oid = x.indrelid "
                    + "WHERE t.relname IN ('seen', 'events', 'deliveries', 'engagement_daily') ORDER BY 1, 2")) {
                while (r.next()) {
                    out.printf("  day %d index %s.%s %.1f MB%s%n", day, r.getString(1), r.getString(2),
                            r.getLong(3) / 1048576.0, stattuple ? String.format(" leaf density %.1f%% leaf pages %,d "
                                    + "deleted %,d empty %,d", r.getDouble(4), r.getLong(5), r.getLong(6),
                                    r.getLong(7)) : "");
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot read the relation sizes", e);
        }
    }

    /** The median of three fresh computations of the month's ranking. */
    private static long trendingMillis(TrendingService trending) {
        long[] ms = new long[3];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            trending.ranking(TrendingWindow.MONTH);
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(ms);
        return ms[1];
    }

    private static long rows(Database db, String table) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM " + table);
                 ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    /** A recent paper: mostly from the last four weeks' papers, now and then an older one. */
    private int recentPaper(int day) {
        int newest = (int) Math.min(papers - 1L, (long) (day + 1) * papers / days);
        int span = Math.max(1, (int) ((long) 28 * papers / days));
        int back = random.nextDouble() < 0.9 ? (int) (Math.abs(random.nextGaussian()) * span / 2)
                : random.nextInt(Math.max(1, newest));
        return Math.max(0, newest - Math.min(back, newest));
    }

    private void writeDay(Database db, int day, LocalDate date, long dayStart) {
        EngagementKind[] kinds = EngagementKind.values();
        db.write(c -> {
            for (int i = 0; i < EVENTS_PER_DAY; i++) {
                EventStore.insert(c, "u" + random.nextInt(USERS), paperId(recentPaper(day)),
                        kinds[random.nextInt(kinds.length)], dayStart + random.nextInt(86_400_000));
            }
            return null;
        });
        db.write(c -> {
            ledger(c, date, dayStart);
            return null;
        });
        db.write(c -> {
            seen(c, day, dayStart);
            return null;
        });
        if (feed) {
            db.write(c -> {
                feedRows(c, day, dayStart);
                return null;
            });
        }
    }

    private void ledger(Connection c, LocalDate date, long dayStart) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO deliveries (target, local_date, user_id, state, "
                + "due_at, window_from, nonce, message_id, papers, paper_ids, created_at, updated_at, claimed_host) "
                + "VALUES (?, ?, ?, 'sent', ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < CHANNELS + DM_USERS; i++) {
                boolean dm = i >= CHANNELS;
                String target = dm ? "dm:u" + (i - CHANNELS) : "channel:" + (100_000_000_000_000_000L + i);
                long due = dayStart + (i % 24) * 3_600_000L;
                p.setString(1, target);
                p.setString(2, date.toString());
                p.setString(3, dm ? "u" + (i - CHANNELS) : null);
                p.setLong(4, due);
                p.setLong(5, due - 86_400_000L);
                p.setString(6, Long.toString(Math.abs(random.nextLong()), 36));
                p.setString(7, Long.toString(1_200_000_000_000_000_000L + random.nextInt(1 << 30)));
                p.setInt(8, PICKS);
                p.setString(9, dm ? String.join(" ", picks(date.getDayOfYear())) : null);
                p.setLong(10, due);
                p.setLong(11, due + 500);
                p.setString(12, "bench-host/1234");
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private List<String> picks(int day) {
        List<String> ids = new ArrayList<>(PICKS);
        for (int i = 0; i < PICKS; i++) {
            ids.add(paperId(recentPaper(day)));
        }
        return ids;
    }

    private void seen(Connection c, int day, long dayStart) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO seen (user_id, paper_id, place, at) VALUES "
                + "(?, ?, ?, ?) ON CONFLICT (user_id, paper_id, place) DO UPDATE SET at = excluded.at")) {
            for (int u = 0; u < DM_USERS + RECOMMEND_USERS_PER_DAY; u++) {
                boolean dm = u < DM_USERS;
                String user = "u" + (dm ? u : DM_USERS + random.nextInt(USERS - DM_USERS));
                for (String id : picks(day)) {
                    p.setString(1, user);
                    p.setString(2, id);
                    p.setString(3, dm ? "dm" : "recommend");
                    p.setLong(4, dayStart + u);
                    p.addBatch();
                }
            }
            p.executeBatch();
        }
    }

    /** The day's new papers, and re-sent rows for a thousand recent ones (upvotes changed), as a leader writes. */
    private void feedRows(Connection c, int day, long dayStart) throws SQLException {
        int first = (int) ((long) day * papers / days);
        int last = (int) Math.min(papers, (long) (day + 1) * papers / days);
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO papers (paper_id, paper, created_at) VALUES (?, ?, ?)")) {
            for (int n = first; n < last + 1_000; n++) {
                int paper = n < last ? n : recentPaper(day);
                p.setString(1, paperId(paper));
                p.setString(2, "{\"id\":\"" + paperId(paper) + "\",\"title\":\"A study number " + paper
                        + "\",\"abstract\":\"" + "x".repeat(600) + "\",\"upvotes\":" + random.nextInt(100) + "}");
                p.setLong(3, dayStart + n % 86_400_000);
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}
