package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.store.Database;
import org.paperscout.store.SeenStore;
import org.paperscout.store.StoreConfig;
import org.paperscout.store.TestClock;
import org.slf4j.LoggerFactory;

/**
 * Closing the job while a run waits for the database (issue 17 item 11: a console exit logged "digest run failed
 * ... interrupted while waiting for a database connection" with a stack trace). The database has one read
 * connection, which the test holds while the run needs it.
 */
@Timeout(60)
class DigestShutdownTest {

    @TempDir
    Path dir;
    final TestClock clock = TestClock.at("2026-03-02T06:00:00Z");
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    final CountDownLatch inRun = new CountDownLatch(1);
    final CountDownLatch connectionTaken = new CountDownLatch(1);
    final CountDownLatch releaseConnection = new CountDownLatch(1);
    Database db;
    DigestJob job;
    Thread holder;

    @BeforeEach
    void open() {
        log.start();
        root.addAppender(log);
        db = Database.open(dir, new StoreConfig(Duration.ofSeconds(5), Duration.ofSeconds(30), 1), clock);
        DigestStore store = new DigestStore(db, clock);
        store.saveChannel(new DigestTarget(DigestTarget.Kind.CHANNEL, "400", "g1", LocalTime.of(9, 0),
                java.time.ZoneOffset.UTC, DigestDays.EVERY_DAY, null, 5, false, clock.instant(), null, "admin1",
                false));
        FakePublisher publisher = new FakePublisher();
        // Asked on the run's own thread between its first and second read: the run is under way from here on.
        publisher.serves = t -> {
            inRun.countDown();
            await(connectionTaken);
            return true;
        };
        job = new DigestJob(store, new FakeContent(), new SeenStore(db, clock), publisher, DigestConfig.defaults(),
                clock, Pacer.NONE);
        holder = new Thread(() -> db.read(c -> {
            connectionTaken.countDown();
            await(releaseConnection);
            return null;
        }), "connection-holder");
    }

    @AfterEach
    void close() throws InterruptedException {
        releaseConnection.countDown();
        holder.join();
        job.close();
        db.close();
        root.detachAppender(log);
    }

    @Test
    void closingWhileARunWaitsForTheDatabaseLetsItFinishAndLogsNoError() throws Exception {
        job.start();
        inRun.await();
        holder.start(); // the run's next read now waits for this connection
        connectionTaken.await();
        Thread closer = new Thread(job::close, "closer");
        closer.start();
        while (!job.closing()) {
            Thread.onSpinWait();
        }
        releaseConnection.countDown();
        closer.join();

        assertThat(problems()).isEmpty();
    }

    @Test
    void aRunStillWaitingAfterTheStopWaitIsInterruptedWithoutAnErrorOrStackTrace() throws Exception {
        job.stopWait(Duration.ofMillis(200));
        job.start();
        inRun.await();
        holder.start();
        connectionTaken.await();
        job.close(); // the connection is released only afterwards, so the run is interrupted while it waits

        assertThat(problems()).isEmpty();
        assertThat(log.list).filteredOn(e -> e.getThrowableProxy() != null).isEmpty();
    }

    private java.util.List<String> problems() {
        return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
