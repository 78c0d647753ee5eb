package org.paperscout.discord.local;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A scripted misbehaviour for the next {@code times} REST calls matching a method and path, e.g.
 * <pre>{@code
 * discord.inject(Fault.on("POST", "/channels/\\d+/messages").times(2).rateLimited(Duration.ofMillis(500)));
 * discord.inject(Fault.on("GET", "/users/@me").unauthorized());
 * discord.inject(Fault.on("POST", "/interactions/.*").delay(Duration.ofSeconds(2)));
 * }</pre>
 * Path patterns are regular expressions matched in full against the path relative to {@code /api/v10}
 * (leading slash, no query). The method may be {@code "*"}. Status faults answer without processing the request;
 * {@link Kind#DROP} processes it (the message exists) and then closes the connection before answering, the
 * "lost response" a retrying client must handle; {@link Kind#HANG} never answers (the client's read timeout decides).
 */
public record Fault(String method, Pattern path, int times, Kind kind, int status, int code, String message,
                    Duration duration, String scope) {

    public enum Kind { STATUS, RATE_LIMIT, DELAY, HANG, DROP }

    public static Builder on(String method, String pathRegex) {
        return new Builder(method, Pattern.compile(pathRegex));
    }

    /** Start of a fault: choose how often with {@link #times(int)}, then what happens. */
    public static final class Builder {
        private final String method;
        private final Pattern path;
        private int times = 1;

        private Builder(String method, Pattern path) {
            this.method = method.toUpperCase(Locale.ROOT);
            this.path = path;
        }

        /** How many matching calls are affected (default 1); {@link Integer#MAX_VALUE} for "until cleared". */
        public Builder times(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("times must be >= 1");
            }
            times = n;
            return this;
        }

        /** 401 as for a revoked token; on {@code GET /users/@me} at start-up JDA throws InvalidTokenException. */
        public Fault unauthorized() {
            return status(401, 0, "401: Unauthorized");
        }

        /** 403 code 50013, what Discord answers when the bot lost a permission in the channel. */
        public Fault forbidden() {
            return status(403, 50013, "Missing Permissions");
        }

        /** 403 code 50001, what Discord answers when the bot cannot see the channel at all. */
        public Fault missingAccess() {
            return status(403, 50001, "Missing Access");
        }

        /** 404 code 10003, a deleted channel. */
        public Fault unknownChannel() {
            return status(404, 10003, "Unknown Channel");
        }

        /** 500, 502 or 503 ... as a plain server error. */
        public Fault serverError(int status) {
            if (status < 500 || status > 599) {
                throw new IllegalArgumentException("not a 5xx status: " + status);
            }
            return status(status, 0, status + ": Server error");
        }

        /** Any status with a Discord error body {@code {"code":code,"message":message}}. */
        public Fault status(int status, int code, String message) {
            return new Fault(method, path, times, Kind.STATUS, status, code, message, Duration.ZERO, null);
        }

        /**
         * A per-route 429 as Discord sends it: {@code via: 1.1 google} (without it JDA assumes a Cloudflare ban on every
         * route), {@code Retry-After}, {@code X-RateLimit-Bucket}, {@code X-RateLimit-Scope: user}, JSON
         * {@code retry_after} in seconds. JDA waits and retries on its own.
         */
        public Fault rateLimited(Duration retryAfter) {
            return new Fault(method, path, times, Kind.RATE_LIMIT, 429, 0, "You are being rate limited.",
                    retryAfter, "user");
        }

        /** Answers normally, but only after the given time (the request counts as received on arrival). */
        public Fault delay(Duration delay) {
            return new Fault(method, path, times, Kind.DELAY, 0, 0, null, delay, null);
        }

        /** Reads the request and never answers. */
        public Fault hang() {
            return new Fault(method, path, times, Kind.HANG, 0, 0, null, Duration.ZERO, null);
        }

        /** Processes the request, then closes the connection instead of answering. */
        public Fault dropResponse() {
            return new Fault(method, path, times, Kind.DROP, 0, 0, null, Duration.ZERO, null);
        }
    }

    boolean matches(String method, String path) {
        return ("*".equals(this.method) || this.method.equalsIgnoreCase(method)) && this.path.matcher(path).matches();
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STATUS, RATE_LIMIT -> kind + " " + status + (code == 0 ? "" : " code " + code);
            case DELAY -> "DELAY " + duration.toMillis() + " ms";
            default -> kind.toString();
        } + " on " + method + " " + path.pattern();
    }
}
