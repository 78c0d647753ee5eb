package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperscout.retention.Retention;
import org.paperscout.retention.RetentionConfig;
import org.paperscout.store.Database;
import org.paperscout.store.Engine;
import org.paperscout.store.SeenStore;
import org.paperscout.store.TestClock;

/** Retention deletes old ledger rows, never one that exactly-once still needs. */
@ParameterizedClass
@EnumSource(Engine.class)
class LedgerRetentionTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Parameter
    Engine engine;

    @TempDir
    Path dir;
    TestClock clock;
    Database db;
    DigestStore store;
    FakePublisher publisher;
    DigestJob job;
    Retention retention;

    @BeforeEach
    void open() {
        clock = TestClock.at("2026-01-01T00:00:00Z");
        reopen();
    }

    void reopen() {
        db = engine.open(dir, clock);
        store = new DigestStore(db, clock);
        if (publisher == null) {
            publisher = new FakePublisher();
        }
        job = new DigestJob(store, new FakeContent(), new SeenStore(db, clock), publisher, DigestConfig.defaults(),
                clock, Pacer.NONE);
        retention = new Retention(db, store, new RetentionConfig(Duration.ofDays(30)), clock);
    }

    @AfterEach
    void close() {
        job.close();
        db.close();
    }

    DigestTarget channel(String id, LocalTime time) {
        DigestTarget t = new DigestTarget(DigestTarget.Kind.CHANNEL, id, "g1", time, BERLIN, DigestDays.EVERY_DAY, null,
                5, false, clock.instant(), null, "admin1", false);
        store.saveChannel(t);
        return t;
    }

    @Test
    void seventyDaysWithADailyRetentionRunStillGiveExactlyOneDigestPerDayAndKeepOnlyTheLastMonth() {
        DigestTarget t = channel("101", LocalTime.of(9, 0));
        store.saveDm("u1", LocalTime.of(0, 30), BERLIN, clock.instant());
        Instant end = Instant.parse("2026-03-12T00:00:00Z");
        long pruned = 0;
        while (clock.instant().isBefore(end)) {
            clock.advance(Duration.ofMinutes(30));
            job.runOnce();
            if (clock.instant().atZone(ZoneOffset.UTC).toLocalTime().equals(LocalTime.of(8, 0))) {
                // An hour before the channel's digest, and an hour after the DM's (both that day's rows exist or not).
                pruned += retention.run().ledgerRows();
            }
        }
        for (String target : List.of(t.key(), "dm:u1")) {
            Map<LocalDate, Long> perDate = publisher.messagesFor(target).stream().collect(
                    Collectors.groupingBy(FakePublisher.Message::date, TreeMap::new, Collectors.counting()));
            assertThat(perDate).as(target).hasSize(70);
            assertThat(perDate.values()).as("one each for " + target).allMatch(n -> n == 1);
            List<Delivery> history = store.ledger().history(target);
            assertThat(history).as("only the last month is kept").hasSizeBetween(30, 34);
            // The DM at 00:30 in Berlin is already the next day's at 23:30 UTC.
            assertThat(history.get(history.size() - 1).date())
                    .isEqualTo(LocalDate.of(2026, 3, target.startsWith("dm:") ? 12 : 11));
        }
        assertThat(pruned).isGreaterThan(70);
    }

    @Test
    void aDigestDueTodayIsDeliveredExactlyOnceAfterARetentionRunWhateverItsLedgerRowsSay() {
        clock = TestClock.at("2026-03-02T06:30:00Z"); // Monday, 07:30 in Berlin
        close();
        reopen();
        DigestTarget sent = channel("201", LocalTime.of(8, 0));   // today's went out already
        DigestTarget crashed = channel("202", LocalTime.of(8, 0)); // today's was sent, then its process died
        DigestTarget held = channel("203", LocalTime.of(8, 0));    // another live process holds today's
        DigestTarget due = channel("204", LocalTime.of(9, 0));     // due later today
        LocalDate today = LocalDate.of(2026, 3, 2);
        Instant dueAt = Instant.parse("2026-03-02T07:00:00Z");
        clock.advance(Duration.ofHours(1));
        job.runOnce();
        assertThat(publisher.messagesFor(sent.key())).hasSize(1);
        // What a process killed after sending left: a pending row of its own lease, and the message in the channel.
        publisher.messages.removeIf(m -> !m.target().equals(sent.key()));
        db.write(c -> c.createStatement().executeUpdate("DELETE FROM deliveries WHERE target <> '" + sent.key() + "'"));
        DeliveryLedger other = new DeliveryLedger(db, clock, DeliveryLease.shared("other-process", Duration.ofHours(1)));
        Delivery left = other.claim(crashed, today, Delivery.State.PENDING, dueAt, dueAt.minus(Duration.ofDays(1)),
                false, null).delivery();
        publisher.publish(crashed, DigestComposer.channel(crashed, today, dueAt, dueAt, DigestContent.Ranked.EMPTY,
                false), left.nonce());
        other.claim(held, today, Delivery.State.PENDING, dueAt, dueAt.minus(Duration.ofDays(1)), false, null);
        // Months of old rows, as a long-running bot has.
        for (int d = 1; d <= 120; d++) {
            for (DigestTarget t : List.of(sent, crashed, held, due)) {
                Instant at = dueAt.minus(Duration.ofDays(d));
                other.claim(t, today.minusDays(d), Delivery.State.SENT, at, at.minus(Duration.ofDays(1)), false, null);
            }
        }

        long deleted = retention.run().ledgerRows();
        // Even asked for everything, today's and yesterday's rows stay.
        deleted += store.pruneLedger(today.plusDays(1), 10_000);

        assertThat(deleted).isGreaterThan(4 * 100);
        for (DigestTarget t : List.of(sent, crashed, held, due)) {
            assertThat(store.ledger().delivery(t.key(), today.minusDays(1))).as(t.key()).isPresent();
        }
        // The lease of the live process runs out at 08:30 UTC; the job runs every half hour until the evening.
        for (int i = 0; i < 20; i++) {
            job.runOnce();
            clock.advance(Duration.ofMinutes(30));
        }
        for (DigestTarget t : List.of(sent, crashed, held, due)) {
            assertThat(publisher.messagesFor(t.key()).stream().filter(m -> m.date().equals(today)))
                    .as("one digest today for " + t.key()).hasSize(1);
            assertThat(store.ledger().delivery(t.key(), today).orElseThrow().state()).isEqualTo(Delivery.State.SENT);
        }
    }
}
