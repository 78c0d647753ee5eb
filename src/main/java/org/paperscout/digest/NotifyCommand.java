package org.paperscout.digest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.paperscout.commands.Choice;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.OptionType;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.commands.UserError;

/**
 * {@code /notify daily time timezone}, {@code /notify snooze days}, {@code /notify resume} and {@code /notify off}: the
 * personal digest in the user's DMs.
 */
public final class NotifyCommand implements Command {

    private final DigestStore store;
    private final Clock clock;

    public NotifyCommand(DigestStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.withSubcommands("notify", "Your personal paper digest by DM",
                CommandSpec.of("daily", "Get your recommendations by DM once a day",
                        OptionSpec.string("time", "local time, 24-hour HH:mm, e.g. 08:30", true).withRange(1L, 5L),
                        OptionSpec.string("timezone", "IANA time zone, e.g. Europe/Berlin", true)
                                .withAutocomplete().withRange(1L, 64L)),
                CommandSpec.of("snooze", "No daily DM for a few days, then one catch-up with the best you missed",
                        daysOption()),
                CommandSpec.of("resume", "End a snooze now; the next DM is the catch-up"),
                CommandSpec.of("off", "Stop the daily DM"));
    }

    /** The days of a snooze, shared with /digest snooze. */
    static OptionSpec daysOption() {
        return OptionSpec.string("days", "how many days (1-" + DeliveryPolicy.MAX_SNOOZE_DAYS + ")", true)
                .ofType(OptionType.INTEGER).withRange(1L, (long) DeliveryPolicy.MAX_SNOOZE_DAYS);
    }

    /** The days option, checked: the console and a stale client do not enforce the range. */
    static int snoozeDays(Invocation inv) {
        long days;
        try {
            days = inv.integer("days").orElseThrow(() -> new UserError("Say for how long, e.g. days:7."));
        } catch (NumberFormatException e) {
            days = 0;
        }
        if (days < 1 || days > DeliveryPolicy.MAX_SNOOZE_DAYS) {
            throw new UserError("A snooze lasts 1 to " + DeliveryPolicy.MAX_SNOOZE_DAYS + " days; try days:7.");
        }
        return (int) days;
    }

    @Override
    public List<Choice> autocomplete(Invocation invocation, String option, String partial) {
        return option.equals("timezone") ? TimeInput.zoneChoices(partial) : List.of();
    }

    @Override
    public Reply handle(Invocation inv) {
        String sub = inv.subcommand() == null ? "" : inv.subcommand();
        return switch (sub) {
            case "daily" -> daily(inv);
            case "snooze" -> snooze(inv);
            case "resume" -> resume(inv);
            case "off" -> off(inv);
            default -> throw new UserError("Use /notify daily time:08:30 timezone:Europe/Berlin, /notify snooze "
                    + "days:7, /notify resume or /notify off.");
        };
    }

    private Reply daily(Invocation inv) {
        LocalTime time = TimeInput.time(inv.string("time").orElse(null), "08:30");
        ZoneId zone = TimeInput.zone(inv.string("timezone").orElse(null));
        Optional<DigestTarget> before = store.dm(inv.userId());
        Instant now = clock.instant();
        store.saveDm(inv.userId(), time, zone, now);
        DigestSchedule.Occurrence next = DigestSchedule.next(now, time, zone, DigestDays.EVERY_DAY);
        String paused = before.filter(DigestTarget::isDisabled)
                .map(t -> " It was paused because " + t.disabled() + "; make sure you accept DMs from this "
                        + "server's members (Privacy Settings), or it will pause again.").orElse("");
        return Reply.builder().text("Your daily papers will arrive by DM every day at "
                + String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute()) + " " + zone.getId()
                + ", first " + Text.timestamp(next.at()) + ". They never repeat a paper you were shown." + paused
                + " Stop with /notify off.").ephemeral(true).build();
    }

    private Reply snooze(Invocation inv) {
        int days = snoozeDays(inv);
        DigestTarget t = store.dm(inv.userId()).orElseThrow(() -> new UserError("You have no daily DM to snooze. "
                + "Start one with /notify daily time:08:30 timezone:Europe/Berlin."));
        Instant now = clock.instant();
        Instant until = DeliveryPolicy.snoozeEnd(t, now, days);
        store.snooze(DigestTarget.Kind.DM, t.id(), now, until);
        return Reply.builder().text("Your daily DM is snoozed for " + Text.count(days, "day") + ", until "
                + Text.timestamp(until) + ". The first one after is a catch-up with the best papers of your time "
                + "away. End it early with /notify resume.").ephemeral(true).build();
    }

    private Reply resume(Invocation inv) {
        Optional<DigestTarget> t = store.dm(inv.userId());
        if (t.isEmpty()) {
            throw new UserError("You have no daily DM. Start one with /notify daily time:08:30 "
                    + "timezone:Europe/Berlin.");
        }
        Instant now = clock.instant();
        if (!store.resume(DigestTarget.Kind.DM, t.get().id(), now)) {
            throw new UserError("Your daily DM isn't snoozed. Snooze it with /notify snooze days:7.");
        }
        DigestSchedule.Occurrence next = DigestSchedule.next(now, t.get().time(), t.get().zone(), t.get().days());
        return Reply.builder().text("Welcome back! Your catch-up DM arrives " + Text.timestamp(next.at())
                + ", then daily papers again.").ephemeral(true).build();
    }

    private Reply off(Invocation inv) {
        boolean removed = store.removeDm(inv.userId());
        return Reply.builder().text(removed ? "Your daily DM is off. Turn it back on with /notify daily."
                : "You have no daily DM set up. Start one with /notify daily time:08:30 timezone:Europe/Berlin.")
                .ephemeral(true).build();
    }
}
