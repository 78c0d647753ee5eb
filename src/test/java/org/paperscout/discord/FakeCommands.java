package org.paperscout.discord;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;
import org.paperscout.commands.Action;
import org.paperscout.commands.Attachment;
import org.paperscout.commands.Choice;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.Commands;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.MessageAction;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.OptionType;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.Reply;
import org.paperscout.commands.UserError;
import org.paperscout.search.Snippet;

/**
 * Small stand-ins for the lead's commands, shaped like the real ones (a results page with paging and per-card
 * buttons, autocomplete, a slow command, a personal command, a Manage Server command), so the adapter is tested
 * through JDA before the search service exists. They record every invocation they get.
 */
final class FakeCommands {

    static final String EVIL_TITLE = "@everyone <@&123> **bold** [x](http://evil) # heading";
    static final int PAGE_SIZE = 5;

    final ConcurrentLinkedQueue<Invocation> invocations = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> messageTexts = new ConcurrentLinkedQueue<>();
    volatile long slowMillis = 4000;
    /** When set, slowsearch holds until the test opens it instead of sleeping: "still running" without a stopwatch. */
    volatile java.util.concurrent.CountDownLatch slowGate;

    static List<Paper> corpus() {
        List<Paper> papers = new ArrayList<>();
        papers.add(paper("2305.00118", EVIL_TITLE, "An abstract with @here and <@42> and `code`.", List.of(
                "<@&999> Mallory", "Eve [click](http://evil)")));
        StringBuilder longAbstract = new StringBuilder();
        while (longAbstract.length() < 10_000) {
            longAbstract.append("memorization in diffusion models is studied at length ");
        }
        List<String> authors = IntStream.range(0, 300).mapToObj(i -> "Author Number" + i).toList();
        papers.add(paper("2401.00002", "A paper with a 10,000-character abstract and 300 authors",
                longAbstract.substring(0, 10_000), authors));
        for (int i = 3; i <= 12; i++) {
            papers.add(paper(String.format(Locale.ROOT, "2401.%05d", i), "Diffusion paper " + i,
                    "We study memorization number " + i + ". More text follows here.", List.of("A. Author")));
        }
        return papers;
    }

    static Paper paper(String id, String title, String abstractText, List<String> authors) {
        return new Paper(id, title, abstractText, authors, List.of("cs.LG"), LocalDate.of(2024, 1, 2),
                PaperLinks.forArxivId(id), 3, "seed");
    }

    Commands commands() {
        return commands(org.paperscout.ops.Telemetry.OFF);
    }

    Commands commands(org.paperscout.ops.Telemetry telemetry) {
        return new Commands(List.of(new Search(), new PaperCmd(), new Similar(), new Help(), new Slow(),
                new Following(), new Digest(), new Export()), List.of(new FindSimilar()), telemetry);
    }

    private Reply page(String query, int page) {
        List<Paper> all = corpus();
        int pages = (all.size() + PAGE_SIZE - 1) / PAGE_SIZE;
        List<PaperCard> cards = new ArrayList<>();
        for (int i = page * PAGE_SIZE; i < Math.min(all.size(), (page + 1) * PAGE_SIZE); i++) {
            Paper p = all.get(i);
            Snippet snippet = new Snippet(List.of(new Snippet.Span("We study ", false),
                    new Snippet.Span("memorization", true), new Snippet.Span(" in " + p.title(), false)));
            cards.add(new PaperCard(p, i + 1, snippet, false, List.of(), List.of(
                    Action.of("Save", ComponentId.of("save", p.id())),
                    Action.of("Similar", ComponentId.of("similar", p.id())),
                    Action.of("Expand", ComponentId.of("expand", p.id())))));
        }
        return Reply.builder().title("Results for " + query).cards(cards)
                .footer("Page " + (page + 1) + " of " + pages)
                .row(List.of(Action.of("◀ Previous", ComponentId.of("page", page - 1)).disabledIf(page == 0),
                        Action.of("Next ▶", ComponentId.of("page", page + 1)).disabledIf(page + 1 >= pages)))
                .build();
    }

    private final class Search implements Command {
        @Override
        public CommandSpec spec() {
            return CommandSpec.of("search", "Search papers by title and abstract",
                    OptionSpec.string("query", "What to look for", true).withRange(2L, 200L),
                    OptionSpec.string("since", "Only papers since this date (YYYY-MM-DD)", false),
                    OptionSpec.string("sort", "Order of results", false).withChoices(
                            new Choice("relevance", "relevance"), new Choice("newest", "newest")));
        }

        @Override
        public Reply handle(Invocation inv) {
            invocations.add(inv);
            return page(inv.string("query").orElse(""), 0);
        }

        @Override
        public Set<String> componentVerbs() {
            return Set.of("page", "save", "similar", "expand");
        }

        @Override
        public Reply component(Invocation context, ComponentId id) {
            invocations.add(context);
            Paper p = corpus().stream().filter(x -> x.id().equals(id.arg(0))).findFirst().orElse(null);
            return switch (id.verb()) {
                case "page" -> page("memorization", Integer.parseInt(id.arg(0))).toBuilder().replacesMessage(true)
                        .build();
                case "save" -> Reply.error("Saved " + p.title() + " to your library.");
                case "expand" -> Reply.builder().card(new PaperCard(p, 0, Snippet.EMPTY, true, List.of(), List.of()))
                        .build();
                default -> Reply.text("Similar to " + p.title());
            };
        }
    }

