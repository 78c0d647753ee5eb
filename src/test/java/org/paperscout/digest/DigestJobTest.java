package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperscout.store.Engine;
import org.paperscout.store.Database;
import org.paperscout.store.SeenStore;
import org.paperscout.store.TestClock;

@ParameterizedClass
@EnumSource(Engine.class)
class DigestJobTest {

    @Parameter
    Engine engine;


    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @TempDir
    Path dir;
    TestClock clock;
    Database db;
    DigestStore store;
    SeenStore seen;
    FakePublisher publisher;
    FakeContent content;
    DigestJob job;

    @BeforeEach
    void open() {
        clock = TestClock.at("2026-01-01T00:00:00Z");
        db = engine.open(dir, clock);
        store = new DigestStore(db, clock);
        seen = new SeenStore(db, clock);
        publisher = new FakePublisher();
        content = new FakeContent();
        job = new DigestJob(store, content, seen, publisher, DigestConfig.defaults(), clock, Pacer.NONE);
    }

    @AfterEach
    void close() {
        job.close();
        db.close();
    }

    DigestTarget channel(String id, LocalTime time, ZoneId zone, DigestDays days) {
        DigestTarget t = new DigestTarget(DigestTarget.Kind.CHANNEL, id, "g1", time, zone, days, null, 5, false,
                clock.instant(), null, "admin1", false);
        store.saveChannel(t);
        return t;
    }

    @Test
    void aSimulatedYearGivesExactlyOneDigestPerDueLocalDateAndNoneOnOthers() {
        List<DigestTarget> targets = List.of(
                channel("101", LocalTime.of(2, 30), BERLIN, DigestDays.WEEKDAYS),
                channel("102", LocalTime.of(9, 0), BERLIN, DigestDays.EVERY_DAY),
                channel("103", LocalTime.of(1, 30), NEW_YORK, DigestDays.WEEKDAYS),
                channel("104", LocalTime.of(23, 45), NEW_YORK, DigestDays.EVERY_DAY));
        store.saveDm("u1", LocalTime.of(2, 15), BERLIN, clock.instant());
        Instant end = Instant.parse("2027-01-01T00:00:00Z");
        while (clock.instant().isBefore(end)) {
            clock.advance(Duration.ofMinutes(15));
            job.runOnce();
        }
        for (DigestTarget t : targets) {
            List<LocalDate> expected = dueDates(t.time(), t.days(), t.zone(), end);
            Map<LocalDate, Long> perDate = publisher.messagesFor(t.key()).stream()
                    .collect(Collectors.groupingBy(FakePublisher.Message::date, TreeMap::new, Collectors.counting()));
            assertThat(perDate.keySet()).as(t.key()).containsExactlyElementsOf(expected);
            assertThat(perDate.values()).as("one each for " + t.key()).allMatch(n -> n == 1);
            assertThat(store.ledger().history(t.key())).allMatch(d -> d.state() == Delivery.State.SENT && !d.late());
        }
        // The DM digest: one a day, and never a paper twice.
        List<FakePublisher.Message> dms = publisher.messagesFor("dm:u1");
        assertThat(dms).hasSize(dueDates(LocalTime.of(2, 15), DigestDays.EVERY_DAY, BERLIN, end).size());
        List<String> shown = dms.stream().flatMap(m -> m.reply().cards().stream()).map(c -> c.paper().id()).toList();
        assertThat(shown).doesNotHaveDuplicates().isNotEmpty();
        assertThat(seen.seenPaperIds("u1")).containsExactlyInAnyOrderElementsOf(shown);
    }

    /** Local dates whose digest time falls in [2026-01-01T00:00Z, end], computed independently of the job. */
    private static List<LocalDate> dueDates(LocalTime time, DigestDays days, ZoneId zone, Instant end) {
        List<LocalDate> out = new ArrayList<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (LocalDate d = LocalDate.of(2025, 12, 30); d.isBefore(LocalDate.of(2027, 1, 3)); d = d.plusDays(1)) {
            Instant at = java.time.ZonedDateTime.of(d, time, zone).toInstant();
            if (days.includes(d) && !at.isBefore(start) && !at.isAfter(end)) {
                out.add(d);
            }
        }
        return out;
    }

