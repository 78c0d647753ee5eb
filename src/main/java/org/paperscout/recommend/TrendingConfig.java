package org.paperscout.recommend;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.paperscout.config.Settings;
import org.paperscout.i18n.Messages;
import org.paperscout.store.EngagementKind;

/**
 * How /trending scores a paper:
 * {@code sum over events of weight(kind) * 2^(-age/halfLife) + upstreamWeight * log1p(upvotes) + recency prior}.
 *
 * @param weights        points per engagement of each kind, before decay
 * @param halfLife       an event counts half after this long
 * @param upstreamWeight multiplies log1p(upstream upvotes)
 * @param recencyWeight  the prior for a paper published today; it falls linearly to 0 at the window's end
 * @param cacheTtl       how long a computed ranking is reused (0: computed on every call)
 */
public record TrendingConfig(Map<EngagementKind, Double> weights, Duration halfLife, double upstreamWeight,
                             double recencyWeight, Duration cacheTtl) {

    public static final String PREFIX = "trending.";

    public TrendingConfig {
        weights = Map.copyOf(weights);
        for (EngagementKind k : EngagementKind.values()) {
            if (!weights.containsKey(k)) {
                throw new IllegalArgumentException("no weight for " + k);
            }
        }
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("half-life must be positive");
        }
    }

    public static TrendingConfig defaults() {
        return from(Settings.of(Map.of()));
    }

    public static TrendingConfig from(Settings s) {
        Map<EngagementKind, Double> w = new EnumMap<>(EngagementKind.class);
        w.put(EngagementKind.VOTE, s.decimal("trending.weight.vote", 3.0, 0, 1000));
        w.put(EngagementKind.SAVE, s.decimal("trending.weight.save", 2.0, 0, 1000));
        w.put(EngagementKind.CLICK, s.decimal("trending.weight.click", 1.0, 0, 1000));
        w.put(EngagementKind.EXPAND, s.decimal("trending.weight.expand", 0.5, 0, 1000));
        Duration halfLife = s.duration("trending.half-life", Duration.ofDays(2));
        if (halfLife.isNegative() || halfLife.isZero() || halfLife.compareTo(Duration.ofDays(365)) > 0) {
            throw s.invalid("trending.half-life", "a duration from 1m to 365d, e.g. 2d");
        }
        Duration ttl = s.duration("trending.cache-ttl", Duration.ofSeconds(15));
        if (ttl.isNegative() || ttl.compareTo(Duration.ofDays(1)) > 0) {
            throw s.invalid("trending.cache-ttl", "a duration from 0s to 1d, e.g. 15s");
        }
        return new TrendingConfig(w, halfLife, s.decimal("trending.upstream-weight", 1.0, 0, 1000),
                s.decimal("trending.recency-weight", 2.0, 0, 1000), ttl);
    }

    double weight(EngagementKind kind) {
        return weights.get(kind);
    }

    /** The text of /help trending: the formula with the configured numbers, so it never goes stale. */
    public String helpText() {
        return helpText(Messages.of(Messages.ENGLISH));
    }

    /** The same in the language of {@code m}, numbers written its way. */
    public String helpText(Messages m) {
        return m.get("help.trending", "vote", weight(EngagementKind.VOTE), "save", weight(EngagementKind.SAVE),
                "click", weight(EngagementKind.CLICK), "expand", weight(EngagementKind.EXPAND),
                "halfLife", human(halfLife, m), "upstream", upstreamWeight, "recency", recencyWeight,
                "refresh", human(cacheTtl, m));
    }

    /** The largest whole unit of {@code d} ("7 days", "90 seconds"); zero is "call" in English (every call). */
    static String human(Duration d, Messages m) {
        if (d.isZero()) {
            return m.get("help.duration", "unit", "none", "count", 0);
        }
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return m.get("help.duration", "unit", "day", "count", d.toDays());
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return m.get("help.duration", "unit", "hour", "count", d.toHours());
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return m.get("help.duration", "unit", "minute", "count", d.toMinutes());
        }
        return m.get("help.duration", "unit", "second", "count", d.toSeconds());
    }
}
