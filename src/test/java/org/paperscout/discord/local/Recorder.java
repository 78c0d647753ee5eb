package org.paperscout.discord.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** Every REST call in arrival order, and the background OpenAPI check of each JSON body. */
final class Recorder {

    private final ServerState state;
    private final OpenApiSchemaValidator validator;
    private final ExecutorService validation = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "local-discord-schema-check");
        t.setDaemon(true);
        return t;
    });
    // Guarded by state.lock.
    private final List<RecordedCall> calls = new ArrayList<>();
    private final List<SchemaViolation> violations = new ArrayList<>();
    /**
     * The calls of each interaction, by the interaction id of its callbacks and the token of its webhook calls
     * (follow-ups and edits), so that waiting for one interaction's answer reads its few calls, not all of them.
     * Guarded by state.lock.
     */
    private final Map<String, List<RecordedCall>> byInteraction = new HashMap<>();
    /** Callers of {@link #await} still waiting, each woken only by a call that matches it. Guarded by state.lock. */
    private final List<Waiter> waiters = new ArrayList<>();
    private long callSeq;
    private int pendingValidations;

    Recorder(ServerState state, OpenApiSchemaValidator validator) {
        this.state = state;
        this.validator = validator;
    }

    OpenApiSchemaValidator validator() {
        return validator;
    }

    void record(RecordedCall call) {
        boolean check = call.json() != null && validator.isAvailable();
        RecordedCall numbered = state.locked(() -> {
            RecordedCall n = new RecordedCall(++callSeq, call.method(), call.path(), call.query(), call.headers(),
                    call.json(), call.parts(), call.rawBody(), call.receivedAt(), call.receivedNanos(),
                    call.status(), call.response(), call.fault());
            calls.add(n);
            interactionKey(n.path()).ifPresent(k -> byInteraction.computeIfAbsent(k, x -> new ArrayList<>()).add(n));
            wake(n);
            if (check) {
                pendingValidations++;
            }
            state.changed.signalAll();
            return n;
        });
        if (check) {
            try {
                validation.execute(() -> validate(numbered));
            } catch (RejectedExecutionException closed) {
                state.locked(() -> pendingValidations--);
            }
        }
    }

    private void validate(RecordedCall call) {
        List<String> problems;
        try {
            problems = validator.validate(call.method(), call.path(), call.json());
        } catch (RuntimeException e) {
            problems = List.of("schema check failed: " + e);
        }
        String route = validator.routeTemplate(call.path()).orElse(call.path());
        List<String> found = problems;
        state.locked(() -> {
            if (!found.isEmpty()) {
                violations.add(new SchemaViolation(call, route, found));
            }
            pendingValidations--;
            state.changed.signalAll();
        });
    }

    List<RecordedCall> calls(Predicate<RecordedCall> filter) {
        return state.locked(() -> calls.stream().filter(filter).toList());
    }

    /** The calls of one interaction ({@link #interactionKey}) that {@code filter} accepts, in arrival order. */
    List<RecordedCall> calls(String key, Predicate<RecordedCall> filter) {
        return state.locked(() -> byInteraction.getOrDefault(key, List.of()).stream().filter(filter).toList());
    }

    /**
     * Which interaction a call belongs to: the id in {@code /interactions/{id}/{token}/callback}, the token in
     * {@code /webhooks/{application}/{token}/...}; empty for any other call.
     */
    static java.util.Optional<String> interactionKey(String path) {
        int segment;
        if (path.startsWith("/interactions/")) {
            segment = "/interactions/".length();
        } else if (path.startsWith("/webhooks/")) {
            int app = path.indexOf('/', "/webhooks/".length());
            if (app < 0) {
                return java.util.Optional.empty();
            }
            segment = app + 1;
        } else {
            return java.util.Optional.empty();
        }
        int end = path.indexOf('/', segment);
        String key = path.substring(segment, end < 0 ? path.length() : end);
        return key.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(key);
    }

    private record Waiter(Predicate<RecordedCall> filter, CompletableFuture<RecordedCall> found) {
    }

    /** Hands {@code call} to the waiters it matches (under state.lock). */
    private void wake(RecordedCall call) {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            try {
                if (w.filter().test(call)) {
                    w.found().complete(call);
                    it.remove();
                }
            } catch (RuntimeException e) {
                w.found().completeExceptionally(e);
                it.remove();
            }
        }
    }

    /**
     * The first call so far, or to come within {@code timeout}, that {@code filter} accepts. A new call is tested
     * against each waiter's filter as it is recorded and wakes only the waiters it matches: waking every waiter on
     * every call (150 benchmark clients, thousands of calls) had them queue for the server's lock and take a fifth
     * of the CPU that the bot being measured needed.
     */
    RecordedCall await(Predicate<RecordedCall> filter, Duration timeout) {
        return await(null, filter, timeout);
    }

    /**
     * As {@link #await(Predicate, Duration)} for a filter that only accepts calls of the interaction whose id or
     * webhook token is {@code key} ({@link #interactionKey}); null: any call.
     */
    RecordedCall await(String key, Predicate<RecordedCall> filter, Duration timeout) {
        Waiter waiter = new Waiter(filter, new CompletableFuture<>());
        RecordedCall already = state.locked(() -> {
            for (RecordedCall c : key == null ? calls : byInteraction.getOrDefault(key, List.of())) {
                if (filter.test(c)) {
                    return c;
                }
            }
            waiters.add(waiter);
            return null;
        });
        if (already != null) {
            return already;
        }
        try {
            return waiter.found().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            String seen = state.locked(() -> {
                waiters.remove(waiter);
                return describe();
            });
            // A call may have matched between the timeout and the removal.
            RecordedCall late = waiter.found().getNow(null);
            if (late != null) {
                return late;
            }
            throw new AssertionError(new TimeoutException("no matching request within " + timeout + "; received:\n"
                    + seen));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state.locked(() -> waiters.remove(waiter));
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Waits up to 30 s for the background checks of calls already received. */
    List<SchemaViolation> violations() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        state.lock.lock();
        try {
            while (pendingValidations > 0 && System.nanoTime() < deadline) {
                state.changed.await(50, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            state.lock.unlock();
        }
        return state.locked(() -> List.copyOf(violations));
    }

    /** The calls so far, forgotten in the same step, so none slips between reading and clearing. */
    List<RecordedCall> drain() {
        return state.locked(() -> {
            List<RecordedCall> out = List.copyOf(calls);
            calls.clear();
            byInteraction.clear();
            violations.clear();
            return out;
        });
    }

    void clear() {
        state.locked(() -> {
            calls.clear();
            byInteraction.clear();
            violations.clear();
        });
    }

    void close() {
        validation.shutdownNow();
    }

    private String describe() {
        StringBuilder sb = new StringBuilder();
        for (RecordedCall c : calls) {
            sb.append("  ").append(c).append('\n');
        }
        return sb.length() == 0 ? "  (nothing)" : sb.toString();
    }
}
