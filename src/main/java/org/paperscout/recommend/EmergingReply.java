package org.paperscout.recommend;

import java.util.ArrayList;
import java.util.List;
import org.paperscout.catalog.Paper;
import org.paperscout.charts.SparklineChart;
import org.paperscout.commands.Attachment;
import org.paperscout.commands.Action;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.i18n.Messages;
import org.paperscout.search.Snippet;

/**
 * How emerging topics read, on request and in the weekly alert: one card per topic (its most representative
 * paper) saying how much it grew and naming two more papers, a button to follow each topic, and a picture of each
 * topic's papers per window (a sparkline row per topic).
 */
public final class EmergingReply {

    /** At most this many topics: one row of follow buttons and few enough cards for one message. */
    public static final int TOPICS = 5;
    /** The picture's name; the reply's header embed shows it by this name. */
    public static final String SPARKLINES_FILE = "emerging.png";

    private EmergingReply() {
    }

    public static Reply.Builder of(List<EmergingTopics.Topic> topics, TrendingWindow window) {
        return of(Messages.of(Messages.ENGLISH), topics, window);
    }

    /** The reply in the language of {@code m}; the phrases themselves are words from the papers, so they stay. */
    public static Reply.Builder of(Messages m, List<EmergingTopics.Topic> topics, TrendingWindow window) {
        List<EmergingTopics.Topic> shown = topics.subList(0, Math.min(TOPICS, topics.size()));
        return of(m, topics, window, shown.isEmpty() ? null : sparklines(shown));
    }

    /**
     * The reply with a picture drawn before: the weekly alert draws it once for every channel, whatever their
     * language ({@link #sparklines} of the first {@link #TOPICS} topics; null for none).
     */
    public static Reply.Builder of(Messages m, List<EmergingTopics.Topic> topics, TrendingWindow window,
                                   byte[] png) {
        String heading = m.get("emerging.title", "when", window.phrase(m));
        if (topics.isEmpty()) {
            return Reply.builder().title(heading).text(m.get("emerging.none", "when", window.phrase(m)));
        }
        List<PaperCard> cards = new ArrayList<>();
        List<Action> follow = new ArrayList<>();
        int rank = 1;
        for (EmergingTopics.Topic t : topics.subList(0, Math.min(TOPICS, topics.size()))) {
            List<String> reasons = new ArrayList<>();
            reasons.add(m.get("emerging.reason", "phrase", t.phrase(), "growth", growth(t, window, m)));
            List<Paper> more = t.papers().subList(1, t.papers().size());
            if (!more.isEmpty()) {
                reasons.add(m.get("emerging.also", "titles", String.join("; ", more.stream()
                        .map(p -> "“" + Text.truncate(p.title(), 90) + "”").toList())));
            }
            cards.add(new PaperCard(t.papers().get(0), rank++, Snippet.EMPTY, false, reasons, List.of()));
            follow.add(Action.of(m.get("recommend.follow-button", "topic", Text.truncate(t.phrase(), 60)),
                    ComponentId.of(RecommendCommand.FOLLOW_TOPIC, Text.truncate(t.phrase(), 80))));
        }
        Reply.Builder reply = Reply.builder().title(heading).cards(cards).row(follow)
                .footer(m.get("emerging.footer-" + window.word(), "earlier", topics.get(0).earlier()));
        return png == null ? reply : reply.attachment(new Attachment(SPARKLINES_FILE, "image/png", png));
    }

    /**
     * One row per topic, in the cards' order: its papers per window over the windows the detector compared. Drawn
     * from words in the papers and numbers only, so one picture serves every language. Null when a topic carries
     * no counts.
     */
    public static byte[] sparklines(List<EmergingTopics.Topic> topics) {
        List<SparklineChart.Row> rows = new ArrayList<>();
        for (EmergingTopics.Topic t : topics) {
            if (t.series().isEmpty()) {
                return null;
            }
            rows.add(new SparklineChart.Row(t.phrase(), t.series()));
        }
        return rows.isEmpty() ? null : SparklineChart.render(rows);
    }

    /** "7 papers this week, 1 the week before (0.5 a week over the 4 weeks before)". */
    static String growth(EmergingTopics.Topic t, TrendingWindow window) {
        return growth(t, window, Messages.of(Messages.ENGLISH));
    }

    // The rate is rounded here, half up as English always showed it; ICU alone would round half even.
    static String growth(EmergingTopics.Topic t, TrendingWindow window, Messages m) {
        return m.get("emerging.growth-" + window.word(), "count", t.count(), "before", t.before(),
                "rate", java.math.BigDecimal.valueOf(t.perWindow()).setScale(1, java.math.RoundingMode.HALF_UP), "earlier", t.earlier());
    }
}
