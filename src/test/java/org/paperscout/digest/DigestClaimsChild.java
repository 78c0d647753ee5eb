package org.paperscout.digest;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paperscout.commands.Reply;
import org.paperscout.config.Settings;
import org.paperscout.store.Database;
import org.paperscout.store.SeenStore;
import org.paperscout.store.StoreConfig;
import org.paperscout.store.StoreLocation;

/**
 * One bot process of {@link DigestClaimsProcessesTest}: the real {@link DigestJob} over a PostgreSQL store shared
 * with two other such processes, publishing into tables of the same database that stand in for Discord (see
 * {@link TablePublisher}). Prints {@code started} once the job runs; stops when its standard input closes (the
 * test mostly kills it with SIGKILL instead).
 *
 * <p>Arguments: JDBC url, digest.lease, digest.sends-per-second.
 */
public final class DigestClaimsChild {

    private DigestClaimsChild() {
    }

    public static void main(String[] args) throws Exception {
        StoreLocation location = StoreLocation.postgres(args[0], "postgres", null);
        DigestConfig config = DigestConfig.from(Settings.of(Map.of("digest.tick", "1s", "digest.lease", args[1],
                "digest.sends-per-second", args[2])));
        Clock clock = Clock.systemUTC();
        try (Database db = Database.openPostgres(location, StoreConfig.defaults());
             TablePublisher publisher = new TablePublisher(args[0])) {
            DigestStore store = new DigestStore(db, clock, config.lease());
            DigestJob job = new DigestJob(store, new FakeContent(), new SeenStore(db, clock), publisher, config, clock);
            job.start();
            System.out.println("started");
            System.out.flush();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                while (in.readLine() != null) {
                    // runs until the parent closes our input
                }
            }
            job.close();
        }
    }

    /**
     * Discord as far as digests see it, in two tables every process shares: {@code test_sends} records every
     * request (raw sends), {@code test_messages} the messages that exist. A send whose nonce made a message in the
     * last {@link #NONCE_WINDOW} returns that message instead of creating one, as {@code enforce_nonce} does; the
     * check and the insert hold a transaction lock on the nonce, as Discord's would be atomic.
     */
    static final class TablePublisher implements Publisher, AutoCloseable {

        /** As the local Discord's MessageRoom: "a few minutes" in Discord's docs. */
        static final Duration NONCE_WINDOW = Duration.ofMinutes(5);

        static final String SCHEMA = "CREATE TABLE test_sends (id BIGSERIAL PRIMARY KEY, nonce TEXT NOT NULL, "
                + "target TEXT NOT NULL, pid BIGINT NOT NULL, at BIGINT NOT NULL); "
                + "CREATE TABLE test_messages (id BIGSERIAL PRIMARY KEY, nonce TEXT NOT NULL, target TEXT NOT NULL, "
                + "footer TEXT, pid BIGINT NOT NULL, created_at BIGINT NOT NULL)";

        private final Connection c;
        private final long pid = ProcessHandle.current().pid();

        TablePublisher(String url) throws SQLException {
            this.c = DriverManager.getConnection(url, "postgres", null);
        }

        @Override
        public synchronized String publish(DigestTarget target, Reply digest, String nonce) {
            long now = System.currentTimeMillis();
            try {
                c.setAutoCommit(false);
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO test_sends (nonce, target, pid, at) VALUES (?, ?, ?, ?)")) {
                    p.setString(1, nonce);
                    p.setString(2, target.key());
                    p.setLong(3, pid);
                    p.setLong(4, now);
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                    p.setString(1, nonce);
                    p.executeQuery().close();
                }
                try (PreparedStatement p = c.prepareStatement("SELECT id FROM test_messages WHERE nonce = ? "
                        + "AND target = ? AND created_at >= ?")) {
                    p.setString(1, nonce);
                    p.setString(2, target.key());
                    p.setLong(3, now - NONCE_WINDOW.toMillis());
                    try (ResultSet r = p.executeQuery()) {
                        if (r.next()) {
                            String id = Long.toString(r.getLong(1));
                            c.commit();
                            return id;
                        }
                    }
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO test_messages (nonce, target, footer, "
                        + "pid, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                    p.setString(1, nonce);
                    p.setString(2, target.key());
                    p.setString(3, digest.footer());
                    p.setLong(4, pid);
                    p.setLong(5, now);
                    try (ResultSet r = p.executeQuery()) {
                        r.next();
                        String id = Long.toString(r.getLong(1));
                        c.commit();
                        return id;
                    }
                }
            } catch (SQLException e) {
                rollback();
                throw new PublishException(PublishException.Kind.TRANSIENT, "test Discord unreachable", e);
            }
        }

        @Override
        public synchronized Optional<String> findDelivered(DigestTarget target, String nonce, String marker,
                                                           Instant since) {
            try {
                c.setAutoCommit(true);
                try (PreparedStatement p = c.prepareStatement("SELECT id FROM test_messages WHERE target = ? "
                        + "AND created_at >= ? AND (nonce = ? OR strpos(footer, ?) > 0) ORDER BY id LIMIT 1")) {
                    p.setString(1, target.key());
                    p.setLong(2, since.toEpochMilli());
                    p.setString(3, nonce);
                    p.setString(4, marker);
                    try (ResultSet r = p.executeQuery()) {
                        return r.next() ? Optional.of(Long.toString(r.getLong(1))) : Optional.empty();
                    }
                }
            } catch (SQLException e) {
                throw new PublishException(PublishException.Kind.TRANSIENT, "test Discord unreachable", e);
            }
        }

        @Override
        public List<String> missingPermissions(String guildId, String channelId) {
            return List.of();
        }

        @Override
        public boolean tell(String userId, String text) {
            return true;
        }

        private void rollback() {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is broken; the send failed as transient anyway
            }
        }

        @Override
        public void close() throws SQLException {
            c.close();
        }
    }
}
