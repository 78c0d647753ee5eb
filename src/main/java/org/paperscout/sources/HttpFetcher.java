package org.paperscout.sources;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import org.paperscout.util.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GETs documents for the sources, politely and defensively: a descriptive User-Agent, a deadline on every
 * request (headers and body together), conditional requests, retries with exponential backoff and jitter on
 * 5xx, 429, timeouts and broken connections ({@code Retry-After} honoured), a cap on the body size, and per-host
 * spacing measured from the start of the previous request to that host.
 *
 * <p>A body over the cap is cut off and the whole document refused: a partial document must never be parsed
 * as if it were whole.
 */
final class HttpFetcher {

    private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);

    /**
     * Waits, and tells the monotonic time the waits are measured on; tests pass one that records the waits and
     * moves its own time on, so backoff and per-host spacing are checked without sleeping through them.
     */
    @FunctionalInterface
    interface Sleeper {
        Sleeper REAL = d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());

        void sleep(Duration duration) throws InterruptedException;

        default long nanoTime() {
            return System.nanoTime();
        }
    }

    /** What the previous answer for {@code url} carried, to ask "has it changed?" ({@code url} must match). */
    record Validators(String url, String etag, String lastModified) {
        static final Validators NONE = new Validators(null, null, null);

        boolean appliesTo(URI uri) {
            return url != null && url.equals(uri.toString()) && (etag != null || lastModified != null);
        }
    }

    /** A 200 with its body, or a 304 ({@code body == null}). */
    record Fetched(URI uri, byte[] body, Validators validators) {
        boolean notModified() {
            return body == null;
        }
    }

    /**
     * Built on the first request, on the polling thread: building it initialises TLS (some 400 classes, a third of a
     * second of CPU), which on the start-up path delayed the first answer.
     */
    private final java.util.function.Supplier<HttpClient> newClient;
    private volatile HttpClient client;
    private final SourcesConfig config;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    /** Host -> {@link Sleeper#nanoTime()} at the start of its latest request. */
    private final Map<String, Long> lastStart = new ConcurrentHashMap<>();
    /** Requests under way, so {@link #close()} can abandon them. */
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);

    /** @param sleeper how to wait for backoff and spacing; null: a real wait that {@link #close()} cuts short */
    HttpFetcher(HttpClient client, SourcesConfig config, Clock clock, Sleeper sleeper, DoubleSupplier jitter) {
        this(() -> client, config, clock, sleeper, jitter);
    }

    private HttpFetcher(java.util.function.Supplier<HttpClient> newClient, SourcesConfig config, Clock clock,
                        Sleeper sleeper, DoubleSupplier jitter) {
        this.newClient = newClient;
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper != null ? sleeper : d -> closed.await(d.toNanos(), TimeUnit.NANOSECONDS);
        this.jitter = jitter;
    }

    /**
     * Stops waiting: requests under way and waits for backoff or spacing end at once with a {@link FetchException}.
     * Nothing is interrupted, so a poll that is writing to the index finishes that write (Lucene must not be
     * interrupted mid-write).
     */
    void close() {
        closed.countDown();
        inFlight.forEach(f -> f.cancel(true));
    }

    private void checkOpen() throws FetchException {
        if (closed.getCount() == 0) {
            throw new FetchException("stopped: PaperScout is shutting down", (Duration) null);
        }
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = newClient.get();
                    client = c;
                }
            }
        }
        return c;
    }

    static HttpFetcher create(SourcesConfig config, Clock clock) {
        return new HttpFetcher(() -> HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build(), config, clock, null, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * GETs {@code uri}, sending {@code validators} as If-None-Match / If-Modified-Since when they belong to it.
     *
     * @param minInterval least time between the starts of two requests to this host
     */
    Fetched get(URI uri, Validators validators, Duration minInterval) throws FetchException, InterruptedException {
        String failure = null;
        for (int attempt = 1; ; attempt++) {
            Duration retryAfter = null;
            try {
                HttpResponse<byte[]> response = send(uri, validators, minInterval);
                int status = response.statusCode();
                if (status == 200) {
                    var h = response.headers();
                    return new Fetched(uri, response.body(), new Validators(uri.toString(),
                            h.firstValue("ETag").orElse(null), h.firstValue("Last-Modified").orElse(null)));
                }
                if (status == 304) {
                    return new Fetched(uri, null, validators);
                }
                failure = "HTTP " + status + " from " + uri.getHost();
                if (status != 429 && status < 500) {
                    throw new FetchException(failure + " (not retried)", (Duration) null);
                }
                retryAfter = response.headers().firstValue("Retry-After").map(this::retryAfter).orElse(null);
            } catch (FetchException e) {
                throw e; // closed while waiting: not a failure of the server
            } catch (TooLargeException e) {
                throw new FetchException("the response from " + uri.getHost() + " is larger than "
                        + config.maxResponseBytes() + " bytes (sources.max-response-bytes); it was cut off and not used",
                        (Duration) null);
            } catch (HttpTimeoutException | TimeoutException e) {
                failure = "no complete answer from " + uri.getHost() + " within "
                        + config.requestTimeout().toMillis() + " ms (sources.request-timeout)";
            } catch (ConnectException e) {
                failure = "cannot connect to " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            } catch (IOException e) {
                failure = "the connection to " + uri.getHost() + " broke (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            }
            if (attempt >= config.maxAttempts()) {
                throw new FetchException(failure + (attempt > 1 ? " (" + attempt + " tries)" : ""), retryAfter);
            }
            if (retryAfter != null && retryAfter.compareTo(config.retryMaxDelay()) > 0) {
                // Waiting that long inside one poll would hold the source; the poller waits instead.
                throw new FetchException(failure + "; the server asks to wait " + retryAfter.toSeconds() + " s",
                        retryAfter);
            }
            Duration delay = retryAfter != null ? retryAfter : backoff(attempt);
            log.info("{}; try {} of {} in {} ms", failure, attempt + 1, config.maxAttempts(), delay.toMillis());
            sleeper.sleep(delay);
            checkOpen();
        }
    }

    /** Exponential, capped, with "equal jitter": half fixed, half random, so clients that failed together spread out. */
    Duration backoff(int failedAttempts) {
        return new Backoff(config.retryBaseDelay(), config.retryMaxDelay()).jittered(failedAttempts - 1, jitter);
    }

    /** {@code Retry-After} as seconds or as an HTTP date; null when it is neither. */
    Duration retryAfter(String value) {
        String v = value.strip();
        try {
            if (v.matches("\\d{1,9}")) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(clock.instant(), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private HttpResponse<byte[]> send(URI uri, Validators validators, Duration minInterval)
            throws IOException, TimeoutException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(config.requestTimeout())
                .header("User-Agent", config.userAgent())
                .header("Accept", "application/atom+xml, application/json;q=0.9, */*;q=0.1");
        if (validators.appliesTo(uri)) {
            if (validators.etag() != null) {
                request.header("If-None-Match", validators.etag());
            }
            if (validators.lastModified() != null) {
                request.header("If-Modified-Since", validators.lastModified());
            }
        }
        awaitTurn(uri.getHost(), minInterval);
        checkOpen();
        CompletableFuture<HttpResponse<byte[]>> future = client().sendAsync(request.build(), info ->
                info.statusCode() == 200 ? new CappedBody(config.maxResponseBytes())
                        : HttpResponse.BodySubscribers.replacing(null));
        inFlight.add(future);
        try {
            // The request timeout only covers the headers; this deadline also covers a body that trickles in.
            return future.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (java.util.concurrent.CancellationException e) {
            checkOpen();
            throw new IOException("request cancelled", e);
        } catch (ExecutionException e) {
            checkOpen();
            Throwable cause = e.getCause();
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof TooLargeException tooLarge) {
                    throw tooLarge;
                }
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause);
        } finally {
            inFlight.remove(future);
        }
    }

    /** Spaces requests to one host: waits until {@code minInterval} has passed since the previous start. */
    private void awaitTurn(String host, Duration minInterval) throws InterruptedException {
        if (minInterval.isZero()) {
            lastStart.put(host, sleeper.nanoTime());
            return;
        }
        synchronized (lastStart) {
            Long previous = lastStart.get(host);
            if (previous != null) {
                long wait = previous + minInterval.toNanos() - sleeper.nanoTime();
                if (wait > 0) {
                    sleeper.sleep(Duration.ofNanos(wait));
                }
            }
            lastStart.put(host, sleeper.nanoTime());
        }
    }

    static final class TooLargeException extends IOException {
        TooLargeException() {
            super("response over the size cap");
        }
    }

    /** Collects a body up to a cap; past it, cancels the download and fails. */
    static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long cap;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;
        private long received;

        CappedBody(long cap) {
            this.cap = cap;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : buffers) {
                received += b.remaining();
                if (received > cap) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLargeException());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
