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
            throw new UserError("You need the Manage Server permission to use /digest.");
        }
        String sub = inv.subcommand() == null ? "" : inv.subcommand();
        return switch (sub) {
            case "set" -> set(inv, guild);
            case "preview" -> preview(inv, guild);
            case "snooze" -> snooze(inv, guild);
            case "resume" -> resume(inv, guild);
            case "off" -> off(inv, guild);
            case "status" -> status(guild);
            default -> throw new UserError("Use /digest set, /digest preview, /digest snooze, /digest resume, "
                    + "/digest off or /digest status.");
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
            throw new UserError("A digest shows 3 to 10 papers; try size:5.");
        }
        // MONDAYS is the alerts' cadence only; a digest runs every day or on weekdays.
        DigestDays days = inv.string("days").map(d -> DigestDays.parse(d).filter(x -> x != DigestDays.MONDAYS)
                .orElseThrow(() ->
                new UserError("days can be “every day” or “weekdays”."))).orElse(DigestDays.EVERY_DAY);
        if (!guild.equals(CONSOLE)) {
            List<String> missing = publisher.missingPermissions(guild, channel);
            if (!missing.isEmpty()) {
                throw new UserError("I can't post digests in " + Text.channel(channel) + ": I'm missing "
                        + String.join(", ", missing) + ". Give me " + (missing.size() == 1 ? "it" : "them")
                        + " in the channel's permissions and run /digest set again.");
            }
            Optional<DigestTarget> existing = store.channel(channel);
            if (existing.isPresent() && !existing.get().guildId().equals(guild)) {
                throw new UserError("That channel isn't in this server.");
            }
        }
        Instant now = clock.instant();
        DigestTarget t = new DigestTarget(DigestTarget.Kind.CHANNEL, channel, guild, time, zone, days, topic,
                (int) size, config.skipEmpty(), now, null, inv.userId(), false);
        store.saveChannel(t);
        DigestSchedule.Occurrence next = DigestSchedule.next(now, time, zone, days);
        return Reply.builder().text("Daily digest set for " + Text.channel(channel) + ": " + describe(t)
                + ". The first one arrives " + Text.timestamp(next.at()) + ". Try /digest preview to see what it "
                + "would contain today." + (guild.equals(CONSOLE) ? " The console prints it here while it runs." : ""))
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
        return Reply.text("The digest in " + Text.channel(t.id()) + " is snoozed for " + Text.count(days, "day")
                + ", until " + Text.timestamp(until) + ". The first one after is a catch-up with the best papers of "
                + "the time away. End it early with /digest resume.");
    }

    private Reply resume(Invocation inv, String guild) {
        DigestTarget t = ownChannel(inv, guild);
        Instant now = clock.instant();
        if (!store.resume(DigestTarget.Kind.CHANNEL, t.id(), now)) {
            throw new UserError("The digest in " + Text.channel(t.id()) + " isn't snoozed. Snooze it with "
                    + "/digest snooze days:7.");
        }
        return Reply.text("The digest in " + Text.channel(t.id()) + " is back: a catch-up arrives "
                + Text.timestamp(DigestJob.nextRun(t, now).at()) + ", then daily digests again.");
    }

    /** How a snooze reads in /digest status and /status; empty when there is none. */
    static String snoozeLine(DigestTarget t, Instant now) {
        if (t.snooze() == null) {
            return "";
        }
        return t.snooze().over(now) ? "back from a snooze; the next one is a catch-up"
                : "snoozed until " + Text.timestamp(t.snooze().until());
    }

    private Reply off(Invocation inv, String guild) {
        DigestTarget t = ownChannel(inv, guild);
        store.removeChannel(t.id());
        return Reply.text("The daily digest in " + Text.channel(t.id()) + " is off. Set it up again any time with "
                + "/digest set.");
    }

    private Reply status(String guild) {
        List<DigestTarget> targets = store.channelsInGuild(guild);
        List<DigestTarget> alerts = store.alertsInGuild(guild);
        if (targets.isEmpty() && alerts.isEmpty()) {
            return Reply.builder().text("No digests in this server yet. Start one with " + EXAMPLE + ".")
                    .ephemeral(true).build();
        }
        Instant now = clock.instant();
        StringBuilder out = new StringBuilder();
        for (DigestTarget t : targets) {
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append(Text.channel(t.id())).append(": ").append(describe(t)).append('\n');
            if (t.isDisabled()) {
                out.append("⚠ Paused: ").append(t.disabled()).append(". I try once a day; fix it and run "
                        + "/digest set again to resume at once.\n");
            }
            if (t.snooze() != null) {
                out.append("💤 ").append(Character.toUpperCase(snoozeLine(t, now).charAt(0)))
                        .append(snoozeLine(t, now).substring(1)).append(" (/digest resume ends it early).\n");
            }
            out.append("Next: ").append(Text.timestamp(nextDigest(t, now)));
            Optional<Delivery> last = store.ledger().latest(t.key());
            out.append('\n').append("Last: ").append(last.map(DigestCommand::lastLine).orElse("none yet"));
        }
        for (DigestTarget a : alerts) {
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append(Text.channel(a.id())).append(": emerging topics every Monday at 09:00 UTC (/alerts)\n")
                    .append("Next: ").append(Text.timestamp(DigestJob.nextRun(a, now).at())).append('\n')
                    .append("Last: ").append(store.ledger().latest(a.key()).map(DigestCommand::lastLine)
                            .orElse("none yet"));
        }
        return Reply.builder().title("Digests in this server").text(out.toString()).ephemeral(true).build();
    }

    /** When the next digest goes out: the first one at or after a snooze's end. */
    static Instant nextDigest(DigestTarget t, Instant now) {
        Instant from = t.snooze() != null && t.snooze().covers(now) ? t.snooze().until().minusNanos(1) : now;
        return DigestSchedule.next(from, t.time(), t.zone(), t.days()).at();
    }

    static String lastLine(Delivery d) {
        String when = Text.timestamp(d.dueAt());
        return switch (d.state()) {
            case SENT -> (d.note() != null ? d.note().replaceFirst("^nothing new: ", "a note (") + ")"
                    : Text.count(d.papers(), "paper")) + ", " + when + (d.late() ? ", late" : "");
            case SKIPPED -> "nothing posted " + when + ", " + d.note();
            case MISSED -> "missed " + when + " (" + d.note() + ")";
            case FAILED -> "failed " + when + ": " + d.note();
            case PENDING -> "in progress for " + when + (d.note() == null ? "" : ", retrying after: " + d.note());
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
            throw new UserError("This button has expired.");
        }
        DigestTarget t = store.channel(channel).orElseThrow(() ->
                new UserError("This channel's digest was turned off, so I can't show more of it."));
        Delivery d = store.ledger().delivery(t.key(), date).orElseThrow(() -> new UserError("That digest is too old now."));
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
            throw new UserError("In the console a channel is just a name: letters, digits, - and _, up to 32, "
                    + "not only digits. Try channel: papers.");
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
        throw new UserError(here.isEmpty() ? "No digest is set up in this server. Start one with " + EXAMPLE + "."
                : Text.channel(channel) + " has no digest. Name one with channel:, e.g. /digest "
                + inv.subcommand() + " channel:#papers; /digest status lists them.");
    }

    static String guild(Invocation inv) {
        if (inv.guildId() != null) {
            return inv.guildId();
        }
        if (inv.channelId() == null) {
            return CONSOLE;
        }
        throw new UserError("Digests are set up in a server channel: run /digest there.");
    }

    static String describe(DigestTarget t) {
        String when = (t.days() == DigestDays.EVERY_DAY ? "every day" : "on weekdays") + " at "
                + String.format(Locale.ROOT, "%02d:%02d", t.time().getHour(), t.time().getMinute()) + " "
                + t.zone().getId();
        return when + ", " + Text.count(t.size(), "paper") + (t.topic() == null ? "" : " on “" + t.topic() + "”");
    }
}
