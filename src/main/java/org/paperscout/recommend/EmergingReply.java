package org.paperscout.recommend;

import java.util.ArrayList;
import java.util.List;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.Action;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.search.Snippet;

/**
 * How emerging topics read, on request and in the weekly alert: one card per topic (its most representative
 * paper) saying how much it grew and naming two more papers, and a button to follow each topic.
 */
public final class EmergingReply {

    /** At most this many topics: one row of follow buttons and few enough cards for one message. */
    public static final int TOPICS = 5;

    private EmergingReply() {
    }

    public static Reply.Builder of(List<EmergingTopics.Topic> topics, TrendingWindow window) {
        String heading = "Emerging topics " + window.phrase();
        if (topics.isEmpty()) {
            return Reply.builder().title(heading).text("No topic grew sharply " + window.phrase()
                    + ": a topic shows here when at least 4 new papers name it and that is at least three times its"
                    + " usual share. Try window: month.");
        }
        List<PaperCard> cards = new ArrayList<>();
        List<Action> follow = new ArrayList<>();
        int rank = 1;
        for (EmergingTopics.Topic t : topics.subList(0, Math.min(TOPICS, topics.size()))) {
            List<String> reasons = new ArrayList<>();
            reasons.add("emerging: “" + t.phrase() + "”, " + growth(t, window));
            List<Paper> more = t.papers().subList(1, t.papers().size());
            if (!more.isEmpty()) {
                reasons.add("also: " + String.join("; ", more.stream()
                        .map(p -> "“" + Text.truncate(p.title(), 90) + "”").toList()));
            }
            cards.add(new PaperCard(t.papers().get(0), rank++, Snippet.EMPTY, false, reasons, List.of()));
            follow.add(Action.of("Follow “" + Text.truncate(t.phrase(), 60) + "”",
                    ComponentId.of(RecommendCommand.FOLLOW_TOPIC, Text.truncate(t.phrase(), 80))));
        }
        return Reply.builder().title(heading).cards(cards).row(follow)
                .footer("Phrases whose share of new papers rose at least threefold against the "
                        + Text.count(topics.get(0).earlier(), window.word()) + " before; each card is one of its papers.");
    }

    /** "7 papers this week, 1 the week before (0.5 a week over the 4 weeks before)". */
    static String growth(EmergingTopics.Topic t, TrendingWindow window) {
        String unit = window.word();
        return Text.count(t.count(), "paper") + " " + window.phrase() + ", " + t.before() + " the " + unit
                + " before (" + String.format(java.util.Locale.ROOT, "%.1f", t.perWindow()) + " a " + unit
                + " over the " + Text.count(t.earlier(), unit) + " before)";
    }
}
