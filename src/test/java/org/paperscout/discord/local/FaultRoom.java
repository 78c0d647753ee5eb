package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.Headers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Scripted faults and rate limits: which request gets one, and the 429 Discord would send. Lock held by callers. */
final class FaultRoom {

    private final List<Fault> faults = new ArrayList<>();
    private final Map<Fault, Integer> uses = new IdentityHashMap<>();

    void inject(Fault fault) {
        faults.add(fault);
    }

    void clear() {
        faults.clear();
        uses.clear();
    }

    /** The first fault matching the request, counting one use of it; null when none applies. */
    Fault take(String method, String path) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault f = it.next();
            if (f.matches(method, path)) {
                if (uses.merge(f, 1, Integer::sum) >= f.times()) {
                    it.remove();
                    uses.remove(f);
                }
                return f;
            }
        }
        return null;
    }

    /** The answer a STATUS or RATE_LIMIT fault stands for. */
    static Answer answer(Fault f, Instant at) {
        if (f.kind() != Fault.Kind.RATE_LIMIT) {
            return Answer.error(f.status(), f.code(), f.message());
        }
        double seconds = f.duration().toMillis() / 1000.0;
        ObjectNode body = Fixture.JSON.objectNode();
        body.put("message", f.message());
        body.put("retry_after", seconds);
        body.put("global", false);
        Headers h = new Headers.Builder()
                // Without "via" JDA takes a 429 for a Cloudflare ban of every route.
                .add("via", "1.1 google")
                .add("Retry-After", Long.toString((long) Math.ceil(seconds)))
                .add("X-RateLimit-Bucket", "local-" + Integer.toHexString(f.path().pattern().hashCode()))
                .add("X-RateLimit-Scope", f.scope())
                .add("X-RateLimit-Limit", "5")
                .add("X-RateLimit-Remaining", "0")
                .add("X-RateLimit-Reset", String.format(Locale.ROOT, "%.3f", at.toEpochMilli() / 1000.0 + seconds))
                .add("X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", seconds))
                .build();
        return new Answer(429, body, h);
    }
}
