package org.paperscout.find;

import org.paperscout.commands.Choice;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.PaperCards;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.commands.UserError;
import java.util.List;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.i18n.Messages;
import org.paperscout.search.SearchService;
import org.paperscout.store.EngagementKind;
import org.paperscout.store.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /paper id-or-title}: one paper in full; also answers the Abstract button of every card. Opening a paper
 * counts as a click and expanding an abstract as an expand, once per person, for trending.
 */
public final class PaperCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(PaperCommand.class);

    private final SearchService search;
    private final EventStore events;

    public PaperCommand(SearchService search, EventStore events) {
        this.search = search;
        this.events = events;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("paper", "Show one paper: title, authors, abstract and links",
                OptionSpec.string("paper", "An arXiv id, a link, or the title (start typing to pick)", true)
                        .withAutocomplete().withRange(1L, 300L));
    }

    @Override
    public Reply handle(Invocation inv) {
        Paper paper = find(search, inv.string("paper").orElse(""));
        engaged(inv, paper, EngagementKind.CLICK);
        return Reply.builder().card(PaperCards.full(inv.locale(), paper)).build();
    }

    @Override
    public List<Choice> autocomplete(Invocation inv, String option, String partial) {
        return titleChoices(search, partial);
    }

    @Override
    public Set<String> componentVerbs() {
        return Set.of(PaperCards.EXPAND);
    }

    @Override
    public Reply component(Invocation context, ComponentId id) {
        return search.paper(id.arg(0))
                .map(p -> {
                    engaged(context, p, EngagementKind.EXPAND);
                    return Reply.builder().card(PaperCards.full(context.locale(), p)).ephemeral(true).build();
                })
                .orElseGet(() -> Reply.error(Messages.of(context.locale()).get("paper.gone")));
    }

    /** Trending is a nicety here: failing to count a view must not cost the person their answer. */
    private void engaged(Invocation inv, Paper paper, EngagementKind kind) {
        try {
            events.record(inv.userId(), paper.id(), kind);
        } catch (RuntimeException e) {
            log.warn("could not record {} of {} for trending", kind, paper.id(), e);
        }
    }

    /** Finds a paper or explains what to try instead. */
    static Paper find(SearchService search, String idOrTitle) {
        String wanted = Text.clean(idOrTitle);
        if (wanted.isEmpty()) {
            throw new UserError("Tell me which paper: an arXiv id such as 2406.10209, a link, or its title.");
        }
        return search.paper(wanted).orElseThrow(() -> new UserError("I don't know a paper with the id or title \""
                + Text.truncate(wanted, 100) + "\". Try /search with a few of its words."));
    }

    /** Autocomplete choices: the title shown, the paper id as the value. */
    static List<Choice> titleChoices(SearchService search, String partial) {
        return search.suggestTitles(partial, 25).stream()
                .map(p -> new Choice(Text.truncate(p.title(), 100), p.id()))
                .toList();
    }
}
