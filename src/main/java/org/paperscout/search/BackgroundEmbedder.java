package org.paperscout.search;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.paperscout.util.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedder whose model loads on a thread of its own, so a start does not wait for it: loading the ONNX model
 * and its tokenizer was about a third of the time from launch to the first answer. Until it is {@link #ready()},
 * /search answers with BM25 alone (the index's vectors are no use without the query's); everything that needs
 * a vector (the backfill, /similar on text, recommendations) waits for the model instead. A load that fails
 * (no native runtime for the platform, a broken model jar, no memory) is final: {@link #failure()} says why, and
 * callers check it and go on with words alone rather than ask again.
 */
public final class BackgroundEmbedder implements Embedder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackgroundEmbedder.class);

    /** The longest reason {@link #failure()} gives: it goes into a /status line. */
    static final int MAX_REASON = 120;

    /**
     * How long a caller waits for a load in progress. A load takes seconds; one that hangs (a stuck native call)
     * must not hold a command, or the shutdown, forever: past this the caller is told the model is not there.
     */
    static final Duration MAX_WAIT = Duration.ofMinutes(2);

    private final CompletableFuture<Embedder> model;
    private final Duration maxWait;
    /** Set before the future fails, so whoever sees the failure sees the reason. */
    private volatile String failure;

    private BackgroundEmbedder(CompletableFuture<Embedder> model, Duration maxWait) {
        this.model = model;
        this.maxWait = maxWait;
    }

    /** Starts loading with {@code load} on a daemon thread and returns at once. */
    public static BackgroundEmbedder start(Supplier<? extends Embedder> load) {
        return start(load, MAX_WAIT);
    }

    /** As {@link #start(Supplier)}, with callers waiting at most {@code maxWait} for the load. */
    static BackgroundEmbedder start(Supplier<? extends Embedder> load, Duration maxWait) {
        CompletableFuture<Embedder> future = new CompletableFuture<>();
        BackgroundEmbedder embedder = new BackgroundEmbedder(future, maxWait);
        Thread loader = DaemonThreads.named("embedding-model-load").newThread(() -> {
            try {
                Embedder loaded = load.get();
                // The first inference sets up the session's buffers; a user's first query should not pay for it.
                loaded.embedQuery("warm up");
                future.complete(loaded);
            } catch (RuntimeException | Error e) {
                embedder.failure = reason(e);
                log.error("cannot load the embedding model, semantic search is off until a restart (/search, "
                        + "/similar and recommendations use words only): {}", e.toString());
                future.completeExceptionally(e);
            }
        });
        loader.start();
        return embedder;
    }

    /** The first line of what went wrong, without the package: enough to search for, short enough for /status. */
    static String reason(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip().lines().findFirst().orElse("");
        String text = message.isEmpty() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** True once the model answers; false while it loads or when loading failed. */
    @Override
    public boolean ready() {
        return model.isDone() && !model.isCompletedExceptionally();
    }

    @Override
    public float[][] embed(List<String> texts) {
        return model().embed(texts);
    }

    @Override
    public float[] embedQuery(String query) {
        return model().embedQuery(query);
    }

    @Override
    public int dimensions() {
        return model().dimensions();
    }

    @Override
    public String modelName() {
        return model().modelName();
    }

    private Embedder model() {
        try {
            return model.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the embedding model is still loading after " + maxWait.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedding model", e);
        }
    }

    /**
     * Waits for a load in progress (its native session must not outlive the process's shutdown), then frees it; a
     * load still hanging after the wait is left to the daemon thread, which ends with the process.
     */
    @Override
    public void close() {
        Embedder loaded;
        try {
            loaded = model();
        } catch (IllegalStateException e) {
            if (failure == null) {
                log.warn("the embedding model was not freed: {}", e.getMessage());
            }
            return; // never loaded (or still loading): nothing to free
        } catch (RuntimeException e) {
            return; // the load failed: nothing to free
        }
        if (loaded instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot free the embedding model", e);
            }
        }
    }
}