    private final class PaperCmd implements Command {
        @Override
        public CommandSpec spec() {
            return CommandSpec.of("paper", "Show one paper",
                    OptionSpec.string("paper", "arXiv id or title", true).withAutocomplete());
        }

        @Override
        public Reply handle(Invocation inv) {
            invocations.add(inv);
            String wanted = inv.string("paper").orElse("");
            return corpus().stream().filter(p -> p.id().equals(wanted) || p.title().equals(wanted)).findFirst()
                    .map(p -> Reply.builder().card(new PaperCard(p, 0, Snippet.EMPTY, true, List.of(
                            "you asked for it"), List.of(Action.of("Save", ComponentId.of("save", p.id())))))
                            .build())
                    .orElseThrow(() -> new UserError("No paper " + wanted + ". Try /search " + wanted + "."));
        }

        @Override
        public List<Choice> autocomplete(Invocation inv, String option, String partial) {
            // More and longer choices than Discord allows: the adapter must cut them to 25 of at most 100.
            List<Choice> out = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                out.add(new Choice(partial + " a very long suggested title ".repeat(6) + i, "2401." + (10000 + i)));
            }
            return out;
        }
    }

    private final class Similar implements Command {
        @Override
        public CommandSpec spec() {
            return new CommandSpec("similar", "Papers like one you know", List.of(
                    OptionSpec.string("paper", "arXiv id or title", true).withAutocomplete(),
                    new OptionSpec("count", "How many", OptionType.INTEGER, false, false, List.of(), 1L, 10L)),
                    List.of(), false, true);
        }

        @Override
        public Reply handle(Invocation inv) {
            invocations.add(inv);
            if (inv.string("paper").orElse("").equals("missing")) {
                throw new UserError("No paper called missing. Try /search missing.");
            }
            return page("like " + inv.string("paper").orElse(""), 0);
        }

        @Override
        public List<Choice> autocomplete(Invocation inv, String option, String partial) {
            return List.of(new Choice("Diffusion paper 3", "2401.00003"));
        }
    }

    private final class Help implements Command {
        @Override
        public CommandSpec spec() {
            return CommandSpec.of("help", "How to use PaperScout",
                    OptionSpec.string("topic", "A command or topic", false));
        }

        @Override
        public Reply handle(Invocation inv) {
            invocations.add(inv);
            return Reply.builder().title("PaperScout help")
                    .text("/search query — find papers\n/paper id — one paper\n* not a list").build();
        }
    }

    /** A search made slow on purpose: the adapter must acknowledge within 3 s and edit afterwards. */
    private final class Slow implements Command {
        @Override
        public CommandSpec spec() {
            return CommandSpec.of("slowsearch", "A search that takes seconds",
                    OptionSpec.string("query", "What to look for", true));
        }

        @Override
        public Reply handle(Invocation inv) {
            invocations.add(inv);
            try {
                java.util.concurrent.CountDownLatch gate = slowGate;
                if (gate != null) {
                    gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } else {
                    Thread.sleep(slowMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return page(inv.string("query").orElse(""), 0);
        }
    }

    private final class Following implements Command {
        @Override
        public CommandSpec spec() {
            return CommandSpec.of("following", "What you follow");
        }

        @Override
        public Reply handle(Invocation inv) {
            invocations.add(inv);
            return Reply.builder().text("You follow: diffusion").ephemeral(true).build();
        }
    }

    private final class Digest implements Command {
        @Override
        public CommandSpec spec() {
            return CommandSpec.withSubcommands("digest", "Daily digest for a channel",
                    CommandSpec.of("set", "Post a digest every day",
                            new OptionSpec("channel", "Where", OptionType.CHANNEL, true, false, List.of(), null, null),
                            OptionSpec.string("time", "HH:mm", true)),
                    CommandSpec.of("off", "Stop the digest")).requiringManageServer();
        }

        @Override
        public Reply handle(Invocation inv) {
            invocations.add(inv);
            return Reply.text("Digest " + inv.subcommand() + " " + inv.options());
        }
    }

    private final class Export implements Command {
        @Override
        public CommandSpec spec() {
            return CommandSpec.of("export", "Your library as a file").slow();
        }

        @Override
        public Reply handle(Invocation inv) {
            invocations.add(inv);
            return Reply.builder().text("Your library (1 paper).").ephemeral(true).attachment(new Attachment(
                    "library.bib", "application/x-bibtex",
                    "@article{x, title={@everyone}}".getBytes(java.nio.charset.StandardCharsets.UTF_8))).build();
        }
    }

    private final class FindSimilar implements MessageAction {
        @Override
        public String name() {
            return "Find similar papers";
        }

        @Override
        public Reply handle(Invocation context, String messageText) {
            invocations.add(context);
            messageTexts.add(messageText);
            return page("like a message", 0);
        }
    }
}
