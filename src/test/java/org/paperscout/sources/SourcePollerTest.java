package org.paperscout.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.config.Settings;
import org.paperscout.store.Database;
import org.paperscout.store.LeaderLock;
import org.paperscout.store.StoreConfig;
import org.paperscout.store.TestClock;

/** The schedule, health and backoff, with fake sources (what they fetch is tested against the fixture server). */
class SourcePollerTest {

    @TempDir
    Path dir;
    TestClock clock = TestClock.at("2026-11-28T10:00:00Z");
    Database db;
    SourceStateStore store;

    @BeforeEach
    void open() {
        db = Database.open(dir, StoreConfig.defaults(), clock);
        store = new SourceStateStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Fails (with an exception of each kind in turn) for the first {@code failures} polls, then succeeds. */
    static class FlakySource implements Source {
        final String name;
        final int failures;
        final AtomicInteger polls = new AtomicInteger();
        final CountDownLatch done;

        FlakySource(String name, int failures, int expectedPolls) {
            this.name = name;
            this.failures = failures;
            this.done = new CountDownLatch(expectedPolls);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Outcome poll(SourceState state, Consumer<String> progress) throws IOException {
            int n = polls.incrementAndGet();
            done.countDown();
            if (n <= failures) {
                if (n % 2 == 1) {
                    throw new IllegalStateException("bug number " + n);
                }
                throw new FetchException("HTTP 503 from example.org", (Duration) null);
            }
            return new Outcome(new PollResult(name, 1, false, 2, 1, 0, 0, List.of()),
                    new SourceState.Cursor("2611.00001", null, HttpFetcher.Validators.NONE));
        }
    }

    SourcesConfig config(Map<String, String> values) {
        return SourcesConfig.from(Settings.of(values));
    }

    @Test
    void aScheduledPollThatThrowsDoesNotStopTheSchedule() throws Exception {
        // With the test clock standing still, "next poll in 50 ms" comes round every 50 ms of real time.
        FlakySource source = new FlakySource("arxiv", 3, 5);
        SourcesConfig config = config(Map.of("sources.poll-interval", "50ms", "sources.failure-backoff", "50ms",
                "sources.failure-backoff-max", "50ms", "sources.hf.enabled", "false"));
        java.util.concurrent.ScheduledThreadPoolExecutor executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
        try (SourcePoller poller = new SourcePoller(config, List.of(source), store, clock, executor)) {
            poller.start();
            assertThat(source.done.await(20, TimeUnit.SECONDS)).as("five polls happened").isTrue();
        }
        assertThat(executor.isTerminated()).as("close() waited for the poll in flight; nothing runs after").isTrue();
        // The schedule may have started more polls before close(); every poll that started has finished.
        int polls = source.polls.get();
        assertThat(polls).isGreaterThanOrEqualTo(5);
        SourceState state = store.get("arxiv");
        assertThat(state.totalAdded()).as("2 added by each poll after the three that threw").isEqualTo(2L * (polls - 3));
        assertThat(state.consecutiveFailures()).isZero();
    }

    @Test
    void aProcessThatDoesNotLeadPollsNothingUntilItWinsTheLead() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger askedBeforePoll = new java.util.concurrent.atomic.AtomicInteger();
        LeaderLock winsOnTheFourthAsk = new LeaderLock() {
            @Override
            public boolean tryLead() {
                return asked.incrementAndGet() >= 4;
            }

            @Override
            public boolean leading() {
                return asked.get() >= 4;
            }

            @Override
            public void close() {
            }
        };
        FlakySource source = new FlakySource("arxiv", 0, 1) {
            @Override
            public Outcome poll(SourceState state, Consumer<String> progress) throws IOException {
                askedBeforePoll.compareAndSet(0, asked.get());
                return super.poll(state, progress);
            }
        };
        SourcesConfig config = config(Map.of("sources.hf.enabled", "false"));
        try (SourcePoller poller = new SourcePoller(config, List.of(source), store, clock,
                new java.util.concurrent.ScheduledThreadPoolExecutor(1)).leadWith(winsOnTheFourthAsk,
                Duration.ofMillis(20))) {
            poller.start();
            assertThat(source.done.await(20, TimeUnit.SECONDS)).as("polled once it led").isTrue();
        }
        assertThat(askedBeforePoll.get()).as("three refusals, then the lead").isEqualTo(4);
        assertThat(source.polls.get()).isEqualTo(1);
    }

    @Test
    void repeatedFailuresBackOffExponentiallyAndMarkTheSourceUnhealthyUntilAPollSucceeds() throws Exception {
        FlakySource source = new FlakySource("arxiv", 4, 5);
        SourcePoller poller = new SourcePoller(config(Map.of()), List.of(source), store, clock,
                new java.util.concurrent.ScheduledThreadPoolExecutor(1));
        List<Duration> waits = new java.util.ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            var thrown = assertThatThrownBy(() -> poller.pollOnce("arxiv", line -> { }));
            if (i % 2 == 1) {
                thrown.isExactlyInstanceOf(IllegalStateException.class).hasMessage("bug number " + i);
            } else {
                thrown.isExactlyInstanceOf(FetchException.class).hasMessage("HTTP 503 from example.org");
            }
            assertThat(source.polls.get()).isEqualTo(i);
            assertThat(store.get("arxiv").consecutiveFailures()).isEqualTo(i);
            waits.add(Duration.between(clock.instant(), store.get("arxiv").nextPollAt()));
            assertThat(poller.statuses().get(0).healthy()).isEqualTo(i < 3);
        }
        assertThat(waits).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(20),
                Duration.ofMinutes(40));
        assertThat(poller.statuses().get(0).lastError()).isEqualTo("HTTP 503 from example.org");

