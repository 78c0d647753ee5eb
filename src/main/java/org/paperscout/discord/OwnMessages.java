package org.paperscout.discord;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageHistory;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.utils.TimeUtil;

/**
 * Finds a message this bot posted in a channel after a moment, page by page through the history: how a digest or a
 * weekly pick left pending by a crash learns whether it went out. JDA's exceptions reach the caller, which words them.
 */
final class OwnMessages {

    private static final int PAGE = 100;

    private OwnMessages() {
    }

    /** The id of the first of the bot's own messages after {@code since} that {@code wanted} accepts, in {@code pages}. */
    static Optional<String> find(MessageChannel channel, Instant since, int pages, Predicate<Message> wanted) {
        String selfId = channel.getJDA().getSelfUser().getId();
        String after = Long.toString(TimeUtil.getDiscordTimestamp(since.toEpochMilli()));
        for (int page = 0; page < pages; page++) {
            List<Message> messages = MessageHistory.getHistoryAfter(channel, after).limit(PAGE).complete()
                    .getRetrievedHistory();
            for (Message m : messages) {
                if (m.getAuthor().getId().equals(selfId) && wanted.test(m)) {
                    return Optional.of(m.getId());
                }
            }
            if (messages.size() < PAGE) {
                break;
            }
            after = messages.stream().map(Message::getIdLong).max(Long::compare).map(String::valueOf).orElse(after);
        }
        return Optional.empty();
    }
}
