package org.paperscout.discord.local;

import mockwebserver3.MockWebServer;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What every room shares: one lock over all server state (so a REST call and a gateway frame never interleave
 * half-way), the condition waiters block on, the clock, snowflakes and the configuration from the builder.
 */
final class ServerState {

    /** Guards the state of every room; {@code changed} is signalled on every new record and gateway change. */
    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    final Clock clock;
    final String locale;
    final int extraChannels;
    final MockWebServer server;
    /** The bot's role lacks Create Public Threads in the test guild. */
    final boolean threadsDenied;
    private final String acceptedToken;
    private final AtomicLong snowflakes = new AtomicLong();

    ServerState(Clock clock, String locale, int extraChannels, String acceptedToken, MockWebServer server) {
        this(clock, locale, extraChannels, acceptedToken, server, false);
    }

    ServerState(Clock clock, String locale, int extraChannels, String acceptedToken, MockWebServer server,
                boolean threadsDenied) {
        this.threadsDenied = threadsDenied;
        this.clock = clock;
        this.locale = locale;
        this.extraChannels = extraChannels;
        this.acceptedToken = acceptedToken;
        this.server = server;
    }

    <T> T locked(Supplier<T> s) {
        lock.lock();
        try {
            return s.get();
        } finally {
            lock.unlock();
        }
    }

    void locked(Runnable r) {
        lock.lock();
        try {
            r.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code condition} (evaluated under the lock) holds.
     *
     * @throws AssertionError naming what was awaited and {@code state} when the timeout passes
     */
    void await(BooleanSupplier condition, Duration timeout, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(new TimeoutException(failure.get()));
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            lock.unlock();
        }
    }

    /** Unique and increasing snowflakes of the server clock's time. */
    long nextSnowflake() {
        long now = Fixture.snowflakeAt(clock.millis());
        return snowflakes.updateAndGet(last -> Math.max(last + 1, now));
    }

    boolean tokenAccepted(String token) {
        return acceptedToken == null ? !token.isBlank() : acceptedToken.equals(token);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    String gatewayUrl() {
        return "ws://127.0.0.1:" + server.getPort() + "/gateway";
    }
}
