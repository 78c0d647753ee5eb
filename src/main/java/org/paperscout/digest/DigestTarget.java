package org.paperscout.digest;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Where a daily digest goes and when: a server channel (configured by /digest set) or a user's DMs (/notify).
 *
 * @param id            the channel id, or the user id for a DM digest
 * @param guildId       the channel's server, null for DMs
 * @param topic         a channel's topic query, or null for everything
 * @param size          papers shown (3-10)
 * @param skipEmpty     post nothing (rather than a note) on a day with nothing new
 * @param effectiveFrom occurrences before this instant are not due: the digest was set or changed after them
 * @param disabled      why deliveries fail (lost permission, deleted channel, closed DMs), or null
 * @param adminId       who set a channel digest (told once when it gets disabled), or null
 * @param adminNotified whether that person was told
 * @param snooze        a snooze that is on, or over with its catch-up not sent yet; null otherwise
 */
public record DigestTarget(Kind kind, String id, String guildId, LocalTime time, ZoneId zone, DigestDays days,
                           String topic, int size, boolean skipEmpty, Instant effectiveFrom, String disabled,
                           String adminId, boolean adminNotified, Snooze snooze) {

    /** A channel's daily digest, a user's DM digest, or a channel's weekly emerging-topics alert. */
    public enum Kind { CHANNEL, DM, EMERGING }

    /** A target that is not snoozed. */
    public DigestTarget(Kind kind, String id, String guildId, LocalTime time, ZoneId zone, DigestDays days,
                        String topic, int size, boolean skipEmpty, Instant effectiveFrom, String disabled,
                        String adminId, boolean adminNotified) {
        this(kind, id, guildId, time, zone, days, topic, size, skipEmpty, effectiveFrom, disabled, adminId,
                adminNotified, null);
    }

    /**
     * No digest is due from {@code from} until {@code until}; the first one after is a catch-up over the absence.
     * It stays on the target until that catch-up went out.
     */
    public record Snooze(Instant from, Instant until) {

        /** Whether a digest due at {@code at} is snoozed. */
        public boolean covers(Instant at) {
            return !at.isBefore(from) && at.isBefore(until);
        }

        /** Whether {@code at} is past the snooze (a digest due then is the catch-up). */
        public boolean over(Instant at) {
            return !at.isBefore(until);
        }
    }

    public DigestTarget withSnooze(Snooze s) {
        return new DigestTarget(kind, id, guildId, time, zone, days, topic, size, skipEmpty, effectiveFrom, disabled,
                adminId, adminNotified, s);
    }

    /** The ledger's name for this target, e.g. {@code channel:123} or {@code dm:456}. */
    public String key() {
        return key(kind, id);
    }

    static String key(Kind kind, String id) {
        return switch (kind) {
            case CHANNEL -> "channel:";
            case DM -> "dm:";
            case EMERGING -> "emerging:";
        } + id;
    }

    /** Posted in a server channel (a digest or an alert), not in someone's DMs. */
    public boolean inChannel() {
        return kind != Kind.DM;
    }

    public boolean isDisabled() {
        return disabled != null;
    }
}
