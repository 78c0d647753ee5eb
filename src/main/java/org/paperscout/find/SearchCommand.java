package org.paperscout.find;

import org.paperscout.commands.Action;
import org.paperscout.commands.Choice;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.OptionType;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.PaperCards;
import org.paperscout.commands.Reply;
import org.paperscout.commands.ResultPages;
import org.paperscout.commands.Text;
import org.paperscout.commands.UserError;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperscout.i18n.Messages;
import org.paperscout.search.SearchHit;
import org.paperscout.search.SearchPage;
import org.paperscout.search.SearchRequest;
import org.paperscout.search.SearchService;
import org.paperscout.search.SortOrder;

/** {@code /search query [since] [sort] [page]}: five results a page with snippets and paging buttons. */
public final class SearchCommand implements Command {

    static final int PAGE_SIZE = 5;
    static final String PAGE = "page";
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,4})\\s*([dwmy])");

    /** What /help search adds: the operators, as search.QueryClauses reads them (a message key). */
    public static final String OPERATORS_KEY = "search.operators";

    private final SearchService search;
    private final ResultPages pages;
    private final Clock clock;

    public SearchCommand(SearchService search, ResultPages pages, Clock clock) {
        this.search = search;
        this.pages = pages;
        this.clock = clock;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("search", "Search papers by title and abstract",
                OptionSpec.string("query", "Words to look for; \"a phrase\", +must, -exclude, a | b for either", true)
                        .withRange(1L, 6000L),
                OptionSpec.string("since", "Only papers since a date (2024-01-31) or a span (30d, 6m, 1y)", false),
                OptionSpec.string("sort", "Order of results", false)
                        .withChoices(new Choice("relevance", "relevance"), new Choice("newest", "newest")),
                new OptionSpec("page", "Page of results to show", OptionType.INTEGER, false, false, List.of(),
                        1L, 200L)).slow();
    }

    @Override
    public Reply handle(Invocation inv) {
        String query = inv.string("query").orElse("");
        LocalDate since = inv.string("since").map(this::parseSince).orElse(null);
        SortOrder sort = inv.string("sort").map(SearchCommand::parseSort).orElse(SortOrder.RELEVANCE);
        int page = (int) Math.max(1, Math.min(200, inv.integer("page").orElse(1L)));
        SearchRequest request = new SearchRequest(query, since, sort, 0, PAGE_SIZE);
        search.checkQuery(query);
        return render(Messages.of(inv.locale()), request, pages.remember(inv.userId(), request), page, false);
    }

    @Override
    public Set<String> componentVerbs() {
        return Set.of(PAGE);
    }

    @Override
    public Reply component(Invocation context, ComponentId id) {
        return pages.recall(id.arg(0))
                .map(request -> render(Messages.of(context.locale()), request, id.arg(0), parsePage(id.arg(1)), true))
                .orElseGet(() -> Reply.error(Messages.of(context.locale()).get("search.expired-page")));
    }

    private Reply render(Messages m, SearchRequest request, String key, int page, boolean replacing) {
        SearchRequest paged = new SearchRequest(request.query(), request.since(), request.sort(),
                (page - 1) * PAGE_SIZE, PAGE_SIZE);
        SearchPage result = search.search(paged);
        String shownQuery = Text.truncate(Text.clean(request.query()), 100);
        if (result.hits().isEmpty()) {
            String text = page > 1 ? m.get("search.no-more", "query", shownQuery)
                    : m.get(request.since() != null ? "search.none-since" : "search.none", "query", shownQuery);
            return Reply.builder().text(text).ephemeral(page == 1 && !replacing).replacesMessage(replacing).build();
        }
        long total = result.totalHits();
        int pagesTotal = (int) Math.min(200, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        List<PaperCard> cards = new ArrayList<>();
        int rank = paged.offset() + 1;
        for (SearchHit hit : result.hits()) {
            cards.add(PaperCards.listed(m.locale(), hit.paper(), rank++, hit.snippet()));
        }
        List<Action> paging = List.of(
                Action.of(m.get("button.previous"), ComponentId.of(PAGE, key, page - 1)).disabledIf(page <= 1),
                Action.of(m.get("button.next"), ComponentId.of(PAGE, key, page + 1)).disabledIf(page >= pagesTotal));
        String footer = m.get(result.totalIsLowerBound() ? "search.footer-more" : "search.footer",
                "page", page, "pages", pagesTotal, "count", total);
        Reply.Builder reply = Reply.builder();
        if (result.likeText()) {
            reply.text(m.get("search.like-text"));
        }
        return reply
                .title(m.get("search.title", "query", shownQuery))
                .cards(cards)
                .row(paging)
                .footer(footer + (request.sort() == SortOrder.NEWEST ? " · " + m.get("search.footer-newest") : ""))
                .replacesMessage(replacing)
                .build();
    }

    private static int parsePage(String s) {
        try {
            return Math.max(1, Math.min(200, Integer.parseInt(s)));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static SortOrder parseSort(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "", "relevance" -> SortOrder.RELEVANCE;
            case "newest", "new", "date" -> SortOrder.NEWEST;
            default -> throw UserError.keyed("search.bad-sort");
        };
    }

    LocalDate parseSince(String s) {
        String v = s.strip().toLowerCase(Locale.ROOT);
        Matcher m = RELATIVE.matcher(v);
        LocalDate today = LocalDate.now(clock);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            return switch (m.group(2)) {
                case "d" -> today.minusDays(n);
                case "w" -> today.minusWeeks(n);
                case "m" -> today.minusMonths(n);
                default -> today.minusYears(n);
            };
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw UserError.keyed("search.bad-since");
        }
    }
}
