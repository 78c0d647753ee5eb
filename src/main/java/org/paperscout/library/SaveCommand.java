package org.paperscout.library;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.Action;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.commands.UserError;
import org.paperscout.commands.UserInput;
import org.paperscout.i18n.Messages;
import org.paperscout.store.FeedbackStore;
import org.paperscout.library.LibraryStore;
import org.paperscout.store.Verdict;

/**
 * {@code /save paper}, and the buttons any paper card may carry: {@code save}, {@code vote-up},
 * {@code vote-down} and {@code not-interested}, each with the paper id as its one argument
 * (e.g. {@code ComponentId.of("save", paper.id())}). Answers are ephemeral: only the clicker sees them.
 */
public final class SaveCommand implements Command {

    /** The verb the lead's {@link org.paperscout.commands.PaperCards} already put on every card. */
    public static final String SAVE = org.paperscout.commands.PaperCards.SAVE;
    public static final String VOTE_UP = org.paperscout.commands.PaperCards.VOTE_UP;
    public static final String VOTE_DOWN = org.paperscout.commands.PaperCards.VOTE_DOWN;
    public static final String NOT_INTERESTED = org.paperscout.commands.PaperCards.NOT_INTERESTED;
    static final String OPTION = "paper";

    private final LibraryStore library;
    private final FeedbackStore feedback;
    private final PaperLookup papers;

    public SaveCommand(LibraryStore library, FeedbackStore feedback, PaperLookup papers) {
        this.library = library;
        this.feedback = feedback;
        this.papers = papers;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("save", "Save a paper to your reading list",
                OptionSpec.string(OPTION, "an arXiv id, link, or exact title", true).withRange(1L, 300L));
    }

    @Override
    public Set<String> componentVerbs() {
        return Set.of(SAVE, VOTE_UP, VOTE_DOWN, NOT_INTERESTED);
    }

    @Override
    public Reply handle(Invocation invocation) {
        String typed = UserInput.require(invocation.string(OPTION).orElse(null), "paper id or title", 300,
                "/save 2305.00118");
        Paper paper = papers.find(typed).orElseThrow(() ->
                UserError.keyed("save.not-found", "typed", Text.truncate(typed, 80)));
        return save(Messages.of(invocation.locale()), invocation.userId(), paper);
    }

    @Override
    public Reply component(Invocation context, ComponentId id) {
        String paperId = id.arg(0);
        if (paperId.isEmpty()) {
            throw UserError.keyed("error.expired");
        }
        Messages m = Messages.of(context.locale());
        if (id.verb().equals(SAVE)) {
            Paper paper = papers.find(paperId).orElseThrow(() -> UserError.keyed("save.gone"));
            return save(m, context.userId(), paper);
        }
        Verdict verdict = switch (id.verb()) {
            case VOTE_UP -> Verdict.UP;
            case VOTE_DOWN -> Verdict.DOWN;
            case NOT_INTERESTED -> Verdict.NOT_INTERESTED;
            default -> throw new IllegalArgumentException(id.verb());
        };
        Optional<Verdict> previous = feedback.set(context.userId(), paperId, verdict);
        String title = papers.find(paperId).map(p -> m.get("library.quoted", "title", Text.truncate(p.title(), 120)))
                .orElseGet(() -> m.get("vote.this-paper"));
        String text = m.get(previous.equals(Optional.of(verdict)) ? "vote.already" : switch (verdict) {
            case UP -> "vote.up";
            case DOWN -> "vote.down";
            case NOT_INTERESTED -> "vote.not-interested";
        }, "paper", title);
        return Reply.builder().text(text).ephemeral(true).build();
    }

    private Reply save(Messages m, String userId, Paper paper) {
        LibraryStore.SaveResult result = library.save(userId, paper);
        String title = Text.truncate(paper.title(), 150);
        String text = switch (result.outcome()) {
            case SAVED -> m.get("save.saved", "title", title, "count", result.count());
            case ALREADY_SAVED -> m.get("save.already", "title", title);
            case FULL -> m.get("save.full", "count", LibraryStore.MAX_SAVED);
        };
        return Reply.builder().text(text).ephemeral(true).build();
    }
}
