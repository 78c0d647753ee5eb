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
import org.paperscout.commands.Text;
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
        return Reply.builder().ephemeral(true)
                .text("This deletes everything PaperScout stores about you: your follows, reading list, votes, "
                        + "settings and what you were shown. It cannot be undone. (/my-data downloads a copy first.)")
                .row(List.of(
                        Action.of("Delete my data", ComponentId.of(CONFIRM, clock.instant().getEpochSecond()))
                                .styled(Action.Style.DANGER),
                        Action.of("Cancel", ComponentId.of(CANCEL))))
                .build();
    }

    @Override
    public Reply component(Invocation context, ComponentId id) {
        if (id.verb().equals(CANCEL)) {
            return done("Cancelled. Nothing was deleted.");
        }
        long issued;
        try {
            issued = Long.parseLong(id.arg(0));
        } catch (NumberFormatException e) {
            issued = Long.MIN_VALUE;
        }
        long age = clock.instant().getEpochSecond() - issued;
        if (age < 0 || age > CONFIRMATION_VALID.toSeconds()) {
            return done("This confirmation has expired, so nothing was deleted. Run /forget-me again.");
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
            return done("I deleted everything stored about you in the database, but could not delete your exported "
                    + "files. The bot's operator can see why in the log; run /forget-me again later.");
        }
        int rows = deleted.values().stream().mapToInt(Integer::intValue).sum();
        if (rows == 0 && files == 0) {
            return done("Done. PaperScout had nothing stored about you.");
        }
        String detail = deleted.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        String what = rows == 0 ? "" : Text.count(rows, "record") + ": " + detail;
        if (files > 0) {
            what += (what.isEmpty() ? "" : "; ") + Text.count(files, "export file");
        }
        return done("Done. I deleted everything stored about you (" + what
                + ") and cleared cached answers. If you use PaperScout again, it starts fresh.");
    }

    private static Reply done(String text) {
        return Reply.builder().ephemeral(true).replacesMessage(true).text(text).build();
    }
}