        PollResult ok = poller.pollOnce("arxiv", line -> { });

        assertThat(ok.added()).isEqualTo(2);
        assertThat(source.polls.get()).isEqualTo(5);
        assertThat(store.get("arxiv").consecutiveFailures()).isZero();
        assertThat(store.get("arxiv").totalAdded()).isEqualTo(2);
        SourceStatus status = poller.statuses().get(0);
        assertThat(status.healthy()).isTrue();
        assertThat(status.lastError()).isNull();
        assertThat(status.lastSuccess()).isEqualTo(clock.instant());
        assertThat(store.get("arxiv").nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        poller.close();
    }

    @Test
    void backoffIsCappedSoABrokenSourceIsStillTriedNowAndThen() {
        SourcePoller poller = new SourcePoller(config(Map.of()), List.of(), store, clock,
                new java.util.concurrent.ScheduledThreadPoolExecutor(1));
        assertThat(poller.failureDelay(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(poller.failureDelay(7)).isEqualTo(Duration.ofHours(5).plusMinutes(20));
        assertThat(poller.failureDelay(8)).isEqualTo(Duration.ofHours(6));
        assertThat(poller.failureDelay(1000)).isEqualTo(Duration.ofHours(6));
        poller.close();
    }

    @Test
    void aRestartWaitsForTheStoredNextPollInsteadOfPollingAtOnce() throws Exception {
        FlakySource first = new FlakySource("arxiv", 0, 1);
        SourcePoller poller = new SourcePoller(config(Map.of()), List.of(first), store, clock,
                new java.util.concurrent.ScheduledThreadPoolExecutor(1));
        poller.pollOnce("arxiv", line -> { });
        poller.close();

        FlakySource afterRestart = new FlakySource("arxiv", 0, 1);
        try (SourcePoller restarted = new SourcePoller(config(Map.of()), List.of(afterRestart),
                new SourceStateStore(db), clock, new java.util.concurrent.ScheduledThreadPoolExecutor(1))) {
            restarted.start();
            assertThat(afterRestart.done.await(300, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(restarted.statuses().get(0).nextPoll()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        }
    }

    @Test
    void anUnknownSourceNameIsRefusedNamingTheKnownOnes() {
        SourcePoller poller = new SourcePoller(config(Map.of()), List.of(new FlakySource("arxiv", 0, 1),
                new FlakySource("hf", 0, 1)), store, clock, new java.util.concurrent.ScheduledThreadPoolExecutor(1));
        assertThatThrownBy(() -> poller.pollOnce("rss", line -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown source 'rss'; choose one of arxiv, hf");
        poller.close();
    }
}
