package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One REST request as {@link LocalDiscord} received it, with the answer it gave.
 *
 * @param seq          order of arrival, from 1
 * @param method       HTTP method
 * @param path         relative to {@code /api/v10}, with a leading slash, without the query, e.g.
 *                     {@code /interactions/123/tok/callback}
 * @param query        decoded query parameters (first value of each)
 * @param headers      request headers, names in lower case
 * @param json         the JSON body, or for a multipart body its {@code payload_json} part; null when there is none
 * @param parts        multipart parts in order (empty for JSON bodies); files are {@code files[n]} parts
 * @param rawBody      the body bytes as sent
 * @param receivedAt   wall-clock arrival time (the server's clock)
 * @param receivedNanos {@link System#nanoTime()} at arrival, for latencies against dispatch times
 * @param status       the status answered (for scripted hangs/drops: what was decided, though the client never saw it)
 * @param response     the JSON answered, or null for 204 and lost responses
 * @param fault        the scripted fault applied to this call, or null
 */
public record RecordedCall(long seq, String method, String path, Map<String, String> query,
                           Map<String, List<String>> headers, JsonNode json, List<Part> parts, byte[] rawBody,
                           Instant receivedAt, long receivedNanos, int status, JsonNode response, Fault fault) {

    /** One part of a multipart/form-data body. */
    public record Part(String name, String filename, String contentType, byte[] content) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    public RecordedCall {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        parts = List.copyOf(parts);
    }

    /** True when the method matches (any case) and the path matches the regular expression in full. */
    public boolean is(String method, String pathRegex) {
        return this.method.equalsIgnoreCase(method) && path.matches(pathRegex);
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The attached files ({@code files[n]} parts). */
    public List<Part> files() {
        return parts.stream().filter(p -> p.name().startsWith("files[")).toList();
    }

    public boolean isInteractionCallback() {
        return "POST".equals(method) && path.startsWith("/interactions/") && path.endsWith("/callback");
    }

    @Override
    public String toString() {
        return "#" + seq + " " + method + " " + path + (query.isEmpty() ? "" : " " + query) + " -> " + status
                + (fault == null ? "" : " [" + fault + "]") + (json == null ? "" : " " + abbreviate(json.toString()));
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
