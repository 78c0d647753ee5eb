package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The snooze rules on their own: which days are not due, which digest is the catch-up, and its window. */
class SnoozePolicyTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Monday 2 March 2026, 09:00 in Berlin. */
    static final Instant MONDAY_NINE = Instant.parse("2026-03-02T08:00:00Z");
    static final Instant MONDAY_TEN = Instant.parse("2026-03-02T09:00:00Z");

    final DeliveryPolicy policy = new DeliveryPolicy(DigestConfig.defaults());

    static DigestTarget daily(DigestTarget.Snooze snooze) {
        return new DigestTarget(DigestTarget.Kind.CHANNEL, "101", "g1", LocalTime.of(9, 0), BERLIN,
                DigestDays.EVERY_DAY, null, 5, false, Instant.parse("2026-01-01T00:00:00Z"), null, "admin1", false,
                snooze);
    }

    static Instant nineOn(int marchDay) {
        return DigestSchedule.dueAt(LocalDate.of(2026, 3, marchDay), LocalTime.of(9, 0), BERLIN);
    }

    @Test
    void aSnoozeOfThreeDaysAskedAfterTodaysDigestCoversTheNextThreeDates() {
        DigestTarget t = daily(null);
        Instant end = DeliveryPolicy.snoozeEnd(t, MONDAY_TEN, 3);
        // Monday's digest went out at 09:00: Tuesday, Wednesday and Thursday are off, Friday is back.
        assertThat(end).isEqualTo(LocalDate.of(2026, 3, 6).atStartOfDay(BERLIN).toInstant());
        // Asked before Monday's digest, Monday counts as the first of the three.
        assertThat(DeliveryPolicy.snoozeEnd(t, MONDAY_NINE.minusSeconds(60), 3))
                .isEqualTo(LocalDate.of(2026, 3, 5).atStartOfDay(BERLIN).toInstant());
    }

    @Test
    void aSnoozedDayIsNotDueAndTheFirstDayBackIsTheCatchUp() {
        DigestTarget.Snooze snooze = new DigestTarget.Snooze(MONDAY_TEN,
                LocalDate.of(2026, 3, 6).atStartOfDay(BERLIN).toInstant());
        DigestTarget t = daily(snooze);
        for (int day = 3; day <= 5; day++) {
            assertThat(policy.due(t, nineOn(day).plusSeconds(30))).as("March " + day).isEmpty();
        }
        Optional<DigestSchedule.Occurrence> friday = policy.due(t, nineOn(6).plusSeconds(30));
        assertThat(friday).contains(new DigestSchedule.Occurrence(LocalDate.of(2026, 3, 6), nineOn(6)));
        assertThat(DeliveryPolicy.catchUp(t, friday.get())).isTrue();
        // The days away are not "missed": nothing was due on them.
        assertThat(policy.missedBefore(t, friday.get(), Optional.of(LocalDate.of(2026, 3, 2)))).isEmpty();
        // Without the snooze the same gap would be three missed days: the rule above is the snooze's doing.
        assertThat(policy.missedBefore(daily(null), friday.get(), Optional.of(LocalDate.of(2026, 3, 2))))
                .hasSize(3);
    }

    @Test
    void theCatchUpWindowReachesBackToTheLastDigestSentOrElseTheSnoozeStart() {
        DigestTarget.Snooze snooze = new DigestTarget.Snooze(MONDAY_TEN,
                LocalDate.of(2026, 3, 6).atStartOfDay(BERLIN).toInstant());
        DigestTarget t = daily(snooze);
        DigestSchedule.Occurrence friday = new DigestSchedule.Occurrence(LocalDate.of(2026, 3, 6), nineOn(6));
        assertThat(policy.windowFrom(t, friday, Optional.of(MONDAY_NINE))).isEqualTo(MONDAY_NINE);
        assertThat(policy.windowFrom(t, friday, Optional.empty())).isEqualTo(MONDAY_TEN);
        // A last digest long before the snooze: a week before the snooze at most.
        assertThat(policy.windowFrom(t, friday, Optional.of(Instant.parse("2026-01-05T08:00:00Z"))))
                .isEqualTo(MONDAY_TEN.minus(DeliveryPolicy.CATCH_UP_LEAD));
        // A 30-day snooze's catch-up spans the whole absence, past the daily window's week.
        DigestTarget month = daily(new DigestTarget.Snooze(MONDAY_TEN, nineOn(31).minusSeconds(3600)));
        DigestSchedule.Occurrence back = new DigestSchedule.Occurrence(LocalDate.of(2026, 3, 31), nineOn(31));
        assertThat(policy.windowFrom(month, back, Optional.of(MONDAY_NINE))).isEqualTo(MONDAY_NINE);
        assertThat(policy.windowFrom(daily(null), back, Optional.of(MONDAY_NINE)))
                .isEqualTo(nineOn(31).minus(DeliveryPolicy.MAX_WINDOW));
    }

    @Test
    void resumingEarlyMakesTheNextDigestTheCatchUp() {
        // Snoozed on Monday for ten days, resumed on Wednesday at noon: the store sets the end to that moment.
        Instant wednesdayNoon = Instant.parse("2026-03-04T11:00:00Z");
        DigestTarget t = daily(new DigestTarget.Snooze(MONDAY_TEN, wednesdayNoon));
        assertThat(policy.due(t, wednesdayNoon.plusSeconds(60))).as("Wednesday's 09:00 stays snoozed").isEmpty();
        Optional<DigestSchedule.Occurrence> thursday = policy.due(t, nineOn(5).plusSeconds(30));
        assertThat(thursday).isPresent();
        assertThat(DeliveryPolicy.catchUp(t, thursday.get())).isTrue();
        assertThat(policy.missedBefore(t, thursday.get(), Optional.of(LocalDate.of(2026, 3, 2)))).isEmpty();
    }

    @Test
    void aDigestBeforeTheSnoozeIsAnOrdinaryOne() {
        DigestTarget t = daily(new DigestTarget.Snooze(MONDAY_TEN, nineOn(6)));
        DigestSchedule.Occurrence monday = new DigestSchedule.Occurrence(LocalDate.of(2026, 3, 2), MONDAY_NINE);
        assertThat(DeliveryPolicy.catchUp(t, monday)).isFalse();
        assertThat(policy.due(t, MONDAY_NINE.plusSeconds(30))).contains(monday);
    }
}
