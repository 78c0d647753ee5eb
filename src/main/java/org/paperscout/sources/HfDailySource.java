package org.paperscout.sources;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.paperscout.catalog.HfDailyPapersReader;
import org.paperscout.catalog.PaperSink;
import org.paperscout.catalog.ReadProblem;
import org.paperscout.catalog.ReadResult;
import org.paperscout.commands.Text;

/**
 * Hugging Face daily papers ({@code ?date=YYYY-MM-DD}, UTC dates). The first poll reads the last
 * {@code sources.hf.first-run-days} days; later polls read yesterday and today (a bot that was down reads the
 * days it missed, within the same limit), so the upvotes of papers still being voted on stay current.
 */
final class HfDailySource implements Source {

    static final String NAME = "hf";

    private final SourcesConfig config;
    private final HttpFetcher fetcher;
    private final MergingSink sink;
    private final Clock clock;
    private final HfDailyPapersReader reader = new HfDailyPapersReader();

    HfDailySource(SourcesConfig config, HttpFetcher fetcher, MergingSink sink, Clock clock) {
        this.config = config;
        this.fetcher = fetcher;
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    URI dayUri(LocalDate date) {
        return URI.create(config.hfUrl() + "?date=" + date);
    }

    /** The days one poll reads, oldest first. */
    List<LocalDate> days(SourceState state) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate earliest = today.minusDays(config.hfFirstRunDays() - 1L);
        LocalDate from = state.lastSeenDate() == null ? earliest : state.lastSeenDate().minusDays(1);
        if (from.isBefore(earliest)) {
            from = earliest;
        }
        if (from.isAfter(today)) {
            from = today;
        }
        return from.datesUntil(today.plusDays(1)).toList();
    }

    @Override
    public Outcome poll(SourceState state, Consumer<String> progress) throws IOException, InterruptedException {
        PaperSink.UpsertResult total = new PaperSink.UpsertResult(0, 0, 0);
        List<ReadProblem> problems = new ArrayList<>();
        HttpFetcher.Validators validators = state.validators();
        List<LocalDate> days = days(state);
        boolean allNotModified = true;
        int requests = 0;
        for (LocalDate day : days) {
            URI uri = dayUri(day);
            HttpFetcher.Fetched fetched = fetcher.get(uri, state.validators(), java.time.Duration.ZERO);
            requests++;
            if (fetched.notModified()) {
                continue;
            }
            allNotModified = false;
            // Parsed whole before anything is written: an unreadable day throws here and changes nothing.
            ReadResult result = reader.read("Hugging Face daily papers of " + day, new ByteArrayInputStream(fetched.body()));
            problems.addAll(result.problems());
            total = total.plus(sink.upsert(result.papers()));
            // Validators are kept for the newest day only: it is the one asked again next poll.
            validators = fetched.validators();
            progress.accept(NAME + ": " + day + ", " + Text.count(result.papers().size(), "paper") + ", " + total.added() + " new");
        }
        return new Outcome(new PollResult(NAME, requests, allNotModified, total.added(), total.updated(),
                total.unchanged(), problems.size(), problems),
                new SourceState.Cursor(null, days.get(days.size() - 1), validators));
    }
}
