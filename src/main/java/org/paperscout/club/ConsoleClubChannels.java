package org.paperscout.club;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.paperscout.commands.Reply;

/**
 * The console's paper club: threads and polls are printed as text (a heading, then the post), nothing is created.
 * Nobody can vote in the console, so its polls end without a winner.
 */
public final class ConsoleClubChannels implements ClubChannels {

    private final BiConsumer<String, Reply> printer;
    /** Ids only have to differ within the store; the console shows threads by name. */
    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis());

    /** @param printer gets a heading ("poll posted to #papers") and the post */
    public ConsoleClubChannels(BiConsumer<String, Reply> printer) {
        this.printer = printer;
    }

    @Override
    public String openThread(String guildId, String channelId, String messageId, String name, Reply firstPost) {
        printer.accept("— thread \"" + name + "\" opened in #" + channelId + " (console: printed, not created) —",
                firstPost);
        return "console-" + ids.incrementAndGet();
    }

    @Override
    public String postPoll(String guildId, String channelId, ClubPoll poll, String nonce) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < poll.answers().size(); i++) {
            list.append(i + 1).append(". ").append(poll.answers().get(i)).append('\n');
        }
        printer.accept("— poll posted to #" + channelId + " (console: printed; nobody can vote here) —",
                Reply.builder().title(poll.question()).text(list.toString().strip())
                        .footer("single choice · open for " + poll.duration().toHours() + " hours").build());
        return "console-" + ids.incrementAndGet();
    }

    /** The console keeps no channel history; a poll printed before a crash is printed again. */
    @Override
    public Optional<String> findPoll(String guildId, String channelId, String nonce, String marker, Instant since) {
        return Optional.empty();
    }

    @Override
    public Optional<List<Integer>> endPoll(String guildId, String channelId, String messageId) {
        return Optional.of(List.of());
    }

    @Override
    public String post(String guildId, String channelId, Reply message) {
        printer.accept("— posted to #" + channelId + " —", message);
        return "console-" + ids.incrementAndGet();
    }

    @Override
    public boolean serves(String guildId) {
        return Discussions.CONSOLE.equals(guildId);
    }
}
