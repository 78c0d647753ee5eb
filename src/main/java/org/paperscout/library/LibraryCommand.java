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
import org.paperscout.i18n.Messages;
import org.paperscout.library.LibraryStore;
import org.paperscout.library.SavedPaper;

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
            throw UserError.keyed("library.bad-page");
        }
        return page(Messages.of(invocation.locale()), invocation.userId(), (int) Math.min(page, 1000), null).toBuilder().replacesMessage(false).build();
    }

    @Override
    public Reply component(Invocation context, ComponentId id) {
        String userId = context.userId();
        Messages m = Messages.of(context.locale());
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
                    note = m.get("library.gone");
                }
            }
            case REMOVE -> note = m.get(library.remove(userId, id.arg(0)) ? "library.removed" : "library.already-removed");
            default -> { }
        }
        return page(m, userId, Math.max(1, page), note);
    }

    private Reply page(Messages m, String userId, int requested, String note) {
        LibraryStore.Counts counts = library.counts(userId);
        if (counts.total() == 0) {
            return Reply.builder().ephemeral(true).replacesMessage(true).text((note == null ? "" : note + " ")
                    + m.get("library.empty")).build();
        }
        int pages = (counts.total() + PAGE_SIZE - 1) / PAGE_SIZE;
        int page = Math.min(requested, pages);
        List<SavedPaper> items = library.page(userId, (page - 1) * PAGE_SIZE, PAGE_SIZE);
        Reply.Builder reply = Reply.builder().ephemeral(true).replacesMessage(true)
                .title(m.get("library.title", "count", counts.total(), "unread", counts.unread()))
                .text(note == null ? "" : note)
                .footer(m.get("library.footer", "page", page, "pages", pages));
        int rank = (page - 1) * PAGE_SIZE + 1;
        for (SavedPaper s : items) {
            String id = s.paper().id();
            List<Action> actions = new ArrayList<>();
            actions.add(s.isRead()
                    ? Action.of(m.get("button.mark-unread"), ComponentId.of(UNREAD, id, page))
                    : Action.of(m.get("button.mark-read"), ComponentId.of(READ, id, page)).styled(Action.Style.SUCCESS));
            actions.add(Action.of(m.get("button.remove"), ComponentId.of(REMOVE, id, page)).styled(Action.Style.DANGER));
            // The ISO date as a string, not a LocalDate (which Messages would write the local way), keeps the line
            // short and sortable in every language.
            String state = m.get(s.isRead() ? "library.state-read" : "library.state-unread",
                    "date", s.savedAt().atZone(ZoneOffset.UTC).toLocalDate().toString());
            reply.card(new PaperCard(s.paper(), rank++, null, false, List.of(state), actions));
        }
        if (pages > 1) {
            reply.row(List.of(
                    Action.of(m.get("button.previous"), ComponentId.of(PAGE, page - 1)).disabledIf(page <= 1),
                    Action.of(m.get("button.next"), ComponentId.of(PAGE, page + 1)).disabledIf(page >= pages)));
        }
        return reply.build();
    }
}
