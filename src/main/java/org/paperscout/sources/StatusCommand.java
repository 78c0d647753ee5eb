package org.paperscout.sources;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;

/** {@code /status}: how big the index is and how each source is doing. */
public final class StatusCommand implements Command {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final IntSupplier indexSize;
    private final Supplier<List<SourceStatus>> sources;
    private final Clock clock;
    private final List<Function<Invocation, String>> sections;

    /**
     * @param indexSize papers in the index, e.g. {@code searchService::paperCount}
     * @param sources   e.g. {@code poller::statuses}
     */
    public StatusCommand(IntSupplier indexSize, Supplier<List<SourceStatus>> sources, Clock clock) {
        this(indexSize, sources, clock, List.of());
    }

    /**
     * @param sections more parts of the report from other features (e.g. the next digests), each given the
     *                 invocation so it can speak of this server and this user; a null or blank part is left out
     */
    public StatusCommand(IntSupplier indexSize, Supplier<List<SourceStatus>> sources, Clock clock,
                         List<Function<Invocation, String>> sections) {
        this.indexSize = indexSize;
        this.sources = sources;
        this.clock = clock;
        this.sections = List.copyOf(sections);
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("status", "How the bot is doing: index size, paper sources, next digests");
    }

    @Override
    public Reply handle(Invocation invocation) {
        StringBuilder text = new StringBuilder();
        int size = indexSize.getAsInt();
        text.append("Index: ").append(Text.count(size, "paper"));
        Instant now = clock.instant();
        for (SourceStatus s : sources.get()) {
            text.append("\n\n").append(s.displayName()).append(": ").append(health(s));
            if (!s.enabled()) {
                continue;
            }
            text.append("\n  Last successful poll: ");
            if (s.lastSuccess() == null) {
                text.append("none yet");
            } else {
                text.append(ago(s.lastSuccess(), now)).append(" (").append(UTC.format(s.lastSuccess())).append("), ")
                        .append(s.lastAdded()).append(" new, ").append(s.lastUpdated()).append(" updated");
            }
            text.append("\n  Since the start: ").append(String.format(Locale.ROOT, "%,d", s.totalAdded())).append(" added, ")
                    .append(String.format(Locale.ROOT, "%,d", s.totalUpdated())).append(" updated, ")
                    .append(Text.count(s.totalSkipped(), "bad entry")).append(" skipped");
            text.append("\n  Next poll: ").append(s.nextPoll() == null ? "not scheduled in this process"
                    : s.nextPoll().isAfter(now) ? "in " + span(Duration.between(now, s.nextPoll())) : "now");
            if (s.lastError() != null) {
                text.append("\n  Last error: ").append(s.lastError());
            }
        }
        for (Function<Invocation, String> section : sections) {
            String part = section.apply(invocation);
            if (part != null && !part.isBlank()) {
                text.append("\n\n").append(part);
            }
        }
        return Reply.builder().title("PaperScout status").text(text.toString()).build();
    }

    /** "ok" only after a poll has succeeded: a source that never got through is not ok, however young. */
    private static String health(SourceStatus s) {
        if (!s.enabled()) {
            return "off";
        }
        String failures = Text.count(s.consecutiveFailures(), "failed poll");
        if (s.lastSuccess() == null) {
            if (s.consecutiveFailures() == 0) {
                return "not polled yet";
            }
            return (s.healthy() ? "" : "unhealthy, ") + "never succeeded, " + failures + " so far";
        }
        if (!s.healthy()) {
            return "unhealthy, " + failures + " in a row";
        }
        return s.consecutiveFailures() > 0 ? "ok, the latest poll failed" : "ok";
    }

    private static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        return d.compareTo(Duration.ofMinutes(1)) < 0 ? "just now" : span(d) + " ago";
    }

    static String span(Duration d) {
        long minutes = Math.max(1, (d.toSeconds() + 59) / 60);
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = d.toHours();
        if (hours < 48) {
            long rest = d.toMinutesPart();
            return hours + " h" + (rest > 0 ? " " + rest + " min" : "");
        }
        return d.toDays() + " days";
    }
}
