package org.paperscout.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.paperscout.commands.Text;
import org.paperscout.util.Backoff;

/**
 * The decisions of a delivery, apart from doing it: which occurrence is due, whether it is late or missed, how
 * far back its papers reach, and what a failure means (disable the target, retry later, or give up for the day).
 * Pure: every answer is a function of the target, the ledger rows handed in and {@code now}, so each rule is
 * tested without a database or a clock.
 */
final class DeliveryPolicy {

    /** A digest sent later than this after its time says it is late. */
    static final Duration LATE_AFTER = Duration.ofMinutes(15);
    /** How far back missed days are recorded after a long outage (older ones are simply not listed). */
    static final int MISSED_DAYS_RECORDED = 14;
    /** The window of a digest never reaches back further than this, however long ago the last one was. */
    static final Duration MAX_WINDOW = Duration.ofDays(7);
    /** A digest due late in the evening still gets this long for retries, past midnight. */
    static final Duration MIN_RETRY_SPAN = Duration.ofHours(2);
    static final String OFFLINE = "the bot was offline at digest time";
    /** Papers in a catch-up digest (channel and DM), whatever the channel's usual size. */
    static final int CATCH_UP_SIZE = 10;
    /** How long a snooze can be, in days. */
    static final int MAX_SNOOZE_DAYS = 30;
    /**
     * A catch-up's window reaches back to the last digest before the snooze, but never more than a week before the
     * snooze started (a digest disabled for months does not make a catch-up of everything).
     */
    static final Duration CATCH_UP_LEAD = MAX_WINDOW;
    /**
     * The longest span a digest ranks engagement over: a catch-up after the longest snooze, from a week before the
     * snooze began (the lead) to its end, which comes at most a day after the snooze was asked for plus its days, and
     * whose digest may wait for the next weekday and the grace period (a few days more, rounded up).
     */
    static final Duration LONGEST_SPAN = CATCH_UP_LEAD.plusDays(MAX_SNOOZE_DAYS + 5L);

    private final Duration grace;
    private final Backoff retries;

    DeliveryPolicy(DigestConfig config) {
        this.grace = config.grace();
        this.retries = new Backoff(config.retryFirst(), config.retryMax());
    }

    /**
     * The occurrence due at {@code now}, unless the target is paused (a DM), was set up after it, or is snoozed.
     * Snoozed days get no ledger row at all: they were never due, so they are neither sent nor missed.
     */
    Optional<DigestSchedule.Occurrence> due(DigestTarget t, Instant now) {
        if (t.kind() == DigestTarget.Kind.DM && t.isDisabled()) {
            return Optional.empty(); // paused until the user runs /notify daily again
        }
        DigestSchedule.Occurrence occ = DigestSchedule.latest(now, t.time(), t.zone(), t.days());
        return occ.at().isBefore(t.effectiveFrom()) || snoozed(t, occ) ? Optional.empty() : Optional.of(occ);
    }

    private static boolean snoozed(DigestTarget t, DigestSchedule.Occurrence occ) {
        return t.snooze() != null && t.snooze().covers(occ.at());
    }

    /** The digest for {@code occ} is the catch-up of a snooze: the first one due after it ended. */
    static boolean catchUp(DigestTarget t, DigestSchedule.Occurrence occ) {
        return t.snooze() != null && t.snooze().over(occ.at());
    }

    /**
     * When a snooze of {@code days} asked for at {@code now} ends: at the start of the local day {@code days} days
     * after the next digest's date, so exactly that many days have no digest, whether today's was sent already or
     * not. The first digest at or after the end is the catch-up.
     */
    static Instant snoozeEnd(DigestTarget t, Instant now, int days) {
        DigestSchedule.Occurrence next = DigestSchedule.next(now, t.time(), t.zone(), DigestDays.EVERY_DAY);
        return next.date().plusDays(days).atStartOfDay(t.zone()).toInstant();
    }

