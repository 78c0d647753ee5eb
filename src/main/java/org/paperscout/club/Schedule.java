package org.paperscout.club;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/** A channel's weekly pick: on {@code day} at {@code time} in {@code zone}, owed from {@code effectiveFrom}. */
record Schedule(String channelId, String guildId, DayOfWeek day, LocalTime time, ZoneId zone, Instant effectiveFrom) {

    /** The latest due time at or before {@code now}, in the schedule's zone (a gap in DST moves it forward). */
    ZonedDateTime lastDue(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime due = local.toLocalDate().with(TemporalAdjusters.previousOrSame(day)).atTime(time).atZone(zone);
        return due.toInstant().isAfter(now) ? due.minusWeeks(1) : due;
    }

    /** The first due time after {@code now}. */
    ZonedDateTime nextDue(Instant now) {
        return lastDue(now).plusWeeks(1);
    }
}
