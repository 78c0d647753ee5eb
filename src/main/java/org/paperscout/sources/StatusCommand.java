package org.paperscout.sources;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Reply;
import org.paperscout.i18n.Messages;

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
        Messages m = Messages.of(invocation.locale());
        StringBuilder text = new StringBuilder();
        text.append(m.get("status.index", "count", indexSize.getAsInt()));
        Instant now = clock.instant();
        for (SourceStatus s : sources.get()) {
            text.append("\n\n").append(m.get("status.source", "name", s.displayName(), "health", health(s, m)));
            if (!s.enabled()) {
                continue;
            }
            // The indent stays in code: a properties file drops a value's leading blanks.
            text.append("\n  ").append(s.lastSuccess() == null ? m.get("status.last-poll-none")
                    : m.get("status.last-poll", "ago", ago(s.lastSuccess(), now, m), "at", UTC.format(s.lastSuccess()),
                            "added", s.lastAdded(), "updated", s.lastUpdated()));
            text.append("\n  ").append(m.get("status.since-start", "added", s.totalAdded(),
                    "updated", s.totalUpdated(), "skipped", s.totalSkipped()));
            text.append("\n  ").append(m.get("status.next-poll", "when", s.nextPoll() == null
                    ? m.get("status.next-unscheduled")
                    : s.nextPoll().isAfter(now) ? m.get("status.next-in", "span", span(Duration.between(now, s.nextPoll()), m))
                    : m.get("status.next-now")));
            if (s.lastError() != null) {
                text.append("\n  ").append(m.get("status.last-error", "error", s.lastError()));
            }
        }
        for (Function<Invocation, String> section : sections) {
            String part = section.apply(invocation);
            if (part != null && !part.isBlank()) {
                text.append("\n\n").append(part);
            }
        }
        return Reply.builder().title(m.get("status.title")).text(text.toString()).build();
    }

    /** "ok" only after a poll has succeeded: a source that never got through is not ok, however young. */
    private static String health(SourceStatus s, Messages m) {
        if (!s.enabled()) {
            return m.get("status.off");
        }
        int failures = s.consecutiveFailures();
        if (s.lastSuccess() == null) {
            if (failures == 0) {
                return m.get("status.not-polled");
            }
            return m.get(s.healthy() ? "status.never-succeeded" : "status.unhealthy-never-succeeded", "count", failures);
        }
        if (!s.healthy()) {
            return m.get("status.unhealthy", "count", failures);
        }
        return m.get(failures > 0 ? "status.ok-latest-failed" : "status.ok");
    }

    private static String ago(Instant then, Instant now, Messages m) {
        Duration d = Duration.between(then, now);
        return d.compareTo(Duration.ofMinutes(1)) < 0 ? m.get("status.just-now") : m.get("status.ago", "span", span(d, m));
    }

    static String span(Duration d, Messages m) {
        long minutes = Math.max(1, (d.toSeconds() + 59) / 60);
        if (minutes < 60) {
            return m.get("status.minutes", "minutes", minutes);
        }
        long hours = d.toHours();
        if (hours < 48) {
            long rest = d.toMinutesPart();
            return rest > 0 ? m.get("status.hours-minutes", "hours", hours, "minutes", rest)
                    : m.get("status.hours", "hours", hours);
        }
        return m.get("status.days", "days", d.toDays());
    }
}
