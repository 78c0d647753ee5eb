package org.paperscout.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.paperscout.config.Settings;

class HttpFetcherTest {

    @Test
    void closingEndsARequestUnderWayAndAnyFurtherWaitWithoutInterruptingTheCaller() throws Exception {
        try (FixtureServer server = new FixtureServer()) {
            server.routes(r -> FixtureServer.Response.status(503).delayed(5_000));
            SourcesConfig config = SourcesConfig.from(Settings.of(Map.of("sources.request-timeout", "20s")));
            HttpFetcher fetcher = new HttpFetcher(HttpClient.newHttpClient(), config, Clock.systemUTC(), null, () -> 0.5);

            CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    fetcher.get(server.url("/slow"), HttpFetcher.Validators.NONE, Duration.ZERO);
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            while (server.requests().isEmpty()) {
                Thread.onSpinWait();
            }
            fetcher.close();

            assertThat(outcome.get(3, TimeUnit.SECONDS)).isInstanceOf(FetchException.class)
                    .hasMessageContaining("shutting down");
            assertThatThrownBy(() -> fetcher.get(server.url("/again"), HttpFetcher.Validators.NONE, Duration.ZERO))
                    .isInstanceOf(FetchException.class).hasMessageContaining("shutting down");
            assertThat(server.requests()).hasSize(1);
        }
    }
}
