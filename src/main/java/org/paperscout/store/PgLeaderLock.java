package org.paperscout.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL session-level advisory lock held on a dedicated connection for as long as the process leads. Not a
 * transaction-level lock: the store's own connections commit all the time, and the lead must outlive every
 * transaction. PostgreSQL frees the lock when the session ends, so a killed leader (kill -9, a lost machine) hands
 * over as soon as the server notices the broken connection.
 */
final class PgLeaderLock implements LeaderLock {

    private static final Logger log = LoggerFactory.getLogger(PgLeaderLock.class);
    /** A dead connection must not stall the caller's schedule for long. */
    private static final int VALID_CHECK_SECONDS = 2;

    private final StoreLocation location;
    private final String name;
    private final long key;
    private Connection connection;
    private volatile boolean leading;
    /** Whether the log has said yet which role this process has. */
    private boolean reported;

    PgLeaderLock(StoreLocation location, String name) {
        this.location = location;
        this.name = name;
        this.key = key(name);
    }

    /** The advisory lock key: a stable 64-bit hash of the name (FNV-1a), the same in every process. */
    static long key(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    @Override
    public synchronized boolean tryLead() {
        boolean now;
        try {
            boolean sameSession = connection != null && connection.isValid(VALID_CHECK_SECONDS);
            if (!sameSession) {
                closeConnection();
                connection = DriverManager.getConnection(location.url(), location.credentials());
                connection.setAutoCommit(true);
            }
            if (leading && sameSession) {
                // Session locks stack; holding one already, the live session is proof enough. A new session holds
                // nothing, whatever the old one did: it must ask like anyone else.
                now = true;
            } else {
                try (PreparedStatement p = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    p.setLong(1, key);
                    try (ResultSet r = p.executeQuery()) {
                        now = r.next() && r.getBoolean(1);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("cannot reach the store to elect the {} leader ({}); not leading until it answers", name,
                    e.getMessage());
            closeConnection();
            now = false;
        }
        if (now != leading || !reported) {
            log.info(now ? "this process is now the {} leader"
                    : "another process is the {} leader; this one follows", name);
            reported = true;
        }
        leading = now;
        return now;
    }

    @Override
    public boolean leading() {
        return leading;
    }

    @Override
    public synchronized void close() {
        leading = false;
        closeConnection();
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing the {} leader connection failed", name, e);
            }
            connection = null;
        }
    }
}
