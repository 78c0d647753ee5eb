package org.paperscout.digest;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Text;

/** The digest lines of /status: the next digests of the server it is asked in, and the asker's own DM digest. */
public final class DigestOverview {

    /** Channels listed by name; more are counted. */
    static final int LISTED = 5;

    private final DigestStore store;
    private final Clock clock;

    public DigestOverview(DigestStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A few lines for /status (never empty: it says how to start a digest when there is none). */
    public String describe(Invocation inv) {
        Instant now = clock.instant();
        String guild = inv.guildId() != null ? inv.guildId() : inv.channelId() == null ? DigestCommand.CONSOLE : null;
        StringBuilder out = new StringBuilder("Digests:");
        if (guild != null) {
            List<DigestTarget> channels = store.channelsInGuild(guild).stream()
                    .sorted(Comparator.comparing((DigestTarget t) -> DigestJob.nextRun(t, now).at())
                            .thenComparing(DigestTarget::id))
                    .toList();
            if (channels.isEmpty()) {
                out.append("\n  none in ").append(guild.equals(DigestCommand.CONSOLE) ? "the console" : "this server")
                        .append(" (start one with /digest set)");
            }
            for (DigestTarget t : channels.subList(0, Math.min(LISTED, channels.size()))) {
                out.append("\n  ").append(Text.channel(t.id())).append(": ");
                if (t.isDisabled()) {
                    out.append("paused, ").append(t.disabled()).append(" (/digest status)");
                } else if (t.snooze() != null && t.snooze().covers(now)) {
                    out.append(DigestCommand.snoozeLine(t, now)).append(" (/digest resume)");
                } else {
                    out.append("next ").append(Text.timestamp(DigestJob.nextRun(t, now).at()));
                }
            }
            if (channels.size() > LISTED) {
                out.append("\n  and ").append(channels.size() - LISTED).append(" more (/digest status)");
            }
        }
        Optional<DigestTarget> dm = store.dm(inv.userId());
        out.append("\n  Your daily DM: ");
        if (dm.isEmpty()) {
            out.append("off (/notify daily to get one)");
        } else if (dm.get().isDisabled()) {
            out.append("paused, ").append(dm.get().disabled()).append(" (/notify daily to resume)");
        } else if (dm.get().snooze() != null && dm.get().snooze().covers(now)) {
            out.append(DigestCommand.snoozeLine(dm.get(), now)).append(" (/notify resume)");
        } else {
            out.append("next ").append(Text.timestamp(DigestJob.nextRun(dm.get(), now).at()));
        }
        return out.toString();
    }
}
