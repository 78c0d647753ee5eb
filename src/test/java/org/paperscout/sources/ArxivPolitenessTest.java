package org.paperscout.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * arXiv asks for at most one request every 3 seconds. This is the one test that waits for real: three pages,
 * so about six seconds.
 */
class ArxivPolitenessTest {

    /** The client spaces request starts; the server sees arrivals, which network jitter can shift a little. */
    static final Duration SLACK = Duration.ofMillis(100);

    @Test
    void requestsToArxivStartAtLeastThreeSecondsApart(@TempDir Path dir) throws Exception {
        try (Harness h = new Harness(dir, Map.of("sources.arxiv.min-interval", "3s"), true)) {
            h.serveArxivPages();

            h.poller.pollOnce("arxiv", line -> { });

            List<FixtureServer.Request> requests = h.server.requests();
            assertThat(requests).hasSize(3);
            for (int i = 1; i < requests.size(); i++) {
                Duration gap = Duration.ofNanos(requests.get(i).receivedNanos() - requests.get(i - 1).receivedNanos());
                assertThat(gap).as("gap before request %d", i + 1)
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(3).minus(SLACK));
            }
            assertThat(h.index.size()).isEqualTo(5);
        }
    }
}