    @Test
    void offlineAcrossTheDigestTimeSendsOneLateDigestWithinGraceAndNoneForOlderDays() {
        clock = TestClock.at("2026-03-02T06:00:00Z"); // Monday
        reopenWithClock();
        DigestTarget t = channel("200", LocalTime.of(9, 0), BERLIN, DigestDays.EVERY_DAY);
        job.runOnce();
        assertThat(publisher.messages).isEmpty();
        // Down from before 09:00 until 11:00 local: two hours late, inside the 6 h grace window.
        clock.advance(Duration.ofHours(4));
        job.runOnce();
        job.runOnce();
        assertThat(publisher.messagesFor(t.key())).hasSize(1);
        assertThat(publisher.messagesFor(t.key()).get(0).reply().text()).contains("late");
        assertThat(store.ledger().delivery(t.key(), LocalDate.of(2026, 3, 2)).orElseThrow().late()).isTrue();
        // Down for three days, back at 20:00 local on Thursday: 11 h past, beyond the grace window.
        clock.advance(Duration.ofDays(3).plusHours(9));
        job.runOnce();
        assertThat(publisher.messagesFor(t.key())).hasSize(1);
        assertThat(store.ledger().history(t.key())).extracting(Delivery::date, Delivery::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 3, 2), Delivery.State.SENT),
                org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 3, 3), Delivery.State.MISSED),
                org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 3, 4), Delivery.State.MISSED),
                org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 3, 5), Delivery.State.MISSED));
        // Friday's is on time again.
        clock.advance(Duration.ofHours(13));
        job.runOnce();
        assertThat(publisher.messagesFor(t.key())).hasSize(2);
        assertThat(publisher.messagesFor(t.key()).get(1).date()).isEqualTo(LocalDate.of(2026, 3, 6));
    }

    @Test
    void noAccessDisablesWithAReasonTellsTheAdminOnceAndTriesAtMostOnceADay() {
        clock = TestClock.at("2026-03-02T07:00:00Z");
        reopenWithClock();
        DigestTarget t = channel("300", LocalTime.of(9, 0), BERLIN, DigestDays.EVERY_DAY);
        DigestTarget other = channel("301", LocalTime.of(9, 0), BERLIN, DigestDays.EVERY_DAY);
        publisher.fault = x -> x.id().equals("300")
                ? new PublishException(PublishException.Kind.NO_ACCESS, "I lost a permission I need there", null) : null;
        for (int day = 0; day < 3; day++) {
            for (int i = 0; i < 24 * 4; i++) {
                clock.advance(Duration.ofMinutes(15));
                job.runOnce();
            }
            assertThat(publisher.attemptsFor(t.key())).as("attempts after day " + day).isEqualTo(day + 1);
        }
        assertThat(store.channel("300").orElseThrow().disabled()).isEqualTo("I lost a permission I need there");
        assertThat(store.ledger().history(t.key())).allMatch(d -> d.state() == Delivery.State.FAILED);
        assertThat(publisher.told).hasSize(1);
        assertThat(publisher.told.get(0)).startsWith("admin1: ").contains("paused");
        // The other channel is unaffected.
        assertThat(publisher.messagesFor(other.key())).hasSize(3);
        // Permission restored: the next day's one attempt succeeds and re-enables the channel.
        publisher.fault = x -> null;
        for (int i = 0; i < 24 * 4; i++) {
            clock.advance(Duration.ofMinutes(15));
            job.runOnce();
        }
        assertThat(publisher.messagesFor(t.key())).hasSize(1);
        assertThat(store.channel("300").orElseThrow().isDisabled()).isFalse();
    }

    @Test
    void serverErrorsAreRetriedWithBackoffWithinTheDayAndCreateOneMessage() {
        clock = TestClock.at("2026-03-02T07:59:00Z");
        reopenWithClock();
        DigestTarget t = channel("400", LocalTime.of(9, 0), BERLIN, DigestDays.EVERY_DAY);
        int[] failures = {3};
        publisher.fault = x -> failures[0]-- > 0
                ? new PublishException(PublishException.Kind.TRANSIENT, "Discord had a server error (502)", null) : null;
        List<Instant> attemptTimes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            clock.advance(Duration.ofMinutes(1));
            long before = publisher.attemptsFor(t.key());
            job.runOnce();
            if (publisher.attemptsFor(t.key()) > before) {
                attemptTimes.add(clock.instant());
            }
        }
        assertThat(attemptTimes).hasSize(4);
        // 1, 2 and 4 minutes apart: backoff, not a loop.
        assertThat(Duration.between(attemptTimes.get(0), attemptTimes.get(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(Duration.between(attemptTimes.get(1), attemptTimes.get(2))).isEqualTo(Duration.ofMinutes(2));
        assertThat(Duration.between(attemptTimes.get(2), attemptTimes.get(3))).isEqualTo(Duration.ofMinutes(4));
        assertThat(publisher.messagesFor(t.key())).hasSize(1);
        assertThat(store.ledger().delivery(t.key(), LocalDate.of(2026, 3, 2)).orElseThrow().state()).isEqualTo(Delivery.State.SENT);
    }

    @Test
    void aPendingRowLeftByACrashIsSettledFromTheChannelNotSentAgain() {
        clock = TestClock.at("2026-03-02T08:00:30Z");
        reopenWithClock();
        DigestTarget t = channel("500", LocalTime.of(9, 0), BERLIN, DigestDays.EVERY_DAY);
        DigestTarget u = channel("501", LocalTime.of(9, 0), BERLIN, DigestDays.EVERY_DAY);
        Instant due = Instant.parse("2026-03-02T08:00:00Z");
        // The previous process: wrote both rows, sent t's message, died before recording it; u never went out.
        Delivery dt = store.ledger().claim(t, LocalDate.of(2026, 3, 2), Delivery.State.PENDING, due, due.minus(Duration.ofDays(1)),
                false, null).delivery();
        store.ledger().claim(u, LocalDate.of(2026, 3, 2), Delivery.State.PENDING, due, due.minus(Duration.ofDays(1)), false, null);
        String existing = publisher.publish(t, DigestComposer.channel(t, LocalDate.of(2026, 3, 2), due, due,
                DigestContent.Ranked.EMPTY, false), dt.nonce());
        publisher.attempts.clear();
        DigestJob.RunSummary s = job.runOnce();
        assertThat(s.settled()).isEqualTo(1);
        assertThat(store.ledger().delivery(t.key(), LocalDate.of(2026, 3, 2)).orElseThrow().messageId()).isEqualTo(existing);
        assertThat(publisher.attemptsFor(t.key())).isZero();
        assertThat(publisher.messagesFor(u.key())).hasSize(1);
        job.runOnce();
        assertThat(publisher.messages).hasSize(2);
    }

    @Test
    void oneTargetsFailureNeverStopsTheOthersOrLaterRuns() {
        clock = TestClock.at("2026-03-02T07:59:00Z");
        reopenWithClock();
        DigestTarget broken = new DigestTarget(DigestTarget.Kind.CHANNEL, "600", "g1", LocalTime.of(9, 0), BERLIN,
                DigestDays.EVERY_DAY, "explodes", 5, false, clock.instant(), null, "admin1", false);
        store.saveChannel(broken);
        DigestTarget fine = channel("601", LocalTime.of(9, 0), BERLIN, DigestDays.EVERY_DAY);
        content.failForTopic = "explodes";
        clock.advance(Duration.ofMinutes(2));
        job.runOnce();
        assertThat(publisher.messagesFor(fine.key())).hasSize(1);
        content.failForTopic = null;
        clock.advance(Duration.ofMinutes(1));
        job.runOnce();
        assertThat(publisher.messagesFor(broken.key())).hasSize(1);
    }

    @Test
    void emptyDaysPostANoteOrNothingAndStatusSaysWhy() {
        clock = TestClock.at("2026-03-07T07:00:00Z"); // Saturday
        reopenWithClock();
        DigestTarget noted = channel("700", LocalTime.of(9, 0), BERLIN, DigestDays.EVERY_DAY);
        DigestTarget skipping = new DigestTarget(DigestTarget.Kind.CHANNEL, "701", "g1", LocalTime.of(9, 0), BERLIN,
                DigestDays.EVERY_DAY, null, 5, true, clock.instant(), null, "admin1", false);
        store.saveChannel(skipping);
        DigestContent nothing = new DigestContent() {
            @Override
            public Ranked trending(Instant since, Instant until, String topic, int offset, int limit) {
                return Ranked.EMPTY;
            }

            @Override
            public Ranked recommended(String userId, Set<String> exclude, Instant until, int limit) {
                return Ranked.EMPTY;
            }
        };
        job = new DigestJob(store, nothing, seen, publisher, DigestConfig.defaults(), clock, Pacer.NONE);
        clock.advance(Duration.ofHours(25)); // Sunday 08:00 UTC = 09:00 Berlin
        job.runOnce();
        assertThat(publisher.messagesFor(noted.key())).hasSize(1);
        assertThat(publisher.messagesFor(noted.key()).get(0).reply().text()).contains("weekends");
        assertThat(publisher.messagesFor(skipping.key())).isEmpty();
        Delivery skipped = store.ledger().delivery(skipping.key(), LocalDate.of(2026, 3, 8)).orElseThrow();
        assertThat(skipped.state()).isEqualTo(Delivery.State.SKIPPED);
        assertThat(DigestCommand.lastLine(skipped)).contains("weekends");
        assertThat(DigestCommand.lastLine(store.ledger().delivery(noted.key(), LocalDate.of(2026, 3, 8)).orElseThrow()))
                .contains("weekends");
    }

    @Test
    void closedDmsPauseThePersonalDigest() {
        clock = TestClock.at("2026-03-02T06:00:00Z");
        reopenWithClock();
        store.saveDm("u9", LocalTime.of(8, 0), BERLIN, clock.instant());
        publisher.fault = x -> new PublishException(PublishException.Kind.DMS_CLOSED, "your DMs are closed to me", null);
        for (int i = 0; i < 3 * 24 * 4; i++) {
            clock.advance(Duration.ofMinutes(15));
            job.runOnce();
        }
        assertThat(publisher.attemptsFor("dm:u9")).isEqualTo(1);
        assertThat(store.dm("u9").orElseThrow().disabled()).isEqualTo("your DMs are closed to me");
    }

    @Test
    void aDmFoundAfterACrashBetweenSendAndRecordIsSeenSoTheNextDayRepeatsNothing() {
        clock = TestClock.at("2026-03-02T06:00:00Z");
        reopenWithClock();
        store.saveDm("u7", LocalTime.of(8, 0), BERLIN, clock.instant());
        // The previous process sent the DM, then died before marking its row: the publish "fails" after posting.
        publisher.fault = x -> null;
        Publisher dying = new Publisher() {
            @Override
            public String publish(DigestTarget target, org.paperscout.commands.Reply digest, String nonce) {
                publisher.publish(target, digest, nonce);
                throw new IllegalStateException("killed right after the message went out");
            }

            @Override
            public java.util.Optional<String> findDelivered(DigestTarget target, String nonce, String marker,
                                                            Instant since) {
                return publisher.findDelivered(target, nonce, marker, since);
            }

            @Override
            public List<String> missingPermissions(String guildId, String channelId) {
                return List.of();
            }

            @Override
            public boolean tell(String userId, String text) {
                return true;
            }
        };
        DigestJob crashing = new DigestJob(store, content, seen, dying, DigestConfig.defaults(), clock, Pacer.NONE);
        clock.advance(Duration.ofMinutes(61)); // 08:01 Berlin
        crashing.runOnce();
        crashing.close();
        Delivery pending = store.ledger().delivery("dm:u7", LocalDate.of(2026, 3, 2)).orElseThrow();
        assertThat(pending.state()).isEqualTo(Delivery.State.PENDING);
        assertThat(pending.paperIds()).hasSize(DigestComposer.DM_SIZE);
        assertThat(seen.seenPaperIds("u7")).isEmpty();

        clock.advance(Duration.ofMinutes(5)); // past the retry backoff: the row is settled from the DM history
        DigestJob.RunSummary s = job.runOnce();
        assertThat(s.settled()).isEqualTo(1);
        assertThat(publisher.messagesFor("dm:u7")).hasSize(1);
        assertThat(seen.seenPaperIds("u7")).containsExactlyInAnyOrderElementsOf(pending.paperIds());

        clock.advance(Duration.ofDays(1));
        job.runOnce();
        List<FakePublisher.Message> dms = publisher.messagesFor("dm:u7");
        assertThat(dms).hasSize(2);
        Set<String> second = dms.get(1).reply().cards().stream().map(c -> c.paper().id())
                .collect(Collectors.toSet());
        assertThat(second).hasSize(DigestComposer.DM_SIZE).doesNotContainAnyElementsOf(pending.paperIds());
        assertThat(seen.seenPaperIds("u7")).containsAll(second);
    }

    @Test
    void eachFrontEndDeliversOnlyItsOwnTargetsAndLeavesTheOthersUntouched() {
        clock = TestClock.at("2026-03-02T07:00:00Z");
        reopenWithClock();
        DigestTarget discordChannel = channel("123456", LocalTime.of(9, 0), BERLIN, DigestDays.EVERY_DAY);
        DigestTarget consoleChannel = new DigestTarget(DigestTarget.Kind.CHANNEL, "papers", DigestCommand.CONSOLE,
                LocalTime.of(9, 0), BERLIN, DigestDays.EVERY_DAY, null, 5, false, clock.instant(), null, "local",
                false);
        store.saveChannel(consoleChannel);
        store.saveDm("local", LocalTime.of(9, 0), BERLIN, clock.instant());
        // The job's senders run in parallel, so the printer may be called from two threads at once.
        List<String> printed = new java.util.concurrent.CopyOnWriteArrayList<>();
        DigestJob console = new DigestJob(store, content, seen, new ConsolePublisher((h, r) -> printed.add(h), "local"),
                DigestConfig.defaults(), clock, Pacer.NONE);
        clock.advance(Duration.ofMinutes(61));
        console.runOnce();
        console.close();
        assertThat(printed).containsExactlyInAnyOrder(
                "— digest posted to #papers (console: printed, not sent) —",
                "— digest posted to your DMs (console: printed, not sent) —");
        assertThat(store.ledger().delivery(discordChannel.key(), LocalDate.of(2026, 3, 2))).isEmpty();
        // The bot's turn (the fake publisher stands in for Discord, serving only Discord ids).
        publisher.serves = t -> t.guildId() != null && t.guildId().matches("\\d+") || t.id().matches("\\d+");
        store.saveChannel(new DigestTarget(DigestTarget.Kind.CHANNEL, "123456", "777", LocalTime.of(9, 0), BERLIN,
                DigestDays.EVERY_DAY, null, 5, false, clock.instant().minus(Duration.ofHours(1)), null, "a", false));
        job.runOnce();
        assertThat(publisher.messages).extracting(FakePublisher.Message::target).containsExactly("channel:123456");
        assertThat(store.channel("papers")).isPresent();
    }

    @Test
    void aProcessWithoutAFrontEndClaimsNothingAndLeavesEveryTargetAsItWas() {
        clock = TestClock.at("2026-03-02T07:00:00Z");
        reopenWithClock();
        DigestTarget discordChannel = channel("123456", LocalTime.of(9, 0), BERLIN, DigestDays.EVERY_DAY);
        store.saveDm("42", LocalTime.of(9, 0), BERLIN, clock.instant());
        DigestJob tool = new DigestJob(store, content, seen, Publisher.none(), DigestConfig.defaults(), clock,
                Pacer.NONE);
        clock.advance(Duration.ofMinutes(61));
        DigestJob.RunSummary s = tool.runOnce();
        tool.close();
        assertThat(s.sent() + s.failed() + s.missed() + s.retrying()).isZero();
        assertThat(store.ledger().delivery(discordChannel.key(), LocalDate.of(2026, 3, 2))).isEmpty();
        assertThat(store.ledger().delivery(store.dm("42").orElseThrow().key(), LocalDate.of(2026, 3, 2))).isEmpty();
        // The bot, started later the same day, still delivers both.
        job.runOnce();
        assertThat(publisher.messages).extracting(FakePublisher.Message::target)
                .containsExactlyInAnyOrder("channel:123456", "dm:42");
    }

    @Test
    void leavingAServerDropsItsDigestsEvenTheLastButAnEmptyReconcileDropsNothing() {
        channel("801", LocalTime.of(9, 0), BERLIN, DigestDays.EVERY_DAY);
        store.saveChannel(new DigestTarget(DigestTarget.Kind.CHANNEL, "papers", DigestCommand.CONSOLE,
                LocalTime.of(9, 0), BERLIN, DigestDays.EVERY_DAY, null, 5, false, clock.instant(), null, "local",
                false));
        assertThat(store.retainGuilds(Set.of())).isZero();
        assertThat(store.retainGuilds(Set.of("g2"))).isEqualTo(1);
        channel("802", LocalTime.of(9, 0), BERLIN, DigestDays.EVERY_DAY);
        assertThat(store.removeGuild("g1")).isEqualTo(1);
        assertThat(store.channelsInGuild("g1")).isEmpty();
        assertThat(store.removeGuild(DigestCommand.CONSOLE)).isZero();
        assertThat(store.channel("papers")).as("the console's channels belong to no server").isPresent();
    }

    private void reopenWithClock() {
        job.close();
        db.close();
        db = engine.open(dir, clock);
        store = new DigestStore(db, clock);
        seen = new SeenStore(db, clock);
        job = new DigestJob(store, content, seen, publisher, DigestConfig.defaults(), clock, Pacer.NONE);
    }

    @SuppressWarnings("unused")
    private static Set<String> ids(List<FakePublisher.Message> ms) {
        return new HashSet<>(ms.stream().map(FakePublisher.Message::id).toList());
    }
}
