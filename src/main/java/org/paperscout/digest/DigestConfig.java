package org.paperscout.digest;

import java.time.Duration;
import org.paperscout.config.Settings;

/**
 * How digests are delivered, from {@code digest.*} in config/paperscout.properties.
 *
 * @param grace          a digest missed while the bot was down is still sent, late, within this; older ones are
 *                       recorded as missed
 * @param tick           how often the job looks for due digests
 * @param sendsPerSecond Discord requests per second the bot's digests may make, all processes together: Discord's
 *                       global limit (50) is per bot token, not per connection
 * @param senders        deliveries in flight at once
 * @param retryFirst     the first wait after a server error; doubled each time, within the day
 * @param retryMax       the longest wait between attempts
 * @param skipEmpty      default for channels: post nothing (instead of a note) on a day with nothing new
 * @param lease          several processes on one store: how long a claimed delivery stays with its process before
 *                       another may take it over (so also how long a dead process's digest can be delayed)
 * @param share          the part of {@code sendsPerSecond} this process uses (0 to 1): with the gateway shards split
 *                       over processes, each paces at its shards' share, so together they stay under the limit
 */
public record DigestConfig(Duration grace, Duration tick, int sendsPerSecond, int senders, Duration retryFirst,
                           Duration retryMax, boolean skipEmpty, Duration lease, double share) {

    public DigestConfig {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1], was " + share);
        }
    }

    public static DigestConfig defaults() {
        return new DigestConfig(Duration.ofHours(6), Duration.ofSeconds(20), 40, 4, Duration.ofMinutes(1),
                Duration.ofHours(1), false, DeliveryLease.DEFAULT_LENGTH, 1);
    }

    public static DigestConfig from(Settings s) {
        DigestConfig d = defaults();
        Duration grace = s.duration("digest.grace", d.grace());
        if (grace.isNegative() || grace.compareTo(Duration.ofHours(23)) > 0) {
            throw s.invalid("digest.grace", "a duration from 0s to 23h, e.g. 6h");
        }
        Duration tick = s.duration("digest.tick", d.tick());
        if (tick.compareTo(Duration.ofSeconds(1)) < 0 || tick.compareTo(Duration.ofMinutes(5)) > 0) {
            throw s.invalid("digest.tick", "a duration from 1s to 5m, e.g. 20s");
        }
        Duration first = s.duration("digest.retry-first", d.retryFirst());
        Duration max = s.duration("digest.retry-max", d.retryMax());
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw s.invalid("digest.retry-first", "a positive duration no longer than digest.retry-max");
        }
        // Shorter than a few seconds and a slow send would lose its claim mid-way; the sender renews it before
        // each send, so the length only has to cover one send (and the pacing wait before it).
        Duration lease = s.duration("digest.lease", d.lease());
        if (lease.compareTo(Duration.ofSeconds(5)) < 0 || lease.compareTo(Duration.ofHours(1)) > 0) {
            throw s.invalid("digest.lease", "a duration from 5s to 1h, e.g. 2m");
        }
        return new DigestConfig(grace, tick, s.integer("digest.sends-per-second", d.sendsPerSecond(), 1, 45),
                s.integer("digest.senders", d.senders(), 1, 32), first, max, s.bool("digest.skip-empty", false),
                lease, 1);
    }

    public DigestConfig withGrace(Duration g) {
        return new DigestConfig(g, tick, sendsPerSecond, senders, retryFirst, retryMax, skipEmpty, lease, share);
    }

    public DigestConfig withSendsPerSecond(int n) {
        return new DigestConfig(grace, tick, n, senders, retryFirst, retryMax, skipEmpty, lease, share);
    }

    /** This process's part of the bot's send rate, e.g. 6/16 when it runs 6 of 16 shards. */
    public DigestConfig withShare(double part) {
        return new DigestConfig(grace, tick, sendsPerSecond, senders, retryFirst, retryMax, skipEmpty, lease, part);
    }

    /** The sends per second this process paces its digests at. */
    public double processSendsPerSecond() {
        return sendsPerSecond * share;
    }
}
