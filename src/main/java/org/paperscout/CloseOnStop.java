package org.paperscout;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Closes the app exactly once, by whichever comes first: the normal end ({@link #close()}: {@code exit} or the end of
 * input in the console) or SIGTERM / Ctrl-C (a shutdown hook). The hook stays registered while a normal close runs, so
 * a signal arriving then waits for that close instead of letting the JVM halt in the middle of it; it is removed once
 * the normal close has finished. The JVM's exit waits for its hooks, so the hook waits at most {@code hookWait} for the
 * close (a close that hangs must not keep the process from stopping).
 */
final class CloseOnStop implements Closeable {

    private final Closeable target;
    private final PrintStream err;
    private final Duration hookWait;
    private final Thread hook;
    private boolean closed; // guarded by this

    /** Not registered yet: {@link #register} does that; tests call {@link #stop()} as the hook would. */
    CloseOnStop(Closeable target, PrintStream err, Duration hookWait) {
        this.target = target;
        this.err = err;
        this.hookWait = hookWait;
        this.hook = new Thread(this::stop, "paperscout-shutdown");
    }

    /** Registers the shutdown hook that closes {@code target} on SIGTERM or Ctrl-C. */
    static CloseOnStop register(Closeable target, PrintStream err, Duration hookWait) {
        CloseOnStop c = new CloseOnStop(target, err, hookWait);
        Runtime.getRuntime().addShutdownHook(c.hook);
        return c;
    }

    /** The normal end: closes now (or waits for the hook's close when the JVM is already stopping). */
    @Override
    public void close() throws IOException {
        closeOnce();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException stopping) {
            // the JVM is shutting down: the hook runs (or ran) and finds the app closed
        }
    }

    private synchronized void closeOnce() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        target.close();
    }

    /**
     * The shutdown hook's work: closes in a daemon thread and waits for it, at most {@code hookWait}; when a normal
     * close is running, that wait is for it to finish.
     */
    void stop() {
        CountDownLatch done = new CountDownLatch(1);
        Thread closer = new Thread(() -> {
            try {
                closeOnce();
            } catch (IOException | RuntimeException e) {
                err.println("Error while closing: " + e.getMessage());
            } finally {
                done.countDown();
            }
        }, "paperscout-close");
        closer.setDaemon(true);
        closer.start();
        try {
            if (!done.await(hookWait.toMillis(), TimeUnit.MILLISECONDS)) {
                err.println("PaperScout did not finish closing within " + hookWait.toSeconds() + " s; stopping anyway.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
