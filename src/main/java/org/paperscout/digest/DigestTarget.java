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
 */
public record DigestTarget(Kind kind, String id, String guildId, LocalTime time, ZoneId zone, DigestDays days,
                           String topic, int size, boolean skipEmpty, Instant effectiveFrom, String disabled,
                           String adminId, boolean adminNotified) {

    public enum Kind { CHANNEL, DM }

    /** The ledger's name for this target, e.g. {@code channel:123} or {@code dm:456}. */
    public String key() {
        return key(kind, id);
    }

    static String key(Kind kind, String id) {
        return (kind == Kind.CHANNEL ? "channel:" : "dm:") + id;
    }

    public boolean isDisabled() {
        return disabled != null;
    }
}
