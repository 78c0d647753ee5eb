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
import org.paperscout.i18n.Messages;

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
            days = inv.integer("days").orElseThrow(() -> UserError.keyed("snooze.days-missing"));
        } catch (NumberFormatException e) {
            days = 0;
        }
        if (days < 1 || days > DeliveryPolicy.MAX_SNOOZE_DAYS) {
            throw UserError.keyed("snooze.days-range", "max", DeliveryPolicy.MAX_SNOOZE_DAYS);
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
            default -> throw UserError.keyed("notify.which");
        };
    }

    private Reply daily(Invocation inv) {
        LocalTime time = TimeInput.time(inv.string("time").orElse(null), "08:30");
        ZoneId zone = TimeInput.zone(inv.string("timezone").orElse(null));
        Optional<DigestTarget> before = store.dm(inv.userId());
        Instant now = clock.instant();
        // Discord tells the bot a user's language only in an interaction: keep it for the DMs sent later.
        store.saveDm(inv.userId(), time, zone, now, Messages.supported(inv.locale()));
        DigestSchedule.Occurrence next = DigestSchedule.next(now, time, zone, DigestDays.EVERY_DAY);
        Messages m = Messages.of(inv.locale());
        // Why it was paused is stored as the delivery wrote it (English); the rest is in the caller's language.
        String text = before.filter(DigestTarget::isDisabled)
                .map(t -> m.get("notify.daily-was-paused", "time", hhmm(time), "zone", zone.getId(),
                        "first", Text.timestamp(next.at()), "reason", t.disabled()))
                .orElseGet(() -> m.get("notify.daily", "time", hhmm(time), "zone", zone.getId(),
                        "first", Text.timestamp(next.at())));
        return Reply.builder().text(text).ephemeral(true).build();
    }

    static String hhmm(LocalTime time) {
        return String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
    }

    private Reply snooze(Invocation inv) {
        int days = snoozeDays(inv);
        DigestTarget t = store.dm(inv.userId()).orElseThrow(() -> UserError.keyed("notify.nothing-to-snooze"));
        Instant now = clock.instant();
        Instant until = DeliveryPolicy.snoozeEnd(t, now, days);
        store.snooze(DigestTarget.Kind.DM, t.id(), now, until);
        return Reply.builder().text(Messages.of(inv.locale()).get("notify.snoozed", "days", days,
                "until", Text.timestamp(until))).ephemeral(true).build();
    }

    private Reply resume(Invocation inv) {
        Optional<DigestTarget> t = store.dm(inv.userId());
        if (t.isEmpty()) {
            throw UserError.keyed("notify.none");
        }
        Instant now = clock.instant();
        if (!store.resume(DigestTarget.Kind.DM, t.get().id(), now)) {
            throw UserError.keyed("notify.not-snoozed");
        }
        DigestSchedule.Occurrence next = DigestSchedule.next(now, t.get().time(), t.get().zone(), t.get().days());
        return Reply.builder().text(Messages.of(inv.locale()).get("notify.resumed", "at", Text.timestamp(next.at())))
                .ephemeral(true).build();
    }

    private Reply off(Invocation inv) {
        boolean removed = store.removeDm(inv.userId());
        return Reply.builder().text(Messages.of(inv.locale()).get(removed ? "notify.off" : "notify.off-none"))
                .ephemeral(true).build();
    }
}
