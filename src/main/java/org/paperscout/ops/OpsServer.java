package org.paperscout.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.paperscout.util.DaemonThreads;

/**
 * The operator's port: {@code /metrics} (Prometheus text), {@code /healthz} (the process answers) and
 * {@code /readyz} (every {@link Health} check passes: 200, else 503), each JSON but the first. On the JDK's own
 * HTTP server, two threads, bound to loopback unless configured otherwise, since metrics are not for the world.
 */
public final class OpsServer implements Closeable {

    private final HttpServer server;
    private final ExecutorService threads;

    private OpsServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Starts serving on {@code host:port} ({@code port} 0 picks a free one). */
    public static OpsServer start(String host, int port, Telemetry telemetry, Health health) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                telemetry.scrape()));
        server.createContext("/healthz", ex -> respond(ex, 200, "application/json", "{\"status\":\"ok\"}"));
        server.createContext("/readyz", ex -> {
            List<Health.Check> checks = health.run();
            respond(ex, checks.stream().allMatch(Health.Check::ok) ? 200 : 503, "application/json",
                    Health.json(checks));
        });
        ExecutorService threads = Executors.newFixedThreadPool(2, DaemonThreads.numbered("ops-http"));
        server.setExecutor(threads);
        server.start();
        return new OpsServer(server, threads);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = "HEAD".equals(ex.getRequestMethod());
            ex.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
