package org.paperscout.discord.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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
    private long callSeq;
    /** How often {@link #clear()} ran, so a waiter knows its place in {@code calls} is stale. */
    private long clears;
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

    RecordedCall await(Predicate<RecordedCall> filter, Duration timeout) {
        RecordedCall[] found = new RecordedCall[1];
        // Every new call wakes every waiter: each looks only at the calls added since it last looked (calls only
        // grow, but for clear()), else 150 waiters rescanning thousands of calls on every wake-up starve the server.
        long[] seen = {clears, 0};
        state.await(() -> {
            if (seen[0] != clears) {
                seen[0] = clears;
                seen[1] = 0;
            }
            for (int i = (int) seen[1]; i < calls.size(); i++) {
                if (filter.test(calls.get(i))) {
                    found[0] = calls.get(i);
                    return true;
                }
            }
            seen[1] = calls.size();
            return false;
        }, timeout, () -> "no matching request within " + timeout + "; received:\n" + describe());
        return found[0];
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
            violations.clear();
            clears++;
            return out;
        });
    }

    void clear() {
        state.locked(() -> {
            calls.clear();
            violations.clear();
            clears++;
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
