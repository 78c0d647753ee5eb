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
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.commands.UserError;

/** {@code /notify daily time timezone} and {@code /notify off}: the personal digest in the user's DMs. */
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
                CommandSpec.of("off", "Stop the daily DM"));
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
            case "off" -> off(inv);
            default -> throw new UserError("Use /notify daily time:08:30 timezone:Europe/Berlin, or /notify off.");
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

    private Reply off(Invocation inv) {
        boolean removed = store.removeDm(inv.userId());
        return Reply.builder().text(removed ? "Your daily DM is off. Turn it back on with /notify daily."
                : "You have no daily DM set up. Start one with /notify daily time:08:30 timezone:Europe/Berlin.")
                .ephemeral(true).build();
    }
}
