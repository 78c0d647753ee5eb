package org.paperscout.digest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import org.paperscout.store.Database;
import org.paperscout.store.Dialect;

/**
 * How this process holds the deliveries it claims: its id in the ledger, and how long a claim lasts before another
 * process may take the row over.
 *
 * @param owner     compared in SQL; random per process, so a restarted process never mistakes a dead one's rows for
 *                  its own work in flight
 * @param holder    host and pid, for people reading the ledger
 * @param length    how long a claim holds without renewal; a sender renews it right before each send
 * @param exclusive the store belongs to this process alone (SQLite: the data folder is locked), so any row it did
 *                  not claim itself was left by a process that is gone and can be settled at once, as before
 *                  leases existed
 */
record DeliveryLease(String owner, String holder, Duration length, boolean exclusive) {

    static final Duration DEFAULT_LENGTH = Duration.ofMinutes(2);
    /** One id per JVM: every ledger of this process is the same claimant. */
    private static final String PROCESS = UUID.randomUUID().toString();
    /** Looked up once: a host name lookup can be slow where DNS is. */
    private static final String HOLDER = holderName();

    /** This process's lease on {@code db}: exclusive on SQLite, shared on PostgreSQL. */
    static DeliveryLease of(Database db, Duration length) {
        return new DeliveryLease(PROCESS, HOLDER, length, db.dialect() == Dialect.SQLITE);
    }

    /** A lease of another claimant (tests: a second "process" in the same JVM). */
    static DeliveryLease shared(String owner, Duration length) {
        return new DeliveryLease(owner, HOLDER, length, false);
    }

    long until(long nowMillis) {
        return nowMillis + length.toMillis();
    }

    private static String holderName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host"; // only a label for people; claims compare the owner id
        }
        String name = host + "/" + ProcessHandle.current().pid();
        return name.length() <= 200 ? name : name.substring(0, 200);
    }
}
