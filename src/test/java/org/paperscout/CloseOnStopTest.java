package org.paperscout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The console's close on SIGTERM / Ctrl-C (issue 10): exactly once, whichever path comes first, and a signal during
 * the normal close waits for it rather than letting the JVM halt in the middle. {@link CloseOnStop#stop()} is what
 * the shutdown hook runs; OperationsIT sends a real SIGTERM to the built jar.
 */
class CloseOnStopTest {

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    /** Counts its closes; the first one waits for {@code release} once {@code entered} is counted down. */
    static final class Target implements Closeable {
        final AtomicInteger closes = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release;
        final AtomicInteger finished = new AtomicInteger();

        Target(boolean blocks) {
            release = new CountDownLatch(blocks ? 1 : 0);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.incrementAndGet();
        }
    }

    @Test
    void theNormalEndClosesOnceAndALaterSignalDoesNotCloseAgain() throws Exception {
        Target app = new Target(false);
        CloseOnStop closing = new CloseOnStop(app, err, Duration.ofSeconds(5));
        closing.close();
        closing.stop();
        closing.close();
        assertThat(app.closes).hasValue(1);
    }

    @Test
    void aSignalClosesAndTheNormalEndAfterItDoesNotCloseAgain() throws Exception {
        Target app = new Target(false);
        CloseOnStop closing = new CloseOnStop(app, err, Duration.ofSeconds(5));
        closing.stop();
        assertThat(app.finished).hasValue(1);
        closing.close();
        assertThat(app.closes).hasValue(1);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    /** The race seen from the built jar: the end of input starts the close, SIGTERM arrives while it runs. */
    @Test
    void aSignalDuringTheNormalCloseWaitsForItToFinish() throws Exception {
        Target app = new Target(true);
        CloseOnStop closing = new CloseOnStop(app, err, Duration.ofSeconds(60));
        Thread normalEnd = new Thread(() -> {
            try {
                closing.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        normalEnd.start();
        assertThat(app.entered.await(10, TimeUnit.SECONDS)).isTrue();
        Thread hook = new Thread(closing::stop);
        hook.start();
        hook.join(300);
        assertThat(hook.isAlive()).as("the hook returns (and the JVM halts) only after the close").isTrue();
        app.release.countDown();
        hook.join(10_000);
        normalEnd.join(10_000);
        assertThat(hook.isAlive()).isFalse();
        assertThat(app.finished).hasValue(1);
        assertThat(app.closes).hasValue(1);
    }

    @Test
    void aCloseThatHangsDoesNotKeepTheProcessFromStopping() throws Exception {
        Target app = new Target(true);
        CloseOnStop closing = new CloseOnStop(app, err, Duration.ofMillis(200));
        Thread hook = new Thread(closing::stop);
        hook.start();
        hook.join(10_000);
        assertThat(hook.isAlive()).as("the hook gave up waiting").isFalse();
        assertThat(app.finished).hasValue(0);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("did not finish closing");
        app.release.countDown();
    }

    @Test
    void aFailedCloseIsReportedOnStandardError() {
        CloseOnStop closing = new CloseOnStop(() -> {
            throw new java.io.IOException("disk gone");
        }, err, Duration.ofSeconds(5));
        closing.stop();
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("Error while closing: disk gone");
    }
}
