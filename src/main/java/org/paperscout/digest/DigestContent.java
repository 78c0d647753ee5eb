package org.paperscout.digest;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.paperscout.catalog.Paper;

/**
 * Where a digest's papers come from: {@link TrendingDigestContent} over the recommend feature's trending service and
 * recommender in production, a fake in tests.
 */
public interface DigestContent {

    /**
     * Papers trending in {@code [since, until)}, best first, restricted to {@code topic} when not null.
     *
     * @param offset how many of the best to skip (the "show more" button)
     */
    Ranked trending(Instant since, Instant until, String topic, int offset, int limit);

    /** A user's personal picks (as /recommend), never one of {@code exclude} (what they were already shown). */
    Ranked recommended(String userId, Set<String> exclude, Instant until, int limit);

    /**
     * This week's emerging topics, as {@code /trending show: topics} shows them (cards and Follow buttons), for the
     * weekly alert; null when there are none.
     */
    default org.paperscout.commands.Reply emergingTopics() {
        return null;
    }

    /** A paper with the reasons it is here, in words ("trending: 12 saves this week"). */
    record Pick(Paper paper, List<String> reasons) {
        public Pick {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * @param total how many matched in all (at least {@code picks.size()})
     * @param note  what the picks are when that is not the usual (e.g. "you follow nothing yet, so these are
     *              trending"), said at the top of a personal digest; null for the usual
     */
    record Ranked(List<Pick> picks, int total, String note) {
        public static final Ranked EMPTY = new Ranked(List.of(), 0);

        public Ranked {
            picks = List.copyOf(picks);
            total = Math.max(total, picks.size());
        }

        public Ranked(List<Pick> picks, int total) {
            this(picks, total, null);
        }
    }
}
