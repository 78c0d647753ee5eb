package org.paperscout.club;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * A channel's weekly pick: on {@code day} at {@code time} in {@code zone}, owed from {@code effectiveFrom}; a poll of
 * {@code candidates} papers from {@code source} ("digest", "library", "trending") open for {@code days} days.
 *
 * @param userId whose library a {@code library} pick reads (the admin who set it); null for the other sources
 */
record Schedule(String channelId, String guildId, DayOfWeek day, LocalTime time, ZoneId zone, Instant effectiveFrom,
                int candidates, String source, int days, String userId) {

    /** /club pick's defaults: five trending papers, open for two days. */
    Schedule(String channelId, String guildId, DayOfWeek day, LocalTime time, ZoneId zone, Instant effectiveFrom) {
        this(channelId, guildId, day, time, zone, effectiveFrom, ClubCommand.DEFAULT_CANDIDATES, "trending",
                ClubCommand.DEFAULT_DAYS, null);
    }

    Duration duration() {
        return Duration.ofDays(days);
    }

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
