package org.paperscout.find;

import org.paperscout.commands.Choice;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.MessageAction;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.PaperCards;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperIds;
import org.paperscout.i18n.Messages;
import org.paperscout.search.SearchService;
import org.paperscout.search.Snippet;

/**
 * {@code /similar paper}: more-like-this for a paper; also the Similar button on every card and the
 * "Find similar papers" message action.
 */
public final class SimilarCommand implements Command, MessageAction {

    static final int COUNT = 5;
    static final String MESSAGE_ACTION = "Find similar papers";

    private final SearchService search;

    public SimilarCommand(SearchService search) {
        this.search = search;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("similar", "Papers similar to one you name",
                OptionSpec.string("paper", "An arXiv id, a link, or the title (start typing to pick)", true)
                        .withAutocomplete().withRange(1L, 300L)).slow();
    }

    @Override
    public Reply handle(Invocation inv) {
        return similarTo(Messages.of(inv.locale()), PaperCommand.find(search, inv.string("paper").orElse("")), false);
    }

    @Override
    public List<Choice> autocomplete(Invocation inv, String option, String partial) {
        return PaperCommand.titleChoices(search, partial);
    }

    @Override
    public Set<String> componentVerbs() {
        return Set.of(PaperCards.SIMILAR);
    }

    @Override
    public Reply component(Invocation context, ComponentId id) {
        return search.paper(id.arg(0))
                .map(p -> similarTo(Messages.of(context.locale()), p, true))
                .orElseGet(() -> Reply.error(Messages.of(context.locale()).get("paper.gone")));
    }

    @Override
    public String name() {
        return MESSAGE_ACTION;
    }

    /** More-like-this over a message: the paper it names (arXiv id or link) when we know it, else its words. */
    @Override
    public Reply handle(Invocation context, String messageText) {
        String text = messageText == null ? "" : messageText;
        Optional<Paper> named = PaperIds.findArxivId(text).flatMap(search::paper);
        if (named.isPresent()) {
            return similarTo(Messages.of(context.locale()), named.get(), true);
        }
        String words = Text.clean(text);
        if (words.length() < 3) {
            return Reply.error("That message has no text to compare with papers.");
        }
        List<Paper> papers = search.similarToText(Text.truncate(words, 5_000), null, COUNT);
        if (papers.isEmpty()) {
            return Reply.error("I found no papers like that message.");
        }
        return Reply.builder().title("Papers like this message").cards(cards(context.locale(), papers)).ephemeral(true).build();
    }

    private Reply similarTo(Messages m, Paper paper, boolean ephemeral) {
        List<Paper> papers = search.similar(paper.id(), COUNT);
        if (papers.isEmpty()) {
            return Reply.builder().text(m.get("similar.none", "title", Text.truncate(paper.title(), 200)))
                    .ephemeral(true).build();
        }
        return Reply.builder()
                .title(m.get("similar.title", "title", Text.truncate(paper.title(), 200)))
                .cards(cards(m.locale(), papers))
                .ephemeral(ephemeral)
                .build();
    }

    private static List<PaperCard> cards(java.util.Locale locale, List<Paper> papers) {
        List<PaperCard> cards = new ArrayList<>();
        int rank = 1;
        for (Paper p : papers) {
            cards.add(PaperCards.listed(locale, p, rank++, Snippet.plain(Text.firstSentence(p.abstractText(), 300))));
        }
        return cards;
    }
}
