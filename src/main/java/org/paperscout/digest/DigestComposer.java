package org.paperscout.digest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.Action;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.PaperCards;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.i18n.Messages;
import org.paperscout.search.Snippet;

/**
 * Turns ranked papers into a digest {@link Reply}. Pure: no clock, no I/O. The footer names the digest's local date
 * in a fixed form ({@link #marker}), which is how a restart recognises a digest it sent but did not get to record.
 */
final class DigestComposer {

    /** Papers in a personal DM digest. */
    public static final int DM_SIZE = 5;
    /** The verb of the footer's "show more" button (handled by {@link DigestCommand}). */
    static final String MORE_VERB = "digest-more";
    /** A card's one-line summary: the abstract's first sentence, trimmed to this. */
    static final int SUMMARY_MAX = 200;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private DigestComposer() {
    }

    /** Text every digest for {@code date} carries in its footer, and nothing else does. */
    public static String marker(LocalDate date) {
        return "PaperScout digest " + date;
    }

    /**
     * A channel's digest.
     *
     * @param late the bot was offline at {@code dueAt}: say so
     */
    public static Reply channel(DigestTarget t, LocalDate date, Instant dueAt, Instant windowFrom,
                                DigestContent.Ranked ranked, boolean late) {
        return channel(Locale.ENGLISH, t, date, dueAt, windowFrom, ranked, late, false);
    }

    /** A channel's daily digest in {@code locale}. */
    public static Reply channel(Locale locale, DigestTarget t, LocalDate date, Instant dueAt, Instant windowFrom,
                                DigestContent.Ranked ranked, boolean late) {
        return channel(locale, t, date, dueAt, windowFrom, ranked, late, false);
    }

    /**
     * A channel's digest in {@code locale} (the server's); the footer keeps the marker as is in every language. A
     * catch-up (the first after a snooze) says how many papers came in while it was snoozed ({@code ranked.total()})
     * and shows the best of them.
     */
    public static Reply channel(Locale locale, DigestTarget t, LocalDate date, Instant dueAt, Instant windowFrom,
                                DigestContent.Ranked ranked, boolean late, boolean catchUp) {
        Messages m = Messages.of(locale);
        String title = catchUp ? m.get("digest.title-catchup", "day", m.day(date))
                : t.topic() == null ? m.get("digest.title", "day", m.day(date))
                : m.get("digest.title-topic", "day", m.day(date), "topic", t.topic());
        if (catchUp && t.topic() != null) {
            title += " · " + t.topic();
        }
        StringBuilder text = new StringBuilder();
        if (late) {
            text.append(m.get("digest.late", "due", Text.timestamp(dueAt))).append("\n\n");
        }
        if (catchUp) {
            text.append(catchUpNote(m, ranked.total())).append("\n\n");
        }
        if (ranked.picks().isEmpty()) {
            text.append(emptyReason(m, windowFrom, dueAt, t.zone(), t.topic()));
            return Reply.builder().title(title).text(text.toString()).footer(marker(date)).locale(locale).build();
        }
        // Says exactly what the content picks from (TrendingService.between): published dates are days, in UTC.
        String from = m.day(LocalDate.ofInstant(windowFrom, ZoneOffset.UTC));
        text.append(t.topic() == null ? m.get("digest.window", "since", Text.timestamp(windowFrom), "day", from)
                : m.get("digest.window-topic", "since", Text.timestamp(windowFrom), "topic", t.topic(), "day", from));
        Reply.Builder b = Reply.builder().title(title).text(text.toString()).cards(cards(m, ranked, 0))
                .locale(locale);
        int more = ranked.total() - ranked.picks().size();
        String footer = marker(date);
        if (more > 0) {
            footer += " · " + m.get("digest.more-matched", "count", more);
            b.row(List.of(Action.of(m.get("digest.show-more", "count", Math.min(more, t.size())),
                    ComponentId.of(MORE_VERB, t.id(), date, ranked.picks().size())).styled(Action.Style.PRIMARY)));
        }
        return b.footer(footer).build();
    }

    /** The next papers of a channel's digest, for whoever clicked "show more" (ephemeral). */
    static Reply more(Locale locale, DigestTarget t, LocalDate date, int offset, DigestContent.Ranked ranked) {
        Messages m = Messages.of(locale);
        if (ranked.picks().isEmpty()) {
            return Reply.error(m.get("digest.more-none", "day", m.day(date)));
        }
        Reply.Builder b = Reply.builder().title(m.get("digest.more-title", "day", m.day(date)))
                .cards(cards(m, ranked, offset)).ephemeral(true);
        int shownSoFar = offset + ranked.picks().size();
        int more = ranked.total() - shownSoFar;
        if (more > 0) {
            b.footer(m.get("digest.more-matched", "count", more));
            b.row(List.of(Action.of(m.get("digest.show-more", "count", Math.min(more, t.size())),
                    ComponentId.of(MORE_VERB, t.id(), date, shownSoFar))));
        }
        return b.build();
    }

