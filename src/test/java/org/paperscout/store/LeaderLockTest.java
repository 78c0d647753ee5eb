package org.paperscout.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** Leader election on the embedded PostgreSQL: one lock wins, and the lead passes on when its session ends. */
class LeaderLockTest {

    @Test
    void ofTwoLocksOneLeadsAndClosingItsConnectionLetsTheOtherLead() throws InterruptedException {
        StoreLocation pg = EmbeddedPg.newDatabase();
        try (LeaderLock first = LeaderLock.forStore(pg, "paperscout.sources");
             LeaderLock second = LeaderLock.forStore(pg, "paperscout.sources")) {
            assertThat(first.tryLead()).isTrue();
            assertThat(second.tryLead()).isFalse();
            assertThat(first.tryLead()).as("asking again keeps the lead").isTrue();
            assertThat(second.tryLead()).isFalse();
            assertThat(second.leading()).isFalse();

            first.close();
            assertThat(first.leading()).isFalse();
            awaitLead(second);
            assertThat(second.leading()).isTrue();
        }
    }

    @Test
    void aLeaderWhoseSessionTheServerEndsLosesTheLeadToTheNextToAsk() throws Exception {
        StoreLocation pg = EmbeddedPg.newDatabase();
        try (LeaderLock first = LeaderLock.forStore(pg, "paperscout.sources");
             LeaderLock second = LeaderLock.forStore(pg, "paperscout.sources")) {
            assertThat(first.tryLead()).isTrue();
            // What a kill -9 of the leader's process does to its session, seen from the server.
            try (Connection admin = DriverManager.getConnection(pg.url(), pg.credentials());
                 PreparedStatement p = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_locks "
                         + "WHERE locktype = 'advisory' AND granted");
                 ResultSet r = p.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getBoolean(1)).isTrue();
            }
            awaitLead(second);
            assertThat(first.tryLead()).as("the old leader reconnects as a follower").isFalse();
        }
    }

    /** A backend releases its locks as it exits, a moment after its client hung up or it was terminated. */
    private static void awaitLead(LeaderLock lock) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!lock.tryLead()) {
            assertThat(System.nanoTime()).as("the lead passed on within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void differentNamesAreDifferentLocks() {
        StoreLocation pg = EmbeddedPg.newDatabase();
        try (LeaderLock sources = LeaderLock.forStore(pg, "paperscout.sources");
             LeaderLock other = LeaderLock.forStore(pg, "paperscout.other")) {
            assertThat(sources.tryLead()).isTrue();
            assertThat(other.tryLead()).isTrue();
        }
        assertThat(PgLeaderLock.key("paperscout.sources")).isNotEqualTo(PgLeaderLock.key("paperscout.other"));
    }

    @Test
    void onSqliteTheOneProcessAlwaysLeads() {
        try (LeaderLock lock = LeaderLock.forStore(StoreLocation.dataFolder(), "paperscout.sources")) {
            assertThat(lock.tryLead()).isTrue();
            assertThat(lock.leading()).isTrue();
        }
    }
}
