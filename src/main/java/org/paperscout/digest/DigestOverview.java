package org.paperscout.digest;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Text;
import org.paperscout.i18n.Messages;

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
        Messages m = Messages.of(inv.locale());
        Instant now = clock.instant();
        String guild = inv.guildId() != null ? inv.guildId() : inv.channelId() == null ? DigestCommand.CONSOLE : null;
        // The indent stays in code: a properties file drops a value's leading blanks.
        StringBuilder out = new StringBuilder(m.get("overview.title"));
        if (guild != null) {
            List<DigestTarget> channels = store.channelsInGuild(guild).stream()
                    .sorted(Comparator.comparing((DigestTarget t) -> DigestJob.nextRun(t, now).at())
                            .thenComparing(DigestTarget::id))
                    .toList();
            if (channels.isEmpty()) {
                out.append("\n  ").append(m.get(guild.equals(DigestCommand.CONSOLE) ? "overview.none-console"
                        : "overview.none-server"));
            }
            for (DigestTarget t : channels.subList(0, Math.min(LISTED, channels.size()))) {
                out.append("\n  ").append(Text.channel(t.id())).append(": ");
                if (t.isDisabled()) {
                    out.append(m.get("overview.paused", "reason", t.disabled()));
                } else if (t.snooze() != null && t.snooze().covers(now)) {
                    out.append(m.get("overview.snoozed", "line", DigestCommand.snoozeLine(t, now, m)));
                } else {
                    out.append(m.get("overview.next", "at", Text.timestamp(DigestJob.nextRun(t, now).at())));
                }
            }
            if (channels.size() > LISTED) {
                out.append("\n  ").append(m.get("overview.more", "count", channels.size() - LISTED));
            }
        }
        Optional<DigestTarget> dm = store.dm(inv.userId());
        String state;
        if (dm.isEmpty()) {
            state = m.get("overview.dm-off");
        } else if (dm.get().isDisabled()) {
            state = m.get("overview.dm-paused", "reason", dm.get().disabled());
        } else if (dm.get().snooze() != null && dm.get().snooze().covers(now)) {
            state = m.get("overview.dm-snoozed", "line", DigestCommand.snoozeLine(dm.get(), now, m));
        } else {
            state = m.get("overview.next", "at", Text.timestamp(DigestJob.nextRun(dm.get(), now).at()));
        }
        out.append("\n  ").append(m.get("overview.dm", "state", state));
        return out.toString();
    }
}
