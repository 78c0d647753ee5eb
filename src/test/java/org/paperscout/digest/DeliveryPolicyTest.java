package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The delivery rules on their own: values in, decisions out, no database and no clock. */
class DeliveryPolicyTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Monday 2 March 2026, 09:00 in Berlin (08:00 UTC). */
    static final Instant MONDAY_NINE = Instant.parse("2026-03-02T08:00:00Z");

    final DeliveryPolicy policy = new DeliveryPolicy(DigestConfig.defaults());

    static DigestTarget channel(LocalTime time, DigestDays days, Instant effectiveFrom, String disabled) {
        return new DigestTarget(DigestTarget.Kind.CHANNEL, "101", "g1", time, BERLIN, days, null, 5, false,
                effectiveFrom, disabled, "admin1", false);
    }

    static DigestTarget dm(String paused) {
        return new DigestTarget(DigestTarget.Kind.DM, "u1", null, LocalTime.of(9, 0), BERLIN, DigestDays.EVERY_DAY,
                null, 5, false, Instant.parse("2026-01-01T00:00:00Z"), paused, null, false);
    }

    static final DigestTarget DAILY_NINE = channel(LocalTime.of(9, 0), DigestDays.EVERY_DAY,
            Instant.parse("2026-01-01T00:00:00Z"), null);

    static Delivery pending(DigestTarget t, LocalDate date, Instant dueAt, int attempts) {
        return new Delivery(1, t.key(), date, Delivery.State.PENDING, dueAt, dueAt.minus(Duration.ofDays(1)),
                Nonces.of(t.key(), date), null, false, 0, null, attempts, null, dueAt, List.of());
    }

    @Test
    void theLatestOccurrenceIsDueUnlessTheTargetStartedAfterItOrIsAPausedDm() {
        Instant now = MONDAY_NINE.plusSeconds(30);
        assertThat(policy.due(DAILY_NINE, now))
                .contains(new DigestSchedule.Occurrence(LocalDate.of(2026, 3, 2), MONDAY_NINE));
        DigestTarget setAfter = channel(LocalTime.of(9, 0), DigestDays.EVERY_DAY, MONDAY_NINE.plusSeconds(1), null);
        assertThat(policy.due(setAfter, now)).isEmpty();
        assertThat(policy.due(dm("DMs are closed"), now)).isEmpty();
        assertThat(policy.due(dm(null), now)).isPresent();
    }

    @Test
    void aDisabledChannelIsStillDueOnceADaySoItCanRecover() {
        DigestTarget disabled = channel(LocalTime.of(9, 0), DigestDays.EVERY_DAY,
                Instant.parse("2026-01-01T00:00:00Z"), "missing permission");
        assertThat(policy.due(disabled, MONDAY_NINE)).isPresent();
        assertThat(DeliveryPolicy.checkPermissionsFirst(disabled)).isTrue();
        assertThat(DeliveryPolicy.checkPermissionsFirst(DAILY_NINE)).isFalse();
        assertThat(DeliveryPolicy.checkPermissionsFirst(dm("DMs are closed"))).isFalse();
    }

    @Test
    void missedDaysReachBackToTheLastRowNewestFirstAndSkipDaysOff() {
        DigestTarget weekdays = channel(LocalTime.of(9, 0), DigestDays.WEEKDAYS,
                Instant.parse("2026-01-01T00:00:00Z"), null);
        DigestSchedule.Occurrence monday = new DigestSchedule.Occurrence(LocalDate.of(2026, 3, 2), MONDAY_NINE);
        // Last row on Wednesday 25 February: Thursday and Friday are missed, the weekend is no digest day.
        assertThat(policy.missedBefore(weekdays, monday, Optional.of(LocalDate.of(2026, 2, 25))))
                .extracting(DigestSchedule.Occurrence::date)
                .containsExactly(LocalDate.of(2026, 2, 27), LocalDate.of(2026, 2, 26));
        assertThat(policy.missedBefore(weekdays, monday, Optional.of(LocalDate.of(2026, 2, 27)))).isEmpty();
    }

    @Test
    void missedDaysStopAtTheTargetsStartAndAtTwoWeeks() {
        DigestSchedule.Occurrence monday = new DigestSchedule.Occurrence(LocalDate.of(2026, 3, 2), MONDAY_NINE);
        DigestTarget since = channel(LocalTime.of(9, 0), DigestDays.EVERY_DAY,
                Instant.parse("2026-02-27T12:00:00Z"), null);
        assertThat(policy.missedBefore(since, monday, Optional.empty()))
                .extracting(DigestSchedule.Occurrence::date)
                .containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 2, 28));
        assertThat(policy.missedBefore(DAILY_NINE, monday, Optional.empty()))
                .hasSize(DeliveryPolicy.MISSED_DAYS_RECORDED)
                .last().extracting(DigestSchedule.Occurrence::date).isEqualTo(LocalDate.of(2026, 2, 16));
    }

    @Test
    void lateAfterFifteenMinutesMissedAfterTheGraceWindow() {
        assertThat(policy.late(MONDAY_NINE, MONDAY_NINE.plus(Duration.ofMinutes(15)))).isFalse();
        assertThat(policy.late(MONDAY_NINE, MONDAY_NINE.plus(Duration.ofMinutes(15)).plusMillis(1))).isTrue();
        assertThat(policy.missed(MONDAY_NINE, MONDAY_NINE.plus(Duration.ofHours(6)))).isFalse();
        assertThat(policy.missed(MONDAY_NINE, MONDAY_NINE.plus(Duration.ofHours(6)).plusMillis(1))).isTrue();
        DeliveryPolicy noGrace = new DeliveryPolicy(DigestConfig.defaults().withGrace(Duration.ZERO));
        assertThat(noGrace.missed(MONDAY_NINE, MONDAY_NINE.plusMillis(1))).isTrue();
    }

    @Test
    void theWindowStartsAtTheLastSentDigestOrThePreviousDueTimeAndNeverBeforeAWeek() {
        DigestSchedule.Occurrence monday = new DigestSchedule.Occurrence(LocalDate.of(2026, 3, 2), MONDAY_NINE);
        Instant thursday = Instant.parse("2026-02-26T08:00:00Z");
        assertThat(policy.windowFrom(DAILY_NINE, monday, Optional.of(thursday))).isEqualTo(thursday);
        assertThat(policy.windowFrom(DAILY_NINE, monday, Optional.empty()))
                .isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
        assertThat(policy.windowFrom(DAILY_NINE, monday, Optional.of(Instant.parse("2026-01-05T08:00:00Z"))))
                .isEqualTo(MONDAY_NINE.minus(Duration.ofDays(7)));
    }

    @Test
    void lostAccessOrClosedDmsDisableARejectedMessageFailsTheDayOnly() {
        Delivery d = pending(DAILY_NINE, LocalDate.of(2026, 3, 2), MONDAY_NINE, 0);
        for (PublishException.Kind kind : List.of(PublishException.Kind.NO_ACCESS, PublishException.Kind.DMS_CLOSED)) {
            DeliveryPolicy.Outcome o = policy.afterFailure(DAILY_NINE, d,
                    new PublishException(kind, "the channel was deleted", null), MONDAY_NINE);
            assertThat(o).isEqualTo(new DeliveryPolicy.Outcome(DeliveryPolicy.Action.DISABLE,
                    "the channel was deleted", null));
        }
        assertThat(policy.afterFailure(DAILY_NINE, d,
                new PublishException(PublishException.Kind.REJECTED, "body too long", null), MONDAY_NINE))
                .isEqualTo(new DeliveryPolicy.Outcome(DeliveryPolicy.Action.FAIL, "body too long", null));
    }

    @Test
    void serverErrorsRetryWithDoublingWaitsUntilTheLocalDayEnds() {
        PublishException e = new PublishException(PublishException.Kind.TRANSIENT, "Discord had a server error", null);
        LocalDate monday = LocalDate.of(2026, 3, 2);
        assertThat(policy.afterFailure(DAILY_NINE, pending(DAILY_NINE, monday, MONDAY_NINE, 0), e, MONDAY_NINE))
                .isEqualTo(new DeliveryPolicy.Outcome(DeliveryPolicy.Action.RETRY, "Discord had a server error",
                        MONDAY_NINE.plus(Duration.ofMinutes(1))));
        assertThat(policy.afterFailure(DAILY_NINE, pending(DAILY_NINE, monday, MONDAY_NINE, 3), e, MONDAY_NINE)
                .retryAt()).isEqualTo(MONDAY_NINE.plus(Duration.ofMinutes(8)));
        assertThat(policy.afterFailure(DAILY_NINE, pending(DAILY_NINE, monday, MONDAY_NINE, 12), e, MONDAY_NINE)
                .retryAt()).isEqualTo(MONDAY_NINE.plus(Duration.ofHours(1)));
        // Berlin midnight is 23:00 UTC: a retry due after it gives up, counting this attempt.
        Instant lateEvening = Instant.parse("2026-03-02T22:30:00Z");
        assertThat(policy.afterFailure(DAILY_NINE, pending(DAILY_NINE, monday, MONDAY_NINE, 6), e, lateEvening))
                .isEqualTo(new DeliveryPolicy.Outcome(DeliveryPolicy.Action.FAIL,
                        "gave up after 7 attempts: Discord had a server error", null));
    }

    @Test
    void aDigestDueLateInTheEveningKeepsTwoHoursOfRetriesPastMidnight() {
        DigestTarget elevenPm = channel(LocalTime.of(23, 30), DigestDays.EVERY_DAY,
                Instant.parse("2026-01-01T00:00:00Z"), null);
        Instant due = Instant.parse("2026-03-02T22:30:00Z");
        Delivery d = pending(elevenPm, LocalDate.of(2026, 3, 2), due, 0);
        assertThat(DeliveryPolicy.retryDeadline(elevenPm, d)).isEqualTo(due.plus(Duration.ofHours(2)));
        assertThat(DeliveryPolicy.retryDeadline(DAILY_NINE, pending(DAILY_NINE, LocalDate.of(2026, 3, 2),
                MONDAY_NINE, 0))).isEqualTo(Instant.parse("2026-03-02T23:00:00Z"));
    }

    @Test
    void aPendingRowExpiresOnlyPastBothTheGraceWindowAndTheRetryDeadline() {
        Delivery d = pending(DAILY_NINE, LocalDate.of(2026, 3, 2), MONDAY_NINE, 0);
        assertThat(policy.expired(DAILY_NINE, d, MONDAY_NINE.plus(Duration.ofHours(7)))).isFalse();
        assertThat(policy.expired(DAILY_NINE, d, Instant.parse("2026-03-02T23:00:01Z"))).isTrue();
        DeliveryPolicy longGrace = new DeliveryPolicy(DigestConfig.defaults().withGrace(Duration.ofHours(23)));
        assertThat(longGrace.expired(DAILY_NINE, d, Instant.parse("2026-03-02T23:00:01Z"))).isFalse();
    }
}
