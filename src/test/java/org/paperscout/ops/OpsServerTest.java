package org.paperscout.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class OpsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void metricsShowWhatWasRecordedUnderPaperscoutNamesWithBoundedLabels() throws Exception {
        Telemetry t = Telemetry.prometheus();
        t.interaction("search", Telemetry.Outcome.ANSWERED, 3_000_000);
        t.interaction("search", Telemetry.Outcome.USER_ERROR, 1_000_000);
        t.search(2_000_000, false);
        t.search(100_000, true);
        t.gauge("paperscout.index.papers", "Papers in the index", () -> 62);
        try (OpsServer server = OpsServer.start("127.0.0.1", 0, t, new Health())) {
            HttpResponse<String> r = get(server, "/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(r.body())
                    .contains("paperscout_interactions_total{command=\"search\",outcome=\"answered\"} 1.0")
                    .contains("paperscout_interactions_total{command=\"search\",outcome=\"user_error\"} 1.0")
                    .contains("paperscout_search_latency_seconds_count 2")
                    .contains("paperscout_search_cache_total{result=\"hit\"} 1.0")
                    .contains("paperscout_index_papers 62.0")
                    .contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void readinessIs503AndNamesTheFailingCheckAndLivenessStays200() throws Exception {
        boolean[] writable = {true};
        Health health = new Health().add("index", () -> null)
                .add("database", () -> writable[0] ? null : "the data folder does not take writes");
        try (OpsServer server = OpsServer.start("127.0.0.1", 0, Telemetry.prometheus(), health)) {
            assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
            writable[0] = false;
            HttpResponse<String> down = get(server, "/readyz");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).isEqualTo("{\"status\":\"failing\",\"checks\":[{\"name\":\"index\",\"ok\":true,"
                    + "\"detail\":\"ok\"},{\"name\":\"database\",\"ok\":false,\"detail\":\"the data folder does not take"
                    + " writes\"}]}");
            assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
            writable[0] = true;
            assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aProbeThatThrowsFailsWithItsMessageAndOnlyGetIsServed() throws Exception {
        Health health = new Health().add("sources", () -> {
            throw new IllegalStateException("arXiv \"down\"");
        });
        try (OpsServer server = OpsServer.start("127.0.0.1", 0, Telemetry.OFF, health)) {
            assertThat(get(server, "/readyz").body()).contains("\"detail\":\"arXiv \\\"down\\\"\"");
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri(server, "/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(get(server, "/metrics").body()).isEmpty();
        }
    }

    @Test
    void theContainerProbeExitsOnReadiness() throws Exception {
        boolean[] ok = {true};
        try (OpsServer server = OpsServer.start("127.0.0.1", 0, Telemetry.OFF,
                new Health().add("index", () -> ok[0] ? null : "closed"))) {
            assertThat(ReadyProbe.ready(uri(server, "/readyz").toString())).isTrue();
            ok[0] = false;
            assertThat(ReadyProbe.ready(uri(server, "/readyz").toString())).isFalse();
        }
        assertThat(ReadyProbe.ready("http://127.0.0.1:1/readyz")).isFalse();
    }

    @Test
    void aMeterOutsideThePaperscoutNamespaceIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Telemetry.OFF.gauge("index.papers", "x", () -> 1));
    }

    private HttpResponse<String> get(OpsServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(server, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(OpsServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
