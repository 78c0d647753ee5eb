package org.paperscout.sources;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.paperscout.catalog.ArxivAtomReader;
import org.paperscout.catalog.AtomPage;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperSink;
import org.paperscout.catalog.ReadProblem;
import org.paperscout.commands.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arXiv export API: the newest papers in the configured categories, newest first, a page at a time
 * ({@code start} / {@code max_results}), until it reaches what the previous poll saw (its newest id, or a paper
 * submitted before that poll's newest date), the end of the results, or {@code sources.arxiv.max-pages}.
 */
final class ArxivSource implements Source {

    static final String NAME = "arxiv";
    private static final Logger log = LoggerFactory.getLogger(ArxivSource.class);
    /** Papers written to the index at once; large enough for the index's parallel path, small enough for the heap. */
    static final int UPSERT_BATCH = 5_000;

    private final SourcesConfig config;
    private final HttpFetcher fetcher;
    private final MergingSink sink;
    private final ArxivAtomReader reader = new ArxivAtomReader();

    ArxivSource(SourcesConfig config, HttpFetcher fetcher, MergingSink sink) {
        this.config = config;
        this.fetcher = fetcher;
        this.sink = sink;
    }

    @Override
    public String name() {
        return NAME;
    }

    URI pageUri(int start) {
        String query = "search_query=" + URLEncoder.encode(config.arxivQuery(), StandardCharsets.UTF_8)
                + "&sortBy=submittedDate&sortOrder=descending&start=" + start + "&max_results=" + config.arxivPageSize();
        return URI.create(config.arxivUrl() + "?" + query);
    }

    @Override
    public Outcome poll(SourceState state, Consumer<String> progress) throws IOException, InterruptedException {
        PaperSink.UpsertResult total = new PaperSink.UpsertResult(0, 0, 0);
        List<ReadProblem> problems = new ArrayList<>();
        HttpFetcher.Validators validators = state.validators();
        String newestId = null;
        LocalDate newestDate = state.lastSeenDate();
        int requests = 0;
        int read = 0;
        // Whole pages wait here and go to the index together: one commit and refresh per batch rather than per page.
        List<Paper> pending = new ArrayList<>();
        try {
            for (int page = 0, start = 0; page < config.arxivMaxPages(); page++, start += config.arxivPageSize()) {
                URI uri = pageUri(start);
                // Only the first page is asked "changed since?": later pages shift whenever anything new arrives.
                HttpFetcher.Fetched fetched = fetcher.get(uri,
                        page == 0 ? state.validators() : HttpFetcher.Validators.NONE, config.arxivMinInterval());
                requests++;
                if (fetched.notModified()) {
                    return new Outcome(new PollResult(NAME, requests, true, 0, 0, 0, 0, List.of()),
                            new SourceState.Cursor(state.lastSeenId(), state.lastSeenDate(), state.validators()));
                }
                // Parsed whole before anything is written: an unreadable page throws here and changes nothing.
                AtomPage atom = reader.readPage("arXiv page " + (page + 1), new ByteArrayInputStream(fetched.body()));
                if (page == 0) {
                    validators = fetched.validators();
                }
                List<Paper> papers = atom.result().papers();
                problems.addAll(atom.result().problems());
                read += papers.size() + atom.result().problems().size();
                if (papers.isEmpty() && atom.result().problems().isEmpty()) {
                    break;
                }
                if (newestId == null && !papers.isEmpty()) {
                    newestId = papers.get(0).id();
                }
                boolean reachedSeen = false;
                for (Paper p : papers) {
                    if (p.published() != null && (newestDate == null || p.published().isAfter(newestDate))) {
                        newestDate = p.published();
                    }
                    reachedSeen |= p.id().equals(state.lastSeenId()) || (state.lastSeenDate() != null
                            && p.published() != null && p.published().isBefore(state.lastSeenDate()));
                }
                pending.addAll(papers);
                if (pending.size() >= UPSERT_BATCH) {
                    total = total.plus(sink.upsert(pending));
                    pending.clear();
                }
                progress.accept(NAME + ": page " + (page + 1) + ", " + Text.count(read, "entry") + " read");
                int totalResults = atom.totalResults().orElse(Integer.MAX_VALUE);
                if (reachedSeen || start + config.arxivPageSize() >= totalResults) {
                    break;
                }
                if (page + 1 == config.arxivMaxPages() && state.lastSeenId() != null) {
                    log.warn("arXiv: stopped after {} pages (sources.arxiv.max-pages) before reaching the papers of the "
                            + "previous poll; papers in between are not ingested", config.arxivMaxPages());
                }
            }
        } finally {
            // Pages read before a failure are whole and valid: they are kept even when a later page fails.
            if (!pending.isEmpty()) {
                total = total.plus(sink.upsert(pending));
            }
        }
        return new Outcome(new PollResult(NAME, requests, false, total.added(), total.updated(), total.unchanged(),
                problems.size(), problems),
                new SourceState.Cursor(newestId != null ? newestId : state.lastSeenId(), newestDate, validators));
    }
}
