package org.paperscout.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * arXiv asks for at most one request every 3 seconds. The fetcher's time stands still except while it waits
 * (Harness), so the waits it asks for are exactly the spacing, with no real 6 seconds spent.
 */
class ArxivPolitenessTest {

    @Test
    void requestsToArxivStartAtLeastThreeSecondsApart(@TempDir Path dir) throws Exception {
        try (Harness h = new Harness(dir, Map.of("sources.arxiv.min-interval", "3s"))) {
            h.serveArxivPages();

            h.poller.pollOnce("arxiv", line -> { });

            assertThat(h.server.requests()).hasSize(3);
            assertThat(h.sleeps).as("a wait before the second and the third page")
                    .containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
            assertThat(h.nanos.get()).isEqualTo(Duration.ofSeconds(6).toNanos());
            assertThat(h.index.size()).isEqualTo(5);
        }
    }

    @Test
    void timeAlreadyPassedSinceThePreviousRequestCountsTowardsTheSpacing(@TempDir Path dir) throws Exception {
        try (Harness h = new Harness(dir, Map.of("sources.arxiv.min-interval", "3s"))) {
            h.serveArxivPages();
            h.poller.pollOnce("arxiv", line -> { });
            h.sleeps.clear();
            h.serveArxivPages();
            h.nanos.addAndGet(Duration.ofMillis(2500).toNanos());

            h.poller.pollOnce("arxiv", line -> { });

            assertThat(h.sleeps).as("0.5 s left of the first wait, then full waits")
                    .startsWith(Duration.ofMillis(500));
        }
    }
}
