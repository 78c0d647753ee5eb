package org.paperscout.digest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.paperscout.commands.Choice;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.OptionType;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.commands.UserError;
import org.paperscout.commands.UserInput;
import org.paperscout.i18n.Messages;

/**
 * {@code /digest set|preview|snooze|resume|off|status}: a channel's daily digest (Manage Server), and the digest's "show more"
 * button. In the console (no server, no channel) everything happens in a local channel named {@link #CONSOLE}.
 */
public final class DigestCommand implements Command {

    /** The console's stand-in for a server and a channel. */
    static final String CONSOLE = "console";
    /** A console channel's name; not all digits, so it never looks like a Discord channel id. */
    private static final java.util.regex.Pattern CONSOLE_CHANNEL =
            java.util.regex.Pattern.compile("(?=[a-z0-9_-]*[a-z_-])[a-z0-9_-]{1,32}");
    static final int DEFAULT_SIZE = 5;
    private static final String EXAMPLE = "/digest set channel:#papers time:09:00 timezone:Europe/Berlin";

    private final DigestStore store;
    private final DigestContent content;
    private final Publisher publisher;
    private final Consumer<String> topicCheck;
    private final DigestConfig config;
    private final Clock clock;

    /** @param topicCheck throws a {@link org.paperscout.search.QueryRejected} for a topic that is not a valid search (search::checkQuery) */
    public DigestCommand(DigestStore store, DigestContent content, Publisher publisher, Consumer<String> topicCheck,
                         DigestConfig config, Clock clock) {
        this.store = store;
        this.content = content;
        this.publisher = publisher;
        this.topicCheck = topicCheck;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public CommandSpec spec() {
        OptionSpec channel = OptionSpec.string("channel", "where to post (default: this channel)", false)
                .ofType(OptionType.CHANNEL);
        return CommandSpec.withSubcommands("digest", "A daily digest of papers in a channel",
                CommandSpec.of("set", "Post a daily digest in a channel",
                        OptionSpec.string("channel", "where to post", true).ofType(OptionType.CHANNEL),
                        OptionSpec.string("time", "local time, 24-hour HH:mm, e.g. 09:00", true).withRange(1L, 5L),
                        OptionSpec.string("timezone", "IANA time zone, e.g. Europe/Berlin", true)
                                .withAutocomplete().withRange(1L, 64L),
                        OptionSpec.string("topic", "only papers matching this search", false).withRange(1L, 200L),
                        OptionSpec.string("size", "papers per digest (3-10, default 5)", false)
                                .ofType(OptionType.INTEGER).withRange(3L, 10L),
                        OptionSpec.string("days", "which days (default: every day)", false)
                                .withChoices(new Choice("every day", "every day"), new Choice("weekdays", "weekdays"))),
                CommandSpec.of("preview", "What today's digest would contain (only you see it)", channel),
                CommandSpec.of("snooze", "No digest for a few days, then one catch-up with the best of them",
                        NotifyCommand.daysOption(), channel), // Discord wants required options first
                CommandSpec.of("resume", "End a channel's snooze now; the next digest is the catch-up", channel),
                CommandSpec.of("off", "Stop a channel's digest", channel),
                CommandSpec.of("status", "Every digest in this server: next run, last delivery, problems"))
                .requiringManageServer();
    }

    @Override
    public List<Choice> autocomplete(Invocation invocation, String option, String partial) {
        return option.equals("timezone") ? TimeInput.zoneChoices(partial) : List.of();
    }

    @Override
    public Set<String> componentVerbs() {
        return Set.of(DigestComposer.MORE_VERB);
    }

    @Override
    public Reply handle(Invocation inv) {
        String guild = guild(inv);
        if (!inv.canManageServer()) {
            // Commands checks this already; a spec change or a new front end must not open it up.
            throw UserError.keyed("error.manage-server", "command", "digest");
        }
        String sub = inv.subcommand() == null ? "" : inv.subcommand();
        return switch (sub) {
            case "set" -> set(inv, guild);
            case "preview" -> preview(inv, guild);
            case "snooze" -> snooze(inv, guild);
            case "resume" -> resume(inv, guild);
            case "off" -> off(inv, guild);
            case "status" -> status(inv, guild);
            default -> throw UserError.keyed("digest.which");
        };
    }

    private Reply set(Invocation inv, String guild) {
        String channel = channelOption(inv, guild);
        LocalTime time = TimeInput.time(inv.string("time").orElse(null), "09:00");
        ZoneId zone = TimeInput.zone(inv.string("timezone").orElse(null));
        String topic = null;
        if (inv.string("topic").isPresent()) {
            topic = UserInput.require(inv.string("topic").get(), "topic", 200, "topic:diffusion models");
            topicCheck.accept(topic);
        }
        long size = inv.integer("size").orElse((long) DEFAULT_SIZE);
        if (size < 3 || size > 10) {
            throw UserError.keyed("digest.bad-size");
        }
        // MONDAYS is the alerts' cadence only; a digest runs every day or on weekdays.
        DigestDays days = inv.string("days").map(d -> DigestDays.parse(d).filter(x -> x != DigestDays.MONDAYS)
                .orElseThrow(() -> UserError.keyed("digest.bad-days"))).orElse(DigestDays.EVERY_DAY);
        if (!guild.equals(CONSOLE)) {
            List<String> missing = publisher.missingPermissions(guild, channel);
            if (!missing.isEmpty()) {
                // Permission names are Discord's, as its settings show them to an English admin; they stay.
                throw UserError.keyed("digest.missing-permissions", "channel", Text.channel(channel),
                        "permissions", String.join(", ", missing), "count", missing.size());
            }
            Optional<DigestTarget> existing = store.channel(channel);
            if (existing.isPresent() && !existing.get().guildId().equals(guild)) {
                throw UserError.keyed("digest.other-server");
            }
        }
        Instant now = clock.instant();
        DigestTarget t = new DigestTarget(DigestTarget.Kind.CHANNEL, channel, guild, time, zone, days, topic,
                (int) size, config.skipEmpty(), now, null, inv.userId(), false);
        store.saveChannel(t);
        DigestSchedule.Occurrence next = DigestSchedule.next(now, time, zone, days);
        Messages m = Messages.of(inv.locale());
        return Reply.builder().text(m.get(guild.equals(CONSOLE) ? "digest.set-console" : "digest.set",
                "channel", Text.channel(channel), "describe", describe(t, m), "first", Text.timestamp(next.at())))
                .build();
    }

    private Reply preview(Invocation inv, String guild) {
        DigestTarget t = ownChannel(inv, guild);
        Instant now = clock.instant();
        DigestSchedule.Occurrence occ = DigestSchedule.next(now, t.time(), t.zone(), t.days());
        Instant from = store.ledger().latestSent(t.key()).map(Delivery::dueAt)
                .orElse(DigestSchedule.previous(occ, t.time(), t.zone(), t.days()).at());
        DigestContent.Ranked ranked = content.trending(from, now, t.topic(), 0, t.size());
        Reply digest = DigestComposer.channel(inv.locale(), t, occ.date(), occ.at(), from, ranked, false);
        // No "show more" button: there is no delivery row behind a preview to page through.
        return new Reply(digest.title(), digest.text(), digest.cards(), List.of(), digest.footer(), true, false, null);
    }

    private Reply snooze(Invocation inv, String guild) {
        int days = NotifyCommand.snoozeDays(inv);
        DigestTarget t = ownChannel(inv, guild);
        Instant now = clock.instant();
        Instant until = DeliveryPolicy.snoozeEnd(t, now, days);
        store.snooze(DigestTarget.Kind.CHANNEL, t.id(), now, until);
        return Reply.text(Messages.of(inv.locale()).get("digest.snoozed", "channel", Text.channel(t.id()),
                "days", days, "until", Text.timestamp(until)));
    }

    private Reply resume(Invocation inv, String guild) {
        DigestTarget t = ownChannel(inv, guild);
        Instant now = clock.instant();
        if (!store.resume(DigestTarget.Kind.CHANNEL, t.id(), now)) {
            throw UserError.keyed("digest.not-snoozed", "channel", Text.channel(t.id()));
        }
        return Reply.text(Messages.of(inv.locale()).get("digest.resumed", "channel", Text.channel(t.id()),
                "at", Text.timestamp(DigestJob.nextRun(t, now).at())));
    }

    /** How a snooze reads in /digest status and /status; empty when there is none. */
    static String snoozeLine(DigestTarget t, Instant now, Messages m) {
        if (t.snooze() == null) {
            return "";
        }
        return t.snooze().over(now) ? m.get("digest.snooze-over")
                : m.get("digest.snoozed-until", "until", Text.timestamp(t.snooze().until()));
    }

    private Reply off(Invocation inv, String guild) {
        DigestTarget t = ownChannel(inv, guild);
        store.removeChannel(t.id());
        return Reply.text(Messages.of(inv.locale()).get("digest.off", "channel", Text.channel(t.id())));
    }

    private Reply status(Invocation inv, String guild) {
        Messages m = Messages.of(inv.locale());
        List<DigestTarget> targets = store.channelsInGuild(guild);
        List<DigestTarget> alerts = store.alertsInGuild(guild);
        if (targets.isEmpty() && alerts.isEmpty()) {
            return Reply.builder().text(m.get("digest.status-none", "example", EXAMPLE)).ephemeral(true).build();
        }
        Instant now = clock.instant();
        StringBuilder out = new StringBuilder();
        for (DigestTarget t : targets) {
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append(Text.channel(t.id())).append(": ").append(describe(t, m)).append('\n');
            if (t.isDisabled()) {
                out.append(m.get("digest.status-paused", "reason", t.disabled())).append('\n');
            }
            if (t.snooze() != null) {
                String line = snoozeLine(t, now, m);
                out.append(m.get("digest.status-snooze", "line",
                        line.substring(0, 1).toUpperCase(m.locale()) + line.substring(1))).append('\n');
            }
            out.append(m.get("digest.status-next", "at", Text.timestamp(nextDigest(t, now))));
            Optional<Delivery> last = store.ledger().latest(t.key());
            out.append('\n').append(m.get("digest.status-last", "last",
                    last.map(d -> lastLine(d, m)).orElse(m.get("digest.last-none"))));
        }
        for (DigestTarget a : alerts) {
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append(m.get("digest.status-alert", "channel", Text.channel(a.id()))).append('\n')
                    .append(m.get("digest.status-next", "at", Text.timestamp(DigestJob.nextRun(a, now).at())))
                    .append('\n').append(m.get("digest.status-last", "last", store.ledger().latest(a.key())
                            .map(d -> lastLine(d, m)).orElse(m.get("digest.last-none"))));
        }
        return Reply.builder().title(m.get("digest.status-title")).text(out.toString()).ephemeral(true).build();
    }

    /** When the next digest goes out: the first one at or after a snooze's end. */
    static Instant nextDigest(DigestTarget t, Instant now) {
        Instant from = t.snooze() != null && t.snooze().covers(now) ? t.snooze().until().minusNanos(1) : now;
        return DigestSchedule.next(from, t.time(), t.zone(), t.days()).at();
    }

    static String lastLine(Delivery d) {
        return lastLine(d, Messages.of(Messages.ENGLISH));
    }

    /** A delivery's state in the caller's words; its note is what the job recorded (English, from the system). */
    static String lastLine(Delivery d, Messages m) {
        String when = Text.timestamp(d.dueAt());
        String late = String.valueOf(d.late());
        return switch (d.state()) {
            case SENT -> d.note() == null ? m.get("digest.last-sent", "count", d.papers(), "when", when, "late", late)
                    : m.get("digest.last-sent-note", "note", d.note().replaceFirst("^nothing new: ", ""), "when", when,
                    "late", late);
            case SKIPPED -> m.get("digest.last-skipped", "when", when, "note", String.valueOf(d.note()));
            case MISSED -> m.get("digest.last-missed", "when", when, "note", String.valueOf(d.note()));
            case FAILED -> m.get("digest.last-failed", "when", when, "note", String.valueOf(d.note()));
            case PENDING -> d.note() == null ? m.get("digest.last-pending", "when", when)
                    : m.get("digest.last-pending-retry", "when", when, "note", d.note());
        };
    }

    @Override
    public Reply component(Invocation context, ComponentId id) {
        String channel = id.arg(0);
        LocalDate date;
        int offset;
        try {
            date = LocalDate.parse(id.arg(1));
            offset = Integer.parseInt(id.arg(2));
        } catch (RuntimeException e) {
            throw UserError.keyed("digest.button-expired");
        }
        DigestTarget t = store.channel(channel).orElseThrow(() ->
                UserError.keyed("digest.more-off"));
        Delivery d = store.ledger().delivery(t.key(), date).orElseThrow(() -> UserError.keyed("digest.too-old"));
        DigestContent.Ranked ranked = content.trending(d.windowFrom(), d.dueAt(), t.topic(), offset, t.size());
        return DigestComposer.more(context.locale(), t, date, offset, ranked);
    }

    /**
     * The channel named, or the one the command was typed in. The console has no channels: any name stands for
     * one ("papers" or "#papers"), and its digests are printed under that name.
     */
    static String channelOption(Invocation inv, String guild) {
        Optional<String> named = inv.string("channel");
        if (!guild.equals(CONSOLE)) {
            return named.orElse(inv.channelId());
        }
        if (named.isEmpty()) {
            return CONSOLE;
        }
        String name = named.get().strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT);
        if (!CONSOLE_CHANNEL.matcher(name).matches()) {
            throw UserError.keyed("digest.console-channel");
        }
        return name;
    }