    /** A user's personal DM digest. */
    public static Reply personal(LocalDate date, Instant dueAt, DigestContent.Ranked ranked, boolean late) {
        return personal(date, dueAt, ranked, late, -1);
    }

    /**
     * A user's personal DM digest; with {@code away} zero or more it is the catch-up after a snooze and says how many
     * new papers came in meanwhile.
     */
    static Reply personal(LocalDate date, Instant dueAt, DigestContent.Ranked ranked, boolean late, int away) {
        return personal(Locale.ENGLISH, date, dueAt, ranked, late, away);
    }

    /** The same in the user's language ({@code locale}, as /notify daily stored it). */
    static Reply personal(Locale locale, LocalDate date, Instant dueAt, DigestContent.Ranked ranked, boolean late,
                          int away) {
        Messages m = Messages.of(locale);
        StringBuilder text = new StringBuilder();
        if (late) {
            text.append(m.get("digest.late", "due", Text.timestamp(dueAt))).append("\n\n");
        }
        if (away >= 0) {
            text.append(catchUpNote(m, away)).append("\n\n");
        }
        String title = m.get(away >= 0 ? "digest.title-catchup" : "digest.personal-title", "day", m.day(date));
        if (ranked.picks().isEmpty()) {
            text.append(m.get("digest.personal-empty"));
            return Reply.builder().title(title).text(text.toString()).footer(marker(date)).locale(locale).build();
        }
        text.append(m.get(ranked.noteKey() != null ? ranked.noteKey() : "digest.personal-intro"));
        return Reply.builder().title(title).text(text.toString()).cards(cards(m, ranked, 0))
                .footer(marker(date)).locale(locale).build();
    }

    /** The first line of a catch-up digest. */
    static String catchUpNote(Messages m, int papers) {
        return m.get("digest.catchup", "count", papers);
    }

    static String lateNote(Instant dueAt) {
        return "⏰ This digest is late: it was due " + Text.timestamp(dueAt)
                + ", when I was offline. Sorry for the delay.";
    }

    /** Why a digest has nothing: a weekend with no announcements, or nothing matched. */
    static String emptyReason(Instant windowFrom, Instant until, ZoneId zone, String topic) {
        return emptyReason(Messages.of(Locale.ENGLISH), windowFrom, until, zone, topic);
    }

    static String emptyReason(Messages m, Instant windowFrom, Instant until, ZoneId zone, String topic) {
        boolean weekendOnly = true;
        LocalDate from = windowFrom.atZone(zone).toLocalDate();
        LocalDate to = until.atZone(zone).toLocalDate().minusDays(1);
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                weekendOnly = false;
                break;
            }
        }
        if (weekendOnly && !from.isAfter(to)) {
            return m.get("digest.empty-weekend");
        }
        return topic == null ? m.get("digest.empty") : m.get("digest.empty-topic", "topic", topic);
    }

    private static List<PaperCard> cards(Messages m, DigestContent.Ranked ranked, int offset) {
        List<PaperCard> cards = new ArrayList<>();
        int rank = offset;
        for (DigestContent.Pick pick : ranked.picks()) {
            Parts parts = parts(m.locale(), pick.paper());
            cards.add(new PaperCard(pick.paper(), ++rank, parts.summary(), false, pick.reasons(m), parts.actions()));
        }
        return cards;
    }

    /** What a paper's card shows the same in every digest of one language: its summary line and its buttons. */
    private record Parts(Paper paper, Snippet summary, List<Action> actions) {
    }

    private record PartsKey(Locale locale, String paperId) {
    }

    /**
     * Cards' parts per language and paper: 100,000 personal digests show a few thousand papers, and wording each
     * card's seven buttons again (labels, encoded ids) was about 5% of composing a personal digest. Only a memo: a paper whose
     * text changed since gets its parts made again.
     */
    private static final Cache<PartsKey, Parts> PARTS = Caffeine.newBuilder().maximumSize(20_000).build();

    private static Parts parts(Locale locale, Paper paper) {
        PartsKey key = new PartsKey(locale, paper.id());
        Parts p = PARTS.getIfPresent(key);
        if (p == null || (p.paper() != paper && !p.paper().equals(paper))) {
            // The one-line summary as a plain snippet, so the console shows it as Discord does.
            p = new Parts(paper, Snippet.plain(Text.firstSentence(paper.abstractText(), SUMMARY_MAX)),
                    List.copyOf(PaperCards.actions(locale, paper.id(), true)));
            PARTS.put(key, p);
        }
        return p;
    }
}
