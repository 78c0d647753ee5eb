package org.paperscout.club;

import java.time.Instant;
import java.util.List;

/**
 * One /club pick poll.
 *
 * @param candidates paper ids in poll-answer order
 * @param closedAt   when its result was taken (null while it runs)
 * @param winner     the chosen paper's id, null while it runs or when nobody voted
 * @param threadId   the winner's discussion thread, null when none could be opened
 */
record Pick(String messageId, String guildId, String channelId, List<String> candidates, Instant startedAt,
            Instant endsAt, Instant closedAt, String winner, String threadId) {

    Pick {
        candidates = List.copyOf(candidates);
    }
}
