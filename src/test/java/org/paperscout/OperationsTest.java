package org.paperscout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.commands.Invocation;
import org.paperscout.config.Settings;

/**
 * The whole composition with a metrics port: a /search through the commands moves the interaction counter and the
 * search histogram in a scrape, and /readyz turns 503 while the data folder refuses writes, then 200 again.
 */
class OperationsTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSearchShowsInTheScrapeAndReadinessFollowsTheDataFolder() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path data = dir.resolve("data");
        Settings settings = Settings.of(Map.of("data.dir", data.toString(), "seeds.dir", "seeds",
                "metrics.port", String.valueOf(port), "search.semantic", "false"));
        try (PaperScout app = PaperScout.open(settings, Clock.systemUTC())) {
            app.seedIfEmpty((done, total) -> { });
            app.startOperations("console", () -> null);
            String before = get(port, "/metrics").body();
            assertThat(value(before, "paperscout_interactions_total{command=\"search\",outcome=\"answered\"}"))
                    .isEqualTo(0);
            app.commands().run(new Invocation("u1", "u1", null, null, Locale.ENGLISH, "search", null,
                    Map.of("query", "memorization"), false));
            app.commands().run(new Invocation("u1", "u1", null, null, Locale.ENGLISH, "follow", "topic",
                    Map.of("topic", "memorization"), false));
            String after = get(port, "/metrics").body();
            assertThat(value(after, "paperscout_interactions_total{command=\"search\",outcome=\"answered\"}"))
                    .isEqualTo(1);
            assertThat(value(after, "paperscout_search_latency_seconds_count")).isEqualTo(1);
            assertThat(value(after, "paperscout_index_papers")).isGreaterThan(0);
            assertThat(value(after, "paperscout_sources_leader")).as("one process on SQLite always polls").isEqualTo(1);
            assertThat(value(after, "paperscout_index_refresh_seconds_count")).as("the seeding refreshed").isPositive();
            assertThat(after).containsPattern(
                    "(?m)^paperscout_store_write_latency_seconds_count\\{kind=\"(fast|durable)\"\\} [1-9]");
            assertThat(dashboardMetrics()).isNotEmpty().allSatisfy(metric -> assertThat(after)
                    .as("config/grafana-dashboard.json queries %s", metric).containsPattern("(?m)^" + metric + "[{ ]"));

            assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
            // A file system that refuses writes, made so even as root (who ignores permission bits): the probe's
            // own path taken by a folder.
            Path probe = Files.createDirectories(data.resolve(".ready-probe").resolve("x"));
            HttpResponse<String> down = get(port, "/readyz");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"name\":\"database\",\"ok\":false").contains("does not take writes");
            Files.delete(probe);
            Files.delete(probe.getParent());
            assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
            assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
        }
    }

    /** Every series name the dashboard's queries use. */
    private static java.util.Set<String> dashboardMetrics() throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Path.of("config", "grafana-dashboard.json").toFile());
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (com.fasterxml.jackson.databind.JsonNode panel : dashboard.path("panels")) {
            for (com.fasterxml.jackson.databind.JsonNode target : panel.path("targets")) {
                Matcher m = Pattern.compile("\\b((?:paperscout|jvm|process)_[a-z_]+)").matcher(
                        target.path("expr").asText());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
