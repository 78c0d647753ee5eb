package org.paperscout.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.paperscout.catalog.Paper;
import org.paperscout.config.Settings;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.SearchConfig;
import org.paperscout.search.SearchService;
import org.paperscout.store.Database;
import org.paperscout.store.StoreConfig;
import org.paperscout.store.TestClock;

/**
 * One bot's worth of ingestion against a {@link FixtureServer}: a real Lucene index and a real SQLite file in a
 * temporary folder, the real fetcher and sources, a test clock, and a sleeper that records backoff and spacing waits
 * instead of sleeping.
 */
final class Harness implements AutoCloseable {

    static final String ATOM = "application/atom+xml; charset=utf-8";
    static final String JSON = "application/json; charset=utf-8";

    final FixtureServer server;
    final TestClock clock = TestClock.at("2026-11-28T10:00:00Z");
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    /** The fetcher's monotonic time: stands still except when it "sleeps", so waits are exact. */
    final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
    final PaperIndex index;
    final SearchService search;
    final Database db;
    final SourcesConfig config;
    final SourcePoller poller;
    private final ScheduledExecutorService executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1);

    Harness(Path dir, Map<String, String> overrides) throws IOException {
        server = new FixtureServer();
        Map<String, String> values = new HashMap<>();
        values.put("sources.arxiv.url", server.url("/api/query").toString());
        values.put("sources.hf.url", server.url("/api/daily_papers").toString());
        values.put("sources.arxiv.categories", "cs.CL, cs.LG");
        values.put("sources.arxiv.page-size", "2");
        values.put("sources.arxiv.min-interval", "0s");
        values.put("sources.request-timeout", "500ms");
        values.put("sources.retry.max-attempts", "3");
        values.put("sources.max-response-bytes", "65536");
        values.putAll(overrides);
        config = SourcesConfig.from(Settings.of(values));
        index = PaperIndex.open(dir.resolve("index"));
        search = new SearchService(index, SearchConfig.defaults());
        db = Database.open(dir, StoreConfig.defaults(), clock);
        HttpFetcher.Sleeper sleeper = new HttpFetcher.Sleeper() {
            @Override
            public void sleep(Duration duration) {
                sleeps.add(duration);
                nanos.addAndGet(duration.toNanos());
            }

            @Override
            public long nanoTime() {
                return nanos.get();
            }
        };
        HttpFetcher fetcher = new HttpFetcher(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                config, clock, sleeper, () -> 0.5);
        poller = new SourcePoller(config,
                SourcePoller.defaultSources(config, fetcher, new MergingSink(index::upsert), clock),
                new SourceStateStore(db), clock, executor);
    }

    static byte[] fixture(String name) {
        try (InputStream in = Harness.class.getResourceAsStream("/sources/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves the three hand-written Atom pages (5 papers, 2 a page) by {@code start}. */
    void serveArxivPages() {
        server.routes(r -> {
            if (!r.path().equals("/api/query")) {
                return FixtureServer.Response.status(404);
            }
            return switch (r.param("start")) {
                case "0" -> FixtureServer.Response.ok(fixture("arxiv/page1.xml"), ATOM);
                case "2" -> FixtureServer.Response.ok(fixture("arxiv/page2.xml"), ATOM);
                case "4" -> FixtureServer.Response.ok(fixture("arxiv/page3.xml"), ATOM);
                default -> FixtureServer.Response.ok(emptyFeed(), ATOM);
            };
        });
    }

    /** Serves daily papers by date from {@code hf/<date>.json}, an empty list for other days. */
    void serveHfDays(Map<String, String> fileByDate) {
        server.routes(r -> {
            if (!r.path().equals("/api/daily_papers")) {
                return FixtureServer.Response.status(404);
            }
            String file = fileByDate.get(r.param("date"));
            return FixtureServer.Response.ok(file == null ? "[]".getBytes() : fixture("hf/" + file), JSON);
        });
    }

    static byte[] emptyFeed() {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                + "<opensearch:totalResults xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\">5"
                + "</opensearch:totalResults></feed>").getBytes();
    }

    /** Everything in the index, by id: the index is intact when this is unchanged. */
    List<Paper> snapshot() {
        return search.allPapers(10_000);
    }

    List<String> ids() {
        return snapshot().stream().map(Paper::id).toList();
    }

    SourceState state(String source) {
        return new SourceStateStore(db).get(source);
    }

    @Override
    public void close() throws IOException {
        poller.close();
        server.close();
        db.close();
        index.close();
    }
}
