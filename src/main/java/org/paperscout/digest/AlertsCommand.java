package org.paperscout.digest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
 * {@code /alerts emerging on|off [channel]} (Manage Server): a channel's weekly emerging-topics alert, delivered by
 * the digest job on Mondays (see {@link EmergingAlerts}).
 */
public final class AlertsCommand implements Command {

    private final DigestStore store;
    private final Publisher publisher;
    private final Clock clock;

    public AlertsCommand(DigestStore store, Publisher publisher, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.withSubcommands("alerts", "Weekly alerts in a channel",
                CommandSpec.of("emerging", "Every Monday, the topics whose share of new papers rose sharply",
                        OptionSpec.string("state", "on or off", true)
                                .withChoices(new Choice("on", "on"), new Choice("off", "off")),
                        OptionSpec.string("channel", "where to post (default: this channel)", false)
                                .ofType(OptionType.CHANNEL)))
                .requiringManageServer();
    }

    @Override
    public Reply handle(Invocation inv) {
        String guild = DigestCommand.guild(inv);
        if (!inv.canManageServer()) {
            throw new UserError("You need the Manage Server permission to use /alerts.");
        }
        if (!"emerging".equals(inv.subcommand())) {
            throw new UserError("Use /alerts emerging state:on channel:#papers, or state:off.");
        }
        String channel = DigestCommand.channelOption(inv, guild);
        String state = inv.string("state").orElse("");
        return switch (state) {
            case "on" -> on(channel, guild);
            case "off" -> off(channel, guild);
            default -> throw new UserError("state is on or off, e.g. /alerts emerging state:on.");
        };
    }

    private Reply on(String channel, String guild) {
        if (!guild.equals(DigestCommand.CONSOLE)) {
            List<String> missing = publisher.missingPermissions(guild, channel);
            if (!missing.isEmpty()) {
                throw new UserError("I can't post alerts in " + Text.channel(channel) + ": I'm missing "
                        + String.join(", ", missing) + ". Give me " + (missing.size() == 1 ? "it" : "them")
                        + " in the channel's permissions and try again.");
            }
        }
        Optional<DigestTarget> existing = store.alert(channel);
        if (existing.isPresent() && !existing.get().guildId().equals(guild)) {
            throw new UserError("That channel isn't in this server.");
        }
        Instant now = clock.instant();
        store.saveAlert(channel, guild, now);
        DigestTarget t = store.alert(channel).orElseThrow();
        return Reply.text("Emerging topics will be posted in " + Text.channel(channel) + " every Monday at 09:00 UTC"
                + ", first " + Text.timestamp(DigestJob.nextRun(t, now).at()) + ": topics whose share of new papers "
                + "rose sharply, with Follow buttons. Weeks with none are skipped. Stop with /alerts emerging "
                + "state:off.");
    }

    private Reply off(String channel, String guild) {
        Optional<DigestTarget> existing = store.alert(channel).filter(t -> t.guildId().equals(guild));
        if (existing.isEmpty()) {
            throw new UserError(Text.channel(channel) + " has no emerging-topics alert. Start one with "
                    + "/alerts emerging state:on.");
        }
        store.removeAlert(channel);
        return Reply.text("Emerging-topic alerts in " + Text.channel(channel) + " are off.");
    }
}
