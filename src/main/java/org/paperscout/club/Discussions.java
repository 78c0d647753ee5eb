package org.paperscout.club;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.PaperCards;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.commands.UserError;

/**
 * One discussion thread per paper and channel: opened on the first "Discuss" (or for a pick's winner), reused after.
 * Opening is serialised here so two quick presses in one process never open two threads; across processes the
 * store keeps the first one recorded.
 */
final class Discussions {

    /** Discord's limit on a channel (thread) name. */
    static final int THREAD_NAME_MAX = 100;
    /** The console's server id, as digests use it: the console's channels are just names. */
    static final String CONSOLE = "console";

    private final ClubStore store;
    private final ClubChannels channels;
    private final Function<String, Optional<Paper>> papers;

    Discussions(ClubStore store, ClubChannels channels, Function<String, Optional<Paper>> papers) {
        this.store = store;
        this.channels = channels;
        this.papers = papers;
    }

    record Thread(String id, boolean created) {
    }

    Optional<Paper> paper(String paperId) {
        return papers.apply(paperId);
    }

    /**
     * The paper's thread in the channel: the stored one, or a new one on {@code messageId} with the paper's card as
     * its first post.
     *
     * @throws UserError saying what is missing when it cannot be opened
     */
    synchronized Thread open(String guildId, String channelId, String messageId, Paper paper, Locale locale) {
        Optional<String> existing = store.thread(guildId, channelId, paper.id());
        if (existing.isPresent()) {
            return new Thread(existing.get(), false);
        }
        // Inside the thread the card needs no Discuss button: the thread is where it would lead.
        PaperCard full = PaperCards.full(locale, paper);
        PaperCard inThread = new PaperCard(paper, 0, full.snippet(), true, List.of(), full.actions().stream()
                .filter(a -> !a.customId().equals(ComponentId.of(PaperCards.DISCUSS, paper.id()).encode())).toList());
        Reply card = Reply.builder().card(inThread).locale(locale).build();
        String id;
        try {
            id = channels.openThread(guildId, channelId, messageId, threadName(paper), card);
        } catch (ClubException e) {
            throw userError(e);
        }
        return new Thread(store.saveThread(guildId, channelId, paper.id(), id), true);
    }

    /** The paper's title as Discord takes a thread name: one line, at most 100 characters; its id if untitled. */
    static String threadName(Paper paper) {
        String title = Text.clean(paper.title());
        return Text.truncate(title.isEmpty() ? paper.id() : title, THREAD_NAME_MAX);
    }

    /** Where a thread is, as a reader can follow it: Discord's link, or in the console the thread's name. */
    static String link(String guildId, String threadId, String threadName) {
        if (CONSOLE.equals(guildId) || !threadId.matches("\\d{1,20}")) {
            return "thread \"" + threadName + "\"";
        }
        return "https://discord.com/channels/" + guildId + "/" + threadId;
    }

    static UserError userError(ClubException e) {
        return switch (e.kind()) {
            case MISSING_PERMISSION -> UserError.keyed("club.error.permission", "permission", e.permission());
            case GONE -> UserError.keyed("club.error.gone");
            case TRANSIENT -> UserError.keyed("club.error.transient");
        };
    }
}
