package org.paperscout.privacy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.paperscout.commands.Action;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Reply;
import org.paperscout.i18n.Messages;
import org.paperscout.store.ForgetHook;
import org.paperscout.privacy.PrivacyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /forget-me}: asks for a confirmation button, then deletes every row about the caller in every table
 * (erased from the database files too, see {@link PrivacyStore#forget}), deletes the caller's export files and
 * tells every {@link ForgetHook} (caches) to drop the user. The button carries the time it was issued, so
 * an old confirmation left on screen cannot delete anything later.
 */
public final class ForgetMeCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(ForgetMeCommand.class);
    static final String CONFIRM = "forget-yes";
    static final String CANCEL = "forget-no";
    /** Long enough to read the warning, short enough that a forgotten message goes stale. */
    static final Duration CONFIRMATION_VALID = Duration.ofMinutes(15);

    private final PrivacyStore privacy;
    private final ExportFolder exports;
    private final List<ForgetHook> hooks;
    private final Clock clock;

    public ForgetMeCommand(PrivacyStore privacy, ExportFolder exports, List<ForgetHook> hooks, Clock clock) {
        this.privacy = privacy;
        this.exports = exports;
        this.hooks = List.copyOf(hooks);
        this.clock = clock;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("forget-me", "Delete everything PaperScout stores about you");
    }

    @Override
    public Set<String> componentVerbs() {
        return Set.of(CONFIRM, CANCEL);
    }

    @Override
    public Reply handle(Invocation invocation) {
        Messages m = Messages.of(invocation.locale());
        return Reply.builder().ephemeral(true)
                .text(m.get("forget.confirm"))
                .row(List.of(
                        Action.of(m.get("forget.button-delete"), ComponentId.of(CONFIRM, clock.instant().getEpochSecond()))
                                .styled(Action.Style.DANGER),
                        Action.of(m.get("forget.button-cancel"), ComponentId.of(CANCEL))))
                .build();
    }

    @Override
    public Reply component(Invocation context, ComponentId id) {
        Messages m = Messages.of(context.locale());
        if (id.verb().equals(CANCEL)) {
            return done(m.get("forget.cancelled"));
        }
        long issued;
        try {
            issued = Long.parseLong(id.arg(0));
        } catch (NumberFormatException e) {
            issued = Long.MIN_VALUE;
        }
        long age = clock.instant().getEpochSecond() - issued;
        if (age < 0 || age > CONFIRMATION_VALID.toSeconds()) {
            return done(m.get("forget.expired"));
        }
        Map<String, Integer> deleted = privacy.forget(context.userId());
        for (ForgetHook hook : hooks) {
            try {
                hook.forgetUser(context.userId());
            } catch (RuntimeException e) {
                log.error("a cache failed to forget a user", e);
            }
        }
        // After the caches: a file that cannot be deleted must not leave cached answers behind too.
        int files;
        try {
            files = exports.forget(context.userId());
        } catch (IOException e) {
            log.error("cannot delete the export files of a user in {}", exports.dir(), e);
            return done(m.get("forget.files-failed"));
        }
        int rows = deleted.values().stream().mapToInt(Integer::intValue).sum();
        if (rows == 0 && files == 0) {
            return done(m.get("forget.nothing"));
        }
        // The table names are the database's own, as /my-data's file names them, so they stay as they are.
        String detail = deleted.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        String what = rows == 0 ? "" : m.get("forget.records", "count", rows, "detail", detail);
        if (files > 0) {
            what += (what.isEmpty() ? "" : "; ") + m.get("forget.files", "count", files);
        }
        return done(m.get("forget.done", "what", what));
    }

    private static Reply done(String text) {
        return Reply.builder().ephemeral(true).replacesMessage(true).text(text).build();
    }
}
