package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One parsed REST request as the rooms see it: path without the {@code /api/v10} prefix, JSON body if any. */
record Request(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
               JsonNode json, List<RecordedCall.Part> parts, long nanos, Instant at) {

    /** The matcher when the path matches {@code route} (and the method is {@code method}, if given), else null. */
    Matcher match(String method, Pattern route) {
        if (method != null && !method.equals(this.method)) {
            return null;
        }
        Matcher m = route.matcher(path);
        return m.matches() ? m : null;
    }

    Matcher match(Pattern route) {
        return match(null, route);
    }

    boolean is(String method, String path) {
        return this.method.equals(method) && this.path.equals(path);
    }
}
