package org.paperscout.recommend;

import java.time.Duration;
import java.util.Map;
import org.paperscout.config.Settings;

/**
 * How /recommend ranks.
 *
 * @param window        candidates are papers published this recently (the whole index when the window holds
 *                      fewer than a page, e.g. undated seeds)
 * @param defaultTune   the mix for users who never used /tune
 * @param mmrLambda     maximal marginal relevance: 1 ranks by score only, lower values favour variety
 * @param nearDuplicate two papers at least this similar (cosine of their analysed words) never share a page
 * @param starterTtl    how long the starter's suggested topics are reused before being recomputed
 * @param maxWindowPapers the most papers a window holds (the newest ones win); bounds memory and latency
 */
public record RecommendConfig(Duration window, Tune defaultTune, double mmrLambda, double nearDuplicate,
                              Duration starterTtl, int maxWindowPapers) {

    public static RecommendConfig defaults() {
        return from(Settings.of(Map.of()));
    }

    public static RecommendConfig from(Settings s) {
        Duration window = s.duration("recommend.window", Duration.ofDays(14));
        if (window.toDays() < 1 || window.toDays() > 3650) {
            throw s.invalid("recommend.window", "a number of days from 1d to 3650d, e.g. 14d");
        }
        int trending = s.integer("recommend.default-trending", 15, 0, 100);
        int relevance = s.integer("recommend.default-relevance", 70, 0, 100);
        int recency = s.integer("recommend.default-recency", 15, 0, 100);
        if (trending + relevance + recency == 0) {
            throw s.invalid("recommend.default-relevance", "a mix with at least one default above 0");
        }
        Duration ttl = s.duration("recommend.starter-cache-ttl", Duration.ofHours(1));
        if (ttl.isNegative()) {
            throw s.invalid("recommend.starter-cache-ttl", "a duration such as 1h");
        }
        return new RecommendConfig(window, new Tune(trending, relevance, recency),
                s.decimal("recommend.mmr-lambda", 0.85, 0, 1),
                s.decimal("recommend.near-duplicate", 0.8, 0.05, 1), ttl,
                s.integer("recommend.window-max-papers", 20_000, 10, 1_000_000));
    }

    int windowDays() {
        return (int) window.toDays();
    }
}
