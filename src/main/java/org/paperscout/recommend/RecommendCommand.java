package org.paperscout.recommend;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.Action;
import org.paperscout.commands.Choice;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.PaperCards;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.commands.UserError;
import org.paperscout.library.SaveCommand;
import org.paperscout.search.SearchService;
import org.paperscout.search.Snippet;
import org.paperscout.follows.FollowKind;
import org.paperscout.follows.FollowStore;
import org.paperscout.i18n.Messages;

/**
 * {@code /recommend [show: new|again]}: the caller's personal page, each card saying why it is there, with
 * save / 👍 / 👎 / not interested buttons (handled by {@link SaveCommand}). Someone who follows nothing gets a
 * starter instead: what is trending plus three suggested topics, each with a follow button handled here.
 */
public final class RecommendCommand implements Command {

    /** Button verb: follow the topic in the first argument. */
    public static final String FOLLOW_TOPIC = "follow-topic";
    static final String SHOW = "show";
    static final int SUGGESTIONS = 3;

    private final Recommender recommender;
    private final TrendingService trending;
    private final TopicSuggester topics;
    private final FollowStore follows;
    private final SearchService search;
    private final Clock clock;

    public RecommendCommand(Recommender recommender, TrendingService trending, TopicSuggester topics,
                            FollowStore follows, SearchService search, Clock clock) {
        this.recommender = recommender;
        this.trending = trending;
        this.topics = topics;
        this.follows = follows;
        this.search = search;
        this.clock = clock;
    }

    /** The buttons of a recommended or trending card: the standard card buttons (the abstract is shown). */
    static List<Action> buttons(Paper paper) {
        return PaperCards.actions(paper.id(), false);
    }

    static List<Action> buttons(Locale locale, Paper paper) {
        return PaperCards.actions(locale, paper.id(), false);
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("recommend", "New papers picked for you from your follows and feedback",
                OptionSpec.string(SHOW, "new (default), or again to include papers you were shown before", false)
                        .withChoices(new Choice("new", "new"), new Choice("again", "again")));
    }

    @Override
    public Set<String> componentVerbs() {
        return Set.of(FOLLOW_TOPIC);
    }

    @Override
    public Reply handle(Invocation inv) {
        String user = inv.userId();
        boolean again = inv.string(SHOW).map(s -> s.strip().equalsIgnoreCase("again")).orElse(false);
        Messages m = Messages.of(inv.locale());
        if (!recommender.hasProfile(user)) {
            return starter(m, user);
        }
        Recommender.Page page = recommender.recommend(user, again, TrendingCommand.PAGE);
        Tune tune = recommender.tune(user);
        String footer = m.get("recommend.footer", "mix", tune.describe());
        if (page.items().isEmpty()) {
            String text = m.get(page.hiddenSeen() > 0 ? "recommend.seen-all" : "recommend.nothing-new");
            return Reply.builder().title(m.get("recommend.title")).text(text).footer(footer).ephemeral(true).build();
        }
        List<PaperCard> cards = new ArrayList<>();
        int rank = 1;
        for (Recommendation r : page.items()) {
            cards.add(new PaperCard(r.paper(), rank++, Snippet.EMPTY, false, r.reasons(m), buttons(m.locale(), r.paper())));
        }
        String text = page.wholeIndex() ? m.get("recommend.whole-index", "days", recommender.config().windowDays()) : "";
        return Reply.builder().title(m.get("recommend.title")).text(text).cards(cards).footer(footer).ephemeral(true)
                .build();
    }

    private Reply starter(Messages m, String user) {
        TrendingService.Ranking top = trending.top(TrendingWindow.WEEK, null, TrendingCommand.PAGE);
        Map<String, Paper> papers = new HashMap<>();
        search.papers(top.papers().stream().map(TrendingPaper::paperId).toList()).forEach(p -> papers.put(p.id(), p));
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<PaperCard> cards = new ArrayList<>();
        int rank = 1;
        for (TrendingPaper t : top.papers()) {
            Paper p = papers.get(t.paperId());
            if (p != null) {
                List<String> parts = TrendingService.parts(t, today, true, m);
                String why = parts.isEmpty() ? m.get("reason.in-index")
                        : m.get("reason.trending", "parts", String.join(" · ", parts));
                cards.add(new PaperCard(p, rank++, Snippet.EMPTY, false, List.of(why), buttons(m.locale(), p)));
            }
        }
        List<String> suggested = topics.suggest(SUGGESTIONS, List.of());
        List<Action> row = new ArrayList<>();
        for (String topic : suggested) {
            row.add(Action.of(m.get("recommend.follow-button", "topic", Text.truncate(topic, 60)),
                            ComponentId.of(FOLLOW_TOPIC, topic))
                    .styled(Action.Style.PRIMARY));
        }
        boolean anySignal = top.papers().stream().anyMatch(t -> t.score() > 0);
        String text = m.get(anySignal ? "recommend.starter-trending" : "recommend.starter-index");
        if (!suggested.isEmpty()) {
            text = m.get("recommend.starter-topics", "start", text, "count", suggested.size(),
                    "topics", String.join(", ", suggested.stream().map(s -> "“" + s + "”").toList()));
        }
        text = m.get("recommend.starter-end", "start", text);
        return Reply.builder().title(m.get("recommend.welcome-title")).text(text).cards(cards)
                .row(row).ephemeral(true).build();
    }

    @Override
    public Reply component(Invocation context, ComponentId id) {
        String topic = id.arg(0).strip();
        if (topic.isEmpty() || topic.length() > FollowStore.MAX_LENGTH) {
            throw UserError.keyed("recommend.expired");
        }
        search.checkQuery(topic);
        FollowStore.AddResult result = follows.add(context.userId(), FollowKind.TOPIC, topic);
        Messages m = Messages.of(context.locale());
        String text = switch (result.outcome()) {
            case ADDED -> m.get("recommend.followed", "topic", topic, "count", result.count(),
                    "max", FollowStore.MAX_FOLLOWS);
            case DUPLICATE -> m.get("recommend.duplicate", "topic", result.follow().text());
            case LIMIT_REACHED -> m.get("recommend.limit", "max", FollowStore.MAX_FOLLOWS);
        };
        return Reply.builder().text(text).ephemeral(true).build();
    }
}