    /**
     * The occurrences before {@code occ} that have no row, newest first, to be recorded as missed: back to the
     * last row ({@code lastDate}), the target's start, or {@link #MISSED_DAYS_RECORDED} days, whichever is nearest.
     */
    List<DigestSchedule.Occurrence> missedBefore(DigestTarget t, DigestSchedule.Occurrence occ,
                                                 Optional<LocalDate> lastDate) {
        List<DigestSchedule.Occurrence> missed = new ArrayList<>();
        DigestSchedule.Occurrence p = occ;
        for (int i = 0; i < MISSED_DAYS_RECORDED; i++) {
            p = DigestSchedule.previous(p, t.time(), t.zone(), t.days());
            if (p.at().isBefore(t.effectiveFrom()) || (lastDate.isPresent() && !p.date().isAfter(lastDate.get()))
                    || snoozed(t, p)) {
                break;
            }
            missed.add(p);
        }
        return missed;
    }

    /** Past the grace window: the digest is recorded as missed instead of sent. */
    boolean missed(Instant dueAt, Instant now) {
        return Duration.between(dueAt, now).compareTo(grace) > 0;
    }

    /** Sent, but late enough to say so. */
    boolean late(Instant dueAt, Instant now) {
        return Duration.between(dueAt, now).compareTo(LATE_AFTER) > 0;
    }

    /**
     * Papers since the last digest that went out ({@code lastSentDue}), or since the previous due time; never more
     * than {@link #MAX_WINDOW}.
     */
    Instant windowFrom(DigestTarget t, DigestSchedule.Occurrence occ, Optional<Instant> lastSentDue) {
        if (catchUp(t, occ)) {
            // The whole absence: from the last digest that went out (papers after it were never shown), or the
            // snooze's start when there was none.
            Instant floor = t.snooze().from().minus(CATCH_UP_LEAD);
            Instant from = lastSentDue.orElse(t.snooze().from());
            return from.isBefore(floor) ? floor : from;
        }
        Instant floor = occ.at().minus(MAX_WINDOW);
        Instant from = lastSentDue.orElse(DigestSchedule.previous(occ, t.time(), t.zone(), t.days()).at());
        return from.isBefore(floor) ? floor : from;
    }

    /** A pending row found undelivered: too old to send now (past the grace window and the retry deadline). */
    boolean expired(DigestTarget t, Delivery d, Instant now) {
        return missed(d.dueAt(), now) && now.isAfter(retryDeadline(t, d));
    }

    /** A disabled channel gets its day's one attempt only once the cause (a missing permission) is gone. */
    static boolean checkPermissionsFirst(DigestTarget t) {
        return t.kind() == DigestTarget.Kind.CHANNEL && t.isDisabled();
    }

    /** What a failed attempt leads to. */
    record Outcome(Action action, String note, Instant retryAt) {
    }

    enum Action {
        /** Fail the day and disable the target (a DM digest: pause it); the admin is told once. */
        DISABLE,
        /** Fail the day, keep the target. */
        FAIL,
        /** Keep the row pending and try again at {@code retryAt}. */
        RETRY
    }

    Outcome afterFailure(DigestTarget t, Delivery d, PublishException e, Instant now) {
        return switch (e.kind()) {
            case NO_ACCESS, DMS_CLOSED -> new Outcome(Action.DISABLE, e.reason(), null);
            case REJECTED -> new Outcome(Action.FAIL, e.reason(), null);
            case TRANSIENT -> {
                Instant next = now.plus(retries.delay(d.attempts()));
                if (next.isAfter(retryDeadline(t, d))) {
                    yield new Outcome(Action.FAIL,
                            "gave up after " + Text.count(d.attempts() + 1, "attempt") + ": " + e.reason(), null);
                }
                yield new Outcome(Action.RETRY, e.reason(), next);
            }
        };
    }

    /** The end of the digest's local day, or {@link #MIN_RETRY_SPAN} after it was due if that is later. */
    static Instant retryDeadline(DigestTarget t, Delivery d) {
        Instant endOfDay = d.date().plusDays(1).atStartOfDay(t.zone()).toInstant();
        Instant min = d.dueAt().plus(MIN_RETRY_SPAN);
        return endOfDay.isAfter(min) ? endOfDay : min;
    }
}
