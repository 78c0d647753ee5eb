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
import org.paperscout.i18n.Messages;

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
            throw UserError.keyed("error.manage-server", "command", "alerts");
        }
        if (!"emerging".equals(inv.subcommand())) {
            throw UserError.keyed("alerts.which");
        }
        String channel = DigestCommand.channelOption(inv, guild);
        String state = inv.string("state").orElse("");
        return switch (state) {
            case "on" -> on(channel, guild, Messages.of(inv.locale()));
            case "off" -> off(channel, guild, Messages.of(inv.locale()));
            default -> throw UserError.keyed("alerts.bad-state");
        };
    }

    private Reply on(String channel, String guild, Messages m) {
        if (!guild.equals(DigestCommand.CONSOLE)) {
            List<String> missing = publisher.missingPermissions(guild, channel);
            if (!missing.isEmpty()) {
                throw UserError.keyed("alerts.missing-permissions", "channel", Text.channel(channel),
                        "permissions", String.join(", ", missing), "count", missing.size());
            }
        }
        Optional<DigestTarget> existing = store.alert(channel);
        if (existing.isPresent() && !existing.get().guildId().equals(guild)) {
            throw UserError.keyed("digest.other-server");
        }
        Instant now = clock.instant();
        store.saveAlert(channel, guild, now);
        DigestTarget t = store.alert(channel).orElseThrow();
        return Reply.text(m.get("alerts.on", "channel", Text.channel(channel),
                "first", Text.timestamp(DigestJob.nextRun(t, now).at())));
    }

    private Reply off(String channel, String guild, Messages m) {
        Optional<DigestTarget> existing = store.alert(channel).filter(t -> t.guildId().equals(guild));
        if (existing.isEmpty()) {
            throw UserError.keyed("alerts.none", "channel", Text.channel(channel));
        }
        store.removeAlert(channel);
        return Reply.text(m.get("alerts.off", "channel", Text.channel(channel)));
    }
}
