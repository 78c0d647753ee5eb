package org.paperscout.library;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.paperscout.commands.Action;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.OptionType;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.Reply;
import org.paperscout.commands.UserError;
import org.paperscout.library.LibraryStore;
import org.paperscout.library.SavedPaper;
import org.paperscout.commands.Text;

/**
 * {@code /library [page]}: the caller's reading list, unread first, {@link #PAGE_SIZE} a page. Each paper has
 * Mark read / Mark unread and Remove buttons; a click updates the list and redraws the same page in place.
 */
public final class LibraryCommand implements Command {

    /**
     * Four, not five: with one button row per card plus the paging row, a page stays within Discord's limit of
     * five rows of buttons a message.
     */
    public static final int PAGE_SIZE = 4;
    static final String PAGE = "lib-page";
    static final String READ = "lib-read";
    static final String UNREAD = "lib-unread";
    static final String REMOVE = "lib-remove";

    private final LibraryStore library;

    public LibraryCommand(LibraryStore library) {
        this.library = library;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("library", "Your reading list",
                OptionSpec.string("page", "page number", false).ofType(OptionType.INTEGER).withRange(1L, 1000L));
    }

    @Override
    public Set<String> componentVerbs() {
        return Set.of(PAGE, READ, UNREAD, REMOVE);
    }

    @Override
    public Reply handle(Invocation invocation) {
        long page = invocation.integer("page").orElse(1L);
        if (page < 1) {
            throw new UserError("Pages start at 1, e.g. /library page: 2.");
        }
        return page(invocation.userId(), (int) Math.min(page, 1000), null).toBuilder().replacesMessage(false).build();
    }

    @Override
    public Reply component(Invocation context, ComponentId id) {
        String userId = context.userId();
        String note = null;
        int page;
        try {
            page = Integer.parseInt(id.verb().equals(PAGE) ? id.arg(0) : id.arg(1));
        } catch (NumberFormatException e) {
            page = 1;
        }
        switch (id.verb()) {
            case READ, UNREAD -> {
                if (!library.markRead(userId, id.arg(0), id.verb().equals(READ))) {
                    note = "That paper is no longer in your library.";
                }
            }
            case REMOVE -> note = library.remove(userId, id.arg(0))
                    ? "Removed from your library." : "That paper was already removed.";
            default -> { }
        }
        return page(userId, Math.max(1, page), note);
    }

    private Reply page(String userId, int requested, String note) {
        LibraryStore.Counts counts = library.counts(userId);
        if (counts.total() == 0) {
            return Reply.builder().ephemeral(true).replacesMessage(true).text((note == null ? "" : note + " ")
                    + "Your library is empty. Save papers with /save or the Save button on search results.").build();
        }
        int pages = (counts.total() + PAGE_SIZE - 1) / PAGE_SIZE;
        int page = Math.min(requested, pages);
        List<SavedPaper> items = library.page(userId, (page - 1) * PAGE_SIZE, PAGE_SIZE);
        Reply.Builder reply = Reply.builder().ephemeral(true).replacesMessage(true)
                .title("Your library: " + papers(counts.total()) + ", " + counts.unread() + " unread")
                .text(note == null ? "" : note)
                .footer("Page " + page + " of " + pages + " · /export sends it as BibTeX or JSON");
        int rank = (page - 1) * PAGE_SIZE + 1;
        for (SavedPaper s : items) {
            String id = s.paper().id();
            List<Action> actions = new ArrayList<>();
            actions.add(s.isRead()
                    ? Action.of("Mark unread", ComponentId.of(UNREAD, id, page))
                    : Action.of("Mark read", ComponentId.of(READ, id, page)).styled(Action.Style.SUCCESS));
            actions.add(Action.of("Remove", ComponentId.of(REMOVE, id, page)).styled(Action.Style.DANGER));
            String state = (s.isRead() ? "read" : "unread") + " · saved "
                    + s.savedAt().atZone(ZoneOffset.UTC).toLocalDate();
            reply.card(new PaperCard(s.paper(), rank++, null, false, List.of(state), actions));
        }
        if (pages > 1) {
            reply.row(List.of(
                    Action.of("◀ Previous", ComponentId.of(PAGE, page - 1)).disabledIf(page <= 1),
                    Action.of("Next ▶", ComponentId.of(PAGE, page + 1)).disabledIf(page >= pages)));
        }
        return reply.build();
    }

    /** "1 paper", "2 papers". */
    static String papers(int n) {
        return Text.count(n, "paper");
    }
}
