package org.paperscout.recommend;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.paperscout.catalog.Paper;
import org.paperscout.charts.ScorePartsChart;
import org.paperscout.commands.Action;
import org.paperscout.commands.Attachment;
import org.paperscout.commands.Choice;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.OptionType;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.commands.UserError;
import org.paperscout.i18n.Messages;
import org.paperscout.search.SearchService;
import org.paperscout.search.Snippet;
import org.paperscout.store.EngagementKind;

/**
 * {@code /trending [window] [topic] [show]}: what the server and upstream engage with, each card showing its parts;
 * {@code show: topics} lists the phrases that are emerging in new papers instead.
 */
public final class TrendingCommand implements Command {

    public static final int PAGE = 5;
    static final String WINDOW = "window";
    static final String TOPIC = "topic";
    static final String SHOW = "show";
    static final String CHART = "chart";
    static final String CHART_FILE = "trending.png";

    private final TrendingService trending;
    private final SearchService search;
    private final Clock clock;
    private final EmergingTopics emerging;

    public TrendingCommand(TrendingService trending, SearchService search, Clock clock, EmergingTopics emerging) {
        this.trending = trending;
        this.search = search;
        this.clock = clock;
        this.emerging = emerging;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("trending", "What people here and upstream are reading, with how each score was made",
                OptionSpec.string(WINDOW, "day, week (default) or month", false).withChoices(
                        new Choice("day", "day"), new Choice("week", "week"), new Choice("month", "month")),
                OptionSpec.string(TOPIC, "only papers matching these words, e.g. diffusion", false)
                        .withRange(1L, 300L),
                OptionSpec.string(SHOW, "papers (default), or topics whose share of new papers rose sharply", false)
                        .withChoices(new Choice("papers", "papers"), new Choice("topics", "topics")),
                OptionSpec.string(CHART, "true adds a chart of what each score is made of", false)
                        .ofType(OptionType.BOOLEAN));
    }

    @Override
    public Reply handle(Invocation inv) {
        Messages m = Messages.of(inv.locale());
        TrendingWindow window = inv.string(WINDOW).map(w -> TrendingWindow.parse(w).orElseThrow(() ->
                UserError.keyed("trending.bad-window"))).orElse(TrendingWindow.WEEK);
        String topic = inv.string(TOPIC).map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
        if (inv.string(SHOW).filter("topics"::equals).isPresent()) {
            if (topic != null) {
                throw UserError.keyed("trending.topics-without-topic");
            }
            return EmergingReply.of(m, emerging.find(window, EmergingReply.TOPICS), window).build();
        }
        if (topic != null) {
            search.checkQuery(topic); // a bad topic is a friendly error even when nothing is trending
        }
        TrendingService.Ranking ranking = trending.top(window, topic, PAGE);
        String when = window.phrase(m);
        String shortTopic = topic == null ? null : Text.truncate(topic, 60);
        String heading = topic == null ? m.get("trending.title", "when", when)
                : m.get("trending.title-topic", "when", when, "topic", shortTopic);
        if (ranking.papers().isEmpty()) {
            String text = topic == null ? m.get("trending.empty-index")
                    : m.get("trending.none-on-topic", "when", when, "topic", shortTopic);
            return Reply.builder().title(heading).text(text).ephemeral(true).build();
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<PaperCard> cards = cards(ranking.papers(), today, m);
        Reply.Builder reply = Reply.builder().title(heading).cards(cards).footer(m.get("trending.footer"));
        if (!ranking.hasEngagement()) {
            boolean anySignal = ranking.papers().stream().anyMatch(p -> p.score() > 0);
            reply.text(m.get(anySignal ? "trending.upstream-only" : "trending.by-id", "when", when));
        }
        if (inv.bool(CHART).orElse(false)) {
            reply.attachment(new Attachment(CHART_FILE, "image/png", chart(ranking.papers(), cards, heading)));
        }
        return reply.build();
    }

    /** The parts of each shown paper's score; engagement is split by kind in proportion to its weighted count. */
    private byte[] chart(List<TrendingPaper> ranked, List<PaperCard> cards, String heading) {
        Map<String, String> titles = new HashMap<>();
        cards.forEach(c -> titles.put(c.paper().id(), c.rank() + ". " + Text.truncate(c.paper().title(), 40)));
        Map<EngagementKind, Double> w = trending.config().weights();
        List<ScorePartsChart.Row> rows = new ArrayList<>();
        for (TrendingPaper t : ranked) {
            String label = titles.get(t.paperId());
            if (label == null) {
                continue;
            }
            double votes = t.votes() * w.getOrDefault(EngagementKind.VOTE, 0.0);
            double saves = t.saves() * w.getOrDefault(EngagementKind.SAVE, 0.0);
            double opens = t.clicks() * w.getOrDefault(EngagementKind.CLICK, 0.0)
                    + t.expands() * w.getOrDefault(EngagementKind.EXPAND, 0.0);
            double weighted = votes + saves + opens;
            double scale = weighted > 0 ? t.engagement() / weighted : 0;
            rows.add(new ScorePartsChart.Row(label, votes * scale, saves * scale, opens * scale, t.upstream(),
                    t.recency()));
        }
        return ScorePartsChart.render(heading, rows);
    }

    private List<PaperCard> cards(List<TrendingPaper> ranked, LocalDate today, Messages m) {
        Map<String, Paper> papers = new HashMap<>();
        search.papers(ranked.stream().map(TrendingPaper::paperId).toList()).forEach(p -> papers.put(p.id(), p));
        List<PaperCard> cards = new ArrayList<>();
        int rank = 1;
        for (TrendingPaper t : ranked) {
            Paper p = papers.get(t.paperId());
            if (p == null) {
                continue;
            }
            List<String> parts = TrendingService.parts(t, today, true, m);
            String reason = parts.isEmpty() ? m.get("trending.no-parts") : String.join(" · ", parts);
            cards.add(new PaperCard(p, rank++, Snippet.EMPTY, false, List.of(reason),
                    RecommendCommand.buttons(m.locale(), p)));
        }
        return cards;
    }
}
