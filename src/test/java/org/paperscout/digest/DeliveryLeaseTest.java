package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperscout.store.Database;
import org.paperscout.store.Engine;
import org.paperscout.store.SeenStore;
import org.paperscout.store.TestClock;

/**
 * Two "processes" (ledgers with different owner ids, one clock the test moves) on one database: a claimed delivery
 * stays with its claimant until the lease ends, then exactly one other process takes it over. On SQLite the same
 * SQL runs with shared leases, as PostgreSQL's; the exclusive SQLite default is checked on its own.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class DeliveryLeaseTest {

    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final LocalDate DAY = LocalDate.of(2026, 1, 5);
    private static final Instant DUE = Instant.parse("2026-01-05T09:00:00Z");

    @Parameter
    Engine engine;

    @TempDir
    Path dir;
    TestClock clock;
    Database db;
    /** Process b's own connections to the same store, so concurrent updates really meet in the database. */
    Database dbB;
    DigestStore a;
    DigestStore b;

    @BeforeEach
    void open() {
        clock = TestClock.at("2026-01-05T09:00:05Z");
        db = engine.open(dir, clock);
        dbB = engine.open(dir, clock);
        a = new DigestStore(db, clock, DeliveryLease.shared("process-a", LEASE));
        b = new DigestStore(dbB, clock, DeliveryLease.shared("process-b", LEASE));
    }

    @AfterEach
    void close() {
        dbB.close();
        db.close();
    }

    private static DigestTarget channel(String id) {
        return new DigestTarget(DigestTarget.Kind.CHANNEL, id, "g1", LocalTime.of(9, 0), ZoneOffset.UTC,
                DigestDays.EVERY_DAY, null, 5, false, Instant.parse("2026-01-01T00:00:00Z"), null, "admin1", false);
    }

    private static DeliveryLedger.Claim claim(DigestStore s, DigestTarget t) {
        return s.ledger().claim(t, DAY, Delivery.State.PENDING, DUE, DUE.minus(Duration.ofDays(1)), false, null);
    }

    @Test
    void onlyOneOfTwoProcessesCreatesTheRowOfATargetAndDay() {
        DigestTarget t = channel("101");
        assertThat(claim(a, t).created()).isTrue();
        DeliveryLedger.Claim second = claim(b, t);
        assertThat(second.created()).isFalse();
        assertThat(second.delivery().nonce()).isEqualTo(Nonces.of(t.key(), DAY));
        assertThat(a.ledger().history(t.key())).hasSize(1);
    }

    @Test
    void anotherProcessTakesOverAPendingRowOnlyOnceItsLeaseHasEnded() {
        long id = claim(a, channel("101")).delivery().id();
        assertThat(b.ledger().settleable()).isEmpty();
        assertThat(a.ledger().settleable()).extracting(Delivery::id).containsExactly(id); // its own
        clock.advance(LEASE.minusMillis(1));
        assertThat(b.ledger().takeOver(id)).isFalse();

        // A renews before sending: the lease runs a full length from now.
        assertThat(a.ledger().renew(id)).isTrue();
        clock.advance(LEASE.minusMillis(1));
        assertThat(b.ledger().settleable()).isEmpty();
        assertThat(b.ledger().takeOver(id)).isFalse();

        clock.advance(Duration.ofMillis(2));
        assertThat(b.ledger().settleable()).extracting(Delivery::id).containsExactly(id);
        assertThat(b.ledger().takeOver(id)).isTrue();
        // A woke up late: it no longer holds the row and must not send it, nor take it back.
        assertThat(a.ledger().renew(id)).isFalse();
        assertThat(a.ledger().takeOver(id)).isFalse();
        assertThat(a.ledger().settleable()).isEmpty();

        b.ledger().complete(id, Delivery.State.SENT, "m1", 5, null);
        clock.advance(LEASE.multipliedBy(3));
        assertThat(a.ledger().settleable()).isEmpty();
        assertThat(a.ledger().takeOver(id)).isFalse();
        assertThat(b.ledger().renew(id)).as("a completed row is nobody's").isFalse();
    }

    @Test
    void aRetryKeepsTheRowWithItsProcessUntilALeaseAfterTheRetryTime() {
        long id = claim(a, channel("101")).delivery().id();
        Instant retryAt = clock.instant().plus(Duration.ofMinutes(10));
        a.ledger().retryLater(id, retryAt, "server error");
        clock.advance(Duration.ofMinutes(11));
        assertThat(b.ledger().takeOver(id)).isFalse();
        clock.advance(LEASE);
        assertThat(b.ledger().takeOver(id)).isTrue();
    }

    @Test
    void ofConcurrentTakeoversOfTheSameRowsExactlyOneWinsEach() throws Exception {
        DigestStore dead = new DigestStore(db, clock, DeliveryLease.shared("process-dead", LEASE));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(claim(dead, channel(Integer.toString(200 + i))).delivery().id());
        }
        clock.advance(LEASE.plusSeconds(1));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int aWins = 0;
            for (long id : ids) {
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Boolean> byA = pool.submit(() -> {
                    together.await();
                    return a.ledger().takeOver(id);
                });
                Future<Boolean> byB = pool.submit(() -> {
                    together.await();
                    return b.ledger().takeOver(id);
                });
                boolean wonA = byA.get();
                assertThat(wonA ^ byB.get()).as("exactly one winner for row %d", id).isTrue();
                aWins += wonA ? 1 : 0;
            }
            System.out.printf("%s: of %d contested takeovers, process a won %d, process b %d%n", engine, ids.size(),
                    aWins, ids.size() - aWins);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRowFromBeforeLeasesHasNoHolderAndCanBeTakenOverAtOnce() {
        long id = claim(a, channel("101")).delivery().id();
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE deliveries SET claimed_by = NULL, claimed_host = NULL, lease_until = NULL WHERE id = ?")) {
                p.setLong(1, id);
                return p.executeUpdate();
            }
        });
        assertThat(b.ledger().settleable()).extracting(Delivery::id).containsExactly(id);
        assertThat(b.ledger().takeOver(id)).isTrue();
    }

    @Test
    void aProcessAloneOnItsStoreSettlesARowOfTheProcessBeforeItAtOnce() {
        long id = claim(a, channel("101")).delivery().id();
        // A restart on SQLite: a new process id, the old lease still running, the data folder locked to us.
        DigestStore restarted = new DigestStore(db, clock,
                new DeliveryLease("process-restarted", "host/1", LEASE, true));
        assertThat(restarted.ledger().settleable()).extracting(Delivery::id).containsExactly(id);
        assertThat(restarted.ledger().takeOver(id)).isTrue();
    }

    @Test
    void theDefaultLeaseIsExclusiveOnSqliteOnlySharedOnPostgresql() {
        DeliveryLease lease = new DigestStore(db, clock).ledger().lease();
        assertThat(lease.exclusive()).isEqualTo(engine == Engine.SQLITE);
        assertThat(lease.length()).isEqualTo(DeliveryLease.DEFAULT_LENGTH);
        assertThat(lease.holder()).endsWith("/" + ProcessHandle.current().pid());
    }

    @Test
    void aJobLeavesADigestAnotherLiveProcessClaimedAndSettlesItWithTheSameNonceOnceTheLeaseEnds() {
        DigestTarget channel = channel("101");
        a.saveChannel(channel);
        a.saveDm("u1", LocalTime.of(9, 0), ZoneOffset.UTC, Instant.parse("2026-01-01T00:00:00Z"));
        DigestTarget dm = a.dm("u1").orElseThrow();
        // Process a claimed both and then went quiet (died, or stalls longer than its lease).
        long channelRow = claim(a, channel).delivery().id();
        long dmRow = a.ledger().claim(dm, DAY, Delivery.State.PENDING, DUE, DUE.minus(Duration.ofDays(1)), false,
                null, List.of("r0", "r1")).delivery().id();
        FakePublisher publisher = new FakePublisher();
        try (DigestJob jobB = new DigestJob(b, new FakeContent(), new SeenStore(dbB, clock), publisher,
                DigestConfig.defaults(), clock, Pacer.NONE)) {
            clock.advance(LEASE.minusSeconds(1));
            DigestJob.RunSummary early = jobB.runOnce();
            assertThat(early.sent() + early.settled()).isZero();
            assertThat(publisher.messages).isEmpty();
            assertThat(b.ledger().pending()).extracting(Delivery::id).containsExactlyInAnyOrder(channelRow, dmRow);

            clock.advance(Duration.ofSeconds(2));
            DigestJob.RunSummary late = jobB.runOnce();
            assertThat(late.sent()).isEqualTo(2);
            assertThat(publisher.messages).extracting(FakePublisher.Message::nonce)
                    .containsExactlyInAnyOrder(Nonces.of(channel.key(), DAY), Nonces.of(dm.key(), DAY));
            assertThat(b.ledger().pending()).isEmpty();
            assertThat(b.ledger().delivery(dm.key(), DAY).orElseThrow().state()).isEqualTo(Delivery.State.SENT);
        }
    }
}
