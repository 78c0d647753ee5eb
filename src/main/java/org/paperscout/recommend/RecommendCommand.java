package org.paperscout.recommend;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
        if (!recommender.hasProfile(user)) {
            return starter(user);
        }
        Recommender.Page page = recommender.recommend(user, again, TrendingCommand.PAGE);
        Tune tune = recommender.tune(user);
        String footer = "Your mix: " + tune.describe() + " (change it with /tune). 👍 and 👎 steer your next /recommend.";
        if (page.items().isEmpty()) {
            String text = page.hiddenSeen() > 0
                    ? "You've seen everything I have for you right now. Type /recommend again to see those papers"
                    + " again, or follow more with /follow topic."
                    : "Nothing new matches what you follow yet. Try a broader topic with /follow topic, or see /trending.";
            return Reply.builder().title("Recommended for you").text(text).footer(footer).ephemeral(true).build();
        }
        List<PaperCard> cards = new ArrayList<>();
        int rank = 1;
        for (Recommendation r : page.items()) {
            cards.add(new PaperCard(r.paper(), rank++, Snippet.EMPTY, false, r.reasons(), buttons(r.paper())));
        }
        String text = page.wholeIndex() ? "Few papers arrived in the last " + Text.count(recommender.config().windowDays(), "day")
                + ", so these come from the whole index." : "";
        return Reply.builder().title("Recommended for you").text(text).cards(cards).footer(footer).ephemeral(true)
                .build();
    }

    private Reply starter(String user) {
        TrendingService.Ranking top = trending.top(TrendingWindow.WEEK, null, TrendingCommand.PAGE);
        Map<String, Paper> papers = new HashMap<>();
        search.papers(top.papers().stream().map(TrendingPaper::paperId).toList()).forEach(p -> papers.put(p.id(), p));
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<PaperCard> cards = new ArrayList<>();
        int rank = 1;
        for (TrendingPaper t : top.papers()) {
            Paper p = papers.get(t.paperId());
            if (p != null) {
                List<String> parts = TrendingService.parts(t, today);
                String why = parts.isEmpty() ? "in the index now; nobody has voted on it yet"
                        : "trending this week: " + String.join(" · ", parts);
                cards.add(new PaperCard(p, rank++, Snippet.EMPTY, false, List.of(why), buttons(p)));
            }
        }
        List<String> suggested = topics.suggest(SUGGESTIONS, List.of());
        List<Action> row = new ArrayList<>();
        for (String topic : suggested) {
            row.add(Action.of("Follow “" + Text.truncate(topic, 60) + "”", ComponentId.of(FOLLOW_TOPIC, topic))
                    .styled(Action.Style.PRIMARY));
        }
        boolean anySignal = top.papers().stream().anyMatch(t -> t.score() > 0);
        StringBuilder text = new StringBuilder(anySignal
                ? "You don't follow anything yet, so here is what's trending this week"
                : "You don't follow anything yet, and nothing has votes or dates to rank by, so here are papers"
                + " from the index");
        if (!suggested.isEmpty()) {
            text.append(", and ").append(suggested.size() == 1 ? "a topic" : suggested.size() + " topics")
                    .append(" from the index to start with: ")
                    .append(String.join(", ", suggested.stream().map(s -> "“" + s + "”").toList()))
                    .append(". Press one to follow it");
        }
        text.append(". Or type /follow topic <words>, e.g. /follow topic machine unlearning.");
        return Reply.builder().title("Welcome! Let's find papers for you").text(text.toString()).cards(cards)
                .row(row).ephemeral(true).build();
    }

    @Override
    public Reply component(Invocation context, ComponentId id) {
        String topic = id.arg(0).strip();
        if (topic.isEmpty() || topic.length() > FollowStore.MAX_LENGTH) {
            throw new UserError("This button has expired. Run /recommend again.");
        }
        search.checkQuery(topic);
        FollowStore.AddResult result = follows.add(context.userId(), FollowKind.TOPIC, topic);
        String text = switch (result.outcome()) {
            case ADDED -> "Following topic “" + topic + "” (" + result.count() + " of " + FollowStore.MAX_FOLLOWS
                    + "). Type /recommend for papers on it.";
            case DUPLICATE -> "You already follow “" + result.follow().text() + "”. Type /recommend for papers on it.";
            case LIMIT_REACHED -> "You already follow " + FollowStore.MAX_FOLLOWS
                    + " things, the limit. Remove one with /unfollow first.";
        };
        return Reply.builder().text(text).ephemeral(true).build();
    }
}
