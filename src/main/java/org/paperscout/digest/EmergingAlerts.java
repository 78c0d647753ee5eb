package org.paperscout.digest;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.Reply;
import org.paperscout.i18n.Messages;
import org.paperscout.recommend.TrendingWindow;

/**
 * The weekly emerging-topics alert of a channel: a {@link DigestTarget.Kind#EMERGING} target that the digest job
 * delivers like a digest (the same ledger row before sending, the same nonce), on {@link DigestDays#MONDAYS}, so
 * the ledger's one row per (target, date) is one alert per week.
 */
final class EmergingAlerts {

    /** When the alert is due each Monday, in UTC. */
    static final LocalTime TIME = LocalTime.of(9, 0);
    /** Topics per alert, as /trending show: topics shows. */
    static final int TOPICS = 5;
    static final String NOTHING = "no topic grew sharply this week";

    private EmergingAlerts() {
    }

    /**
     * Text every alert for the week of {@code monday} carries, and nothing else does: not a digest's marker, so a
     * restart looking for Monday's digest in the same channel never takes the alert for it, or the other way round.
     */
    static String marker(LocalDate monday) {
        return "PaperScout emerging topics " + monday;
    }

    /**
     * The alert for the week of {@code monday}: the topics reply (already in {@code locale}) with the marker in its
     * footer, and its sparkline picture. The marker stays as is in every language, as a restart looks for it.
     */
    static DigestDeliverer.Composed compose(Reply topics, LocalDate monday, Locale locale) {
        if (topics == null || topics.cards().isEmpty()) {
            Messages m = Messages.of(locale);
            String when = TrendingWindow.WEEK.phrase(m);
            return new DigestDeliverer.Composed(Reply.builder().title(m.get("emerging.title", "when", when))
                    .text(m.get("alerts.none-this-week")).footer(marker(monday)).locale(locale).build(), List.of(),
                    NOTHING);
        }
        String footer = topics.footer() == null ? marker(monday) : topics.footer() + " · " + marker(monday);
        Reply alert = topics.toBuilder().footer(footer).ephemeral(false).replacesMessage(false)
                .locale(locale).build();
        return new DigestDeliverer.Composed(alert, topics.cards().stream().map(PaperCard::paper)
                .map(p -> p.id()).toList(), NOTHING);
    }
}
