package org.paperscout.digest;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.i18n.Messages;

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
     * This week's emerging topics, as {@code /trending show: topics} shows them (cards and Follow buttons), in
     * {@code locale} (the channel's server's), for the weekly alert; null when there are none.
     */
    default org.paperscout.commands.Reply emergingTopics(java.util.Locale locale) {
        return null;
    }

    /**
     * A paper with the reasons it is here, worded in the language of the digest that shows it: a channel's digest
     * is in its server's language, a DM in the user's, and a page of picks is shared by channels of every language.
     */
    record Pick(Paper paper, Why why) {
        /** Reasons that read the same in every language (or fixed ones, in tests). */
        public Pick(Paper paper, List<String> reasons) {
            this(paper, fixed(reasons));
        }

        private static Why fixed(List<String> reasons) {
            List<String> copy = List.copyOf(reasons);
            return m -> copy;
        }

        /** The reasons in English. */
        public List<String> reasons() {
            return reasons(Messages.of(Messages.ENGLISH));
        }

        public List<String> reasons(Messages m) {
            return List.copyOf(why.in(m));
        }
    }

    /** A pick's why-lines in the words of {@code m}; the evidence behind them is the same in every language. */
    @FunctionalInterface
    interface Why {
        List<String> in(Messages m);
    }

    /**
     * @param total   how many matched in all (at least {@code picks.size()})
     * @param noteKey the message key of what the picks are when that is not the usual (e.g. "you follow nothing yet,
     *                so these are trending"), said at the top of a personal digest; null for the usual
     */
    record Ranked(List<Pick> picks, int total, String noteKey) {
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