    private DigestTarget ownChannel(Invocation inv, String guild) {
        String channel = channelOption(inv, guild);
        Optional<DigestTarget> t = store.channel(channel).filter(x -> x.guildId().equals(guild));
        if (t.isPresent()) {
            return t.get();
        }
        List<DigestTarget> here = store.channelsInGuild(guild);
        if (inv.string("channel").isEmpty() && here.size() == 1) {
            return here.get(0);
        }
        throw here.isEmpty() ? UserError.keyed("digest.none-here", "example", EXAMPLE)
                : UserError.keyed("digest.no-digest-in", "channel", Text.channel(channel), "sub", inv.subcommand());
    }

    static String guild(Invocation inv) {
        if (inv.guildId() != null) {
            return inv.guildId();
        }
        if (inv.channelId() == null) {
            return CONSOLE;
        }
        throw UserError.keyed("digest.server-only");
    }

    static String describe(DigestTarget t, Messages m) {
        return m.get(t.topic() == null ? "digest.describe" : "digest.describe-topic",
                "days", t.days() == DigestDays.EVERY_DAY ? "every" : "weekdays", "time", NotifyCommand.hhmm(t.time()),
                "zone", t.zone().getId(), "count", t.size(), "topic", String.valueOf(t.topic()));
    }
}
