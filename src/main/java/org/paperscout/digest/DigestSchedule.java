package org.paperscout.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a daily digest runs: a pure function of the current instant, the local time, the zone and the days.
 *
 * <p>Local times that do not exist or exist twice are resolved the way {@link ZonedDateTime#of} does, which is
 * what a reader expects: on a spring-forward day a 02:30 digest runs at the shifted instant (03:30 local) once;
 * on a fall-back day a 02:30 digest runs once, at the earlier offset (the first 02:30). Either way each local
 * date maps to exactly one instant, so "one digest per local date" and "one run per occurrence" agree.
 */
final class DigestSchedule {

    /** A digest's run: the local date it is for and the instant it is due. */
    public record Occurrence(LocalDate date, Instant at) {
    }

    private DigestSchedule() {
    }

    /** The instant a digest for {@code date} is due. */
    public static Instant dueAt(LocalDate date, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    /** The first occurrence strictly after {@code now}. */
    public static Occurrence next(Instant now, LocalTime time, ZoneId zone, DigestDays days) {
        LocalDate date = now.atZone(zone).toLocalDate().minusDays(1);
        // A week and a day always contains a due weekday; the loop is bounded for any DigestDays.
        for (int i = 0; i < 9; i++, date = date.plusDays(1)) {
            if (!days.includes(date)) {
                continue;
            }
            Instant at = dueAt(date, time, zone);
            if (at.isAfter(now)) {
                return new Occurrence(date, at);
            }
        }
        throw new IllegalStateException("no occurrence within 9 days");
    }

    /** The latest occurrence at or before {@code now}. */
    public static Occurrence latest(Instant now, LocalTime time, ZoneId zone, DigestDays days) {
        LocalDate date = now.atZone(zone).toLocalDate().plusDays(1);
        for (int i = 0; i < 9; i++, date = date.minusDays(1)) {
            if (!days.includes(date)) {
                continue;
            }
            Instant at = dueAt(date, time, zone);
            if (!at.isAfter(now)) {
                return new Occurrence(date, at);
            }
        }
        throw new IllegalStateException("no occurrence within 9 days");
    }

    /** The occurrence before {@code occurrence} (the previous due local date). */
    public static Occurrence previous(Occurrence occurrence, LocalTime time, ZoneId zone, DigestDays days) {
        return latest(occurrence.at().minusNanos(1), time, zone, days);
    }
}
