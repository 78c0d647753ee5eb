package org.paperscout.sources;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.paperscout.catalog.ArxivCategories;
import org.paperscout.config.Settings;

/**
 * Live ingestion settings (keys {@code sources.*}, documented in {@code config/paperscout.properties}).
 *
 * @param arxivMinInterval  least time between the starts of two requests to the arXiv host (arXiv asks for 3 s)
 * @param arxivMaxPages     a poll never reads more pages than this, even when it has not reached what it saw last
 * @param hfFirstRunDays    how many days (today included) the first Hugging Face poll reads
 * @param maxAttempts       tries per request (1 = no retry) on 5xx, 429, timeouts and broken connections
 * @param retryBaseDelay    the first retry waits about this long, doubling with each further try (with jitter)
 * @param retryMaxDelay     no single wait between tries is longer; a longer {@code Retry-After} fails the poll
 * @param unhealthyAfter    consecutive failed polls after which a source shows as unhealthy
 * @param failureBackoff    after a failed poll the next one comes this long later, doubling per further failure
 * @param failureBackoffMax ... capped here, so a broken source is still tried now and then, never hammered
 * @param followInterval    with a PostgreSQL store: how often a process applies new rows of the shared papers feed
 *                          to its index and asks whether it should poll (the lead passes on within about this)
 */
public record SourcesConfig(
        boolean arxivEnabled,
        URI arxivUrl,
        List<String> arxivCategories,
        int arxivPageSize,
        int arxivMaxPages,
        Duration arxivMinInterval,
        boolean hfEnabled,
        URI hfUrl,
        int hfFirstRunDays,
        Duration pollInterval,
        Duration connectTimeout,
        Duration requestTimeout,
        long maxResponseBytes,
        int maxAttempts,
        Duration retryBaseDelay,
        Duration retryMaxDelay,
        int unhealthyAfter,
        Duration failureBackoff,
        Duration failureBackoffMax,
        String userAgent,
        Duration followInterval) {

    public static final String DEFAULT_USER_AGENT =
            "PaperScout/0.1 (+https://github.com/paperscout; self-hosted research bot)";
    public static final List<String> DEFAULT_CATEGORIES = List.of("cs.CL", "cs.LG", "cs.AI", "cs.CV", "stat.ML");

    public SourcesConfig {
        arxivCategories = List.copyOf(arxivCategories);
    }

    public static SourcesConfig from(Settings s) {
        List<String> typed = s.list("sources.arxiv.categories", DEFAULT_CATEGORIES);
        String expected = "a comma-separated list of arXiv categories such as cs.CL, stat.ML";
        if (typed.isEmpty()) {
            throw s.invalid("sources.arxiv.categories", expected);
        }
        // An unknown code would be polled forever and never match a paper, so it stops the start instead.
        ArxivCategories known = ArxivCategories.load();
        List<String> categories = new ArrayList<>();
        for (String c : typed) {
            categories.add(known.canonical(c).orElseThrow(() -> s.invalid("sources.arxiv.categories", expected
                    + " (" + c + " is not one; see https://arxiv.org/category_taxonomy)")));
        }
        String agent = s.string("sources.user-agent", DEFAULT_USER_AGENT);
        if (!agent.matches("[\\x20-\\x7E]{1,200}")) {
            throw s.invalid("sources.user-agent", "printable ASCII text of at most 200 characters");
        }
        return new SourcesConfig(
                s.bool("sources.arxiv.enabled", true),
                url(s, "sources.arxiv.url", "https://export.arxiv.org/api/query"),
                categories,
                s.integer("sources.arxiv.page-size", 100, 1, 2000),
                s.integer("sources.arxiv.max-pages", 10, 1, 10_000),
                nonNegative(s, "sources.arxiv.min-interval", Duration.ofSeconds(3)),
                s.bool("sources.hf.enabled", true),
                url(s, "sources.hf.url", "https://huggingface.co/api/daily_papers"),
                s.integer("sources.hf.first-run-days", 7, 1, 60),
                positive(s, "sources.poll-interval", Duration.ofHours(1)),
                positive(s, "sources.connect-timeout", Duration.ofSeconds(10)),
                positive(s, "sources.request-timeout", Duration.ofSeconds(30)),
                s.integer("sources.max-response-bytes", 32 * 1024 * 1024, 1024, Integer.MAX_VALUE),
                s.integer("sources.retry.max-attempts", 4, 1, 10),
                positive(s, "sources.retry.base-delay", Duration.ofSeconds(2)),
                positive(s, "sources.retry.max-delay", Duration.ofSeconds(60)),
                s.integer("sources.unhealthy-after", 3, 1, 100),
                positive(s, "sources.failure-backoff", Duration.ofMinutes(5)),
                positive(s, "sources.failure-backoff-max", Duration.ofHours(6)),
                agent,
                positive(s, "sources.follow-interval", Duration.ofSeconds(5)));
    }

    public static SourcesConfig defaults() {
        return from(Settings.of(Map.of()));
    }

    /** The arXiv {@code search_query}: every configured category, OR-ed. */
    String arxivQuery() {
        return String.join(" OR ", arxivCategories.stream().map(c -> "cat:" + c).toList());
    }

    private static URI url(Settings s, String key, String defaultValue) {
        String raw = s.string(key, defaultValue);
        try {
            URI uri = new URI(raw);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw s.invalid(key, "an http or https URL without a query, e.g. " + defaultValue);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw s.invalid(key, "an http or https URL without a query, e.g. " + defaultValue);
        }
    }

    private static Duration positive(Settings s, String key, Duration defaultValue) {
        Duration d = s.duration(key, defaultValue);
        if (d.isZero() || d.isNegative()) {
            throw s.invalid(key, "a positive duration such as 30s, 15m or 1h");
        }
        return d;
    }

    private static Duration nonNegative(Settings s, String key, Duration defaultValue) {
        Duration d = s.duration(key, defaultValue);
        if (d.isNegative()) {
            throw s.invalid(key, "a duration such as 0s or 3s");
        }
        return d;
    }
}
