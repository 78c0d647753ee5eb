package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestScheduleTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void springForwardGapRunsOnceAtTheShiftedInstant() {
        // 2026-03-29 02:00 CET -> 03:00 CEST: 02:30 does not exist in Berlin that day.
        DigestSchedule.Occurrence o = DigestSchedule.next(Instant.parse("2026-03-28T23:00:00Z"), LocalTime.of(2, 30),
                BERLIN, DigestDays.EVERY_DAY);
        assertThat(o.date()).isEqualTo(LocalDate.of(2026, 3, 29));
        assertThat(o.at()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z")); // 03:30 CEST
        DigestSchedule.Occurrence after = DigestSchedule.next(o.at(), LocalTime.of(2, 30), BERLIN, DigestDays.EVERY_DAY);
        assertThat(after.date()).isEqualTo(LocalDate.of(2026, 3, 30));
        assertThat(after.at()).isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
    }

    @Test
    void fallBackOverlapRunsOnceAtTheEarlierOffset() {
        // 2026-10-25 03:00 CEST -> 02:00 CET: 02:30 happens twice in Berlin.
        DigestSchedule.Occurrence o = DigestSchedule.next(Instant.parse("2026-10-24T22:00:00Z"), LocalTime.of(2, 30),
                BERLIN, DigestDays.EVERY_DAY);
        assertThat(o.at()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z")); // 02:30 CEST, the first one
        DigestSchedule.Occurrence after = DigestSchedule.next(o.at(), LocalTime.of(2, 30), BERLIN, DigestDays.EVERY_DAY);
        assertThat(after.date()).isEqualTo(LocalDate.of(2026, 10, 26));
        // From inside the second 02:30 hour, the latest occurrence is still the single one of that date.
        assertThat(DigestSchedule.latest(Instant.parse("2026-10-25T01:45:00Z"), LocalTime.of(2, 30), BERLIN,
                DigestDays.EVERY_DAY)).isEqualTo(o);
    }

    @Test
    void newYorkDstDaysHaveOneOccurrenceEach() {
        for (String day : List.of("2026-03-08", "2026-11-01")) {
            LocalDate d = LocalDate.parse(day);
            Instant start = d.atStartOfDay(NEW_YORK).toInstant();
            List<Instant> runs = runsBetween(start, start.plus(Duration.ofHours(25)), LocalTime.of(1, 30), NEW_YORK,
                    DigestDays.EVERY_DAY);
            assertThat(runs.stream().filter(i -> i.atZone(NEW_YORK).toLocalDate().equals(d))).hasSize(1);
        }
    }

    @Test
    void endOfMonthYearAndLeapDay() {
        LocalTime nine = LocalTime.of(9, 0);
        assertThat(DigestSchedule.next(Instant.parse("2028-02-28T09:00:00Z"), nine, ZoneId.of("UTC"),
                DigestDays.EVERY_DAY).date()).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(DigestSchedule.next(Instant.parse("2027-02-28T09:00:00Z"), nine, ZoneId.of("UTC"),
                DigestDays.EVERY_DAY).date()).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(DigestSchedule.next(Instant.parse("2026-12-31T08:00:00Z"), nine, BERLIN,
                DigestDays.EVERY_DAY).date()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(DigestSchedule.next(Instant.parse("2026-04-30T08:00:00Z"), nine, BERLIN,
                DigestDays.EVERY_DAY).date()).isEqualTo(LocalDate.of(2026, 5, 1));
        // Thursday 2026-12-31 after nine: next weekday is Friday 2027-01-01.
        assertThat(DigestSchedule.next(Instant.parse("2026-12-31T09:30:00Z"), nine, BERLIN,
                DigestDays.WEEKDAYS).date()).isEqualTo(LocalDate.of(2027, 1, 1));
    }

    @Test
    void weekdaysSkipTheWeekend() {
        // Friday 2026-03-06 10:00 Berlin -> Monday 2026-03-09 09:00.
        DigestSchedule.Occurrence o = DigestSchedule.next(Instant.parse("2026-03-06T09:00:00Z"), LocalTime.of(9, 0),
                BERLIN, DigestDays.WEEKDAYS);
        assertThat(o.date()).isEqualTo(LocalDate.of(2026, 3, 9));
        assertThat(DigestSchedule.latest(Instant.parse("2026-03-08T12:00:00Z"), LocalTime.of(9, 0), BERLIN,
                DigestDays.WEEKDAYS).date()).isEqualTo(LocalDate.of(2026, 3, 6));
    }

    @Test
    void everyLocalDateOfAYearOnceInBothZones() {
        for (ZoneId zone : List.of(BERLIN, NEW_YORK)) {
            for (LocalTime time : List.of(LocalTime.of(2, 30), LocalTime.of(0, 0), LocalTime.of(23, 59))) {
                Instant from = Instant.parse("2026-01-01T00:00:00Z");
                List<Instant> runs = runsBetween(from, from.plus(Duration.ofDays(366)), time, zone, DigestDays.EVERY_DAY);
                List<LocalDate> dates = runs.stream().map(i -> i.atZone(zone).toLocalDate()).toList();
                assertThat(dates).doesNotHaveDuplicates();
                assertThat(dates).hasSizeBetween(365, 367);
            }
        }
    }

    private static List<Instant> runsBetween(Instant from, Instant to, LocalTime t, ZoneId z, DigestDays days) {
        List<Instant> out = new ArrayList<>();
        for (Instant now = from; ; ) {
            DigestSchedule.Occurrence o = DigestSchedule.next(now, t, z, days);
            if (o.at().isAfter(to)) {
                return out;
            }
            out.add(o.at());
            now = o.at();
        }
    }
}
