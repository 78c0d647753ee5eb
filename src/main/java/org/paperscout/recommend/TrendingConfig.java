package org.paperscout.recommend;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.paperscout.commands.Text;
import org.paperscout.config.Settings;
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
        return "How /trending ranks papers (window: day, week or month; optional topic to narrow it):\n"
                + "score = engagement here + upstream votes + newness\n"
                + "• engagement: each 👍 counts " + num(weight(EngagementKind.VOTE)) + ", each save "
                + num(weight(EngagementKind.SAVE)) + ", each opened link " + num(weight(EngagementKind.CLICK))
                + ", each expanded abstract " + num(weight(EngagementKind.EXPAND))
                + "; a person counts once per paper and kind, only events inside the window count, and an event"
                + " counts half after " + human(halfLife) + ", a quarter after twice that.\n"
                + "• upstream: " + num(upstreamWeight) + " × ln(1 + Hugging Face upvotes).\n"
                + "• newness: up to " + num(recencyWeight) + " for a paper published today, falling to 0 at the"
                + " end of the window.\n"
                + "Each card shows its parts. Ties go to the lower paper id. Rankings are refreshed every "
                + human(cacheTtl) + " at most.";
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    static String human(Duration d) {
        if (d.isZero()) {
            return "call";
        }
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return Text.count(d.toDays(), "day");
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return Text.count(d.toHours(), "hour");
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return Text.count(d.toMinutes(), "minute");
        }
        return Text.count(d.toSeconds(), "second");
    }
}
