package org.paperscout.sources;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A local HTTP server standing in for arXiv and Hugging Face: routes answer by request, scripted one-shot
 * responses (faults) go first, and every request is recorded with the time it arrived.
 */
final class FixtureServer implements AutoCloseable {

    record Request(long receivedNanos, String method, URI uri, Map<String, String> headers) {
        String path() {
            return uri.getPath();
        }

        String param(String name) {
            return params().get(name);
        }

        Map<String, String> params() {
            Map<String, String> out = new LinkedHashMap<>();
            String q = uri.getRawQuery();
            if (q != null) {
                for (String pair : q.split("&")) {
                    int eq = pair.indexOf('=');
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return out;
        }

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /**
     * @param delayMillis  wait this long before answering (a slow server)
     * @param sendBytes    send only this many bytes of the body, then drop the connection (-1: all)
     * @param streamBytes  instead of {@code body}, stream this many bytes without a length (a huge body)
     */
    record Response(int status, Map<String, String> headers, byte[] body, long delayMillis, int sendBytes,
                    long streamBytes) {

        static Response ok(byte[] body, String contentType) {
            return new Response(200, Map.of("Content-Type", contentType), body, 0, -1, 0);
        }

        static Response status(int status) {
            return new Response(status, Map.of(), new byte[0], 0, -1, 0);
        }

        static Response huge(long bytes) {
            return new Response(200, Map.of("Content-Type", "application/atom+xml"), new byte[0], 0, -1, bytes);
        }

        Response header(String name, String value) {
            Map<String, String> h = new HashMap<>(headers);
            h.put(name, value);
            return new Response(status, h, body, delayMillis, sendBytes, streamBytes);
        }

        Response delayed(long millis) {
            return new Response(status, headers, body, millis, sendBytes, streamBytes);
        }

        Response cutAfter(int bytes) {
            return new Response(status, headers, body, delayMillis, bytes, streamBytes);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Request> requests = new ArrayList<>();
    private final ConcurrentLinkedDeque<Response> scripted = new ConcurrentLinkedDeque<>();
    private volatile Function<Request, Response> routes = r -> Response.status(404);

    FixtureServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    void routes(Function<Request, Response> r) {
        routes = r;
    }

    /** The next requests get these, in order, before the routes answer again. */
    void script(Response... responses) {
        scripted.addAll(List.of(responses));
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        long now = System.nanoTime();
        Map<String, String> headers = new HashMap<>();
        Headers h = ex.getRequestHeaders();
        h.forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        Request request = new Request(now, ex.getRequestMethod(), ex.getRequestURI(), headers);
        synchronized (requests) {
            requests.add(request);
        }
        Response response = scripted.poll();
        if (response == null) {
            response = routes.apply(request);
        }
        try {
            if (response.delayMillis() > 0) {
                Thread.sleep(response.delayMillis());
            }
            response.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            if (response.status() == 304 || response.status() == 204) {
                ex.sendResponseHeaders(response.status(), -1);
            } else if (response.streamBytes() > 0) {
                ex.sendResponseHeaders(response.status(), 0);
                try (OutputStream out = ex.getResponseBody()) {
                    byte[] chunk = "<!-- padding -->".repeat(1024).getBytes(StandardCharsets.US_ASCII);
                    out.write("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                            .getBytes(StandardCharsets.US_ASCII));
                    for (long sent = 0; sent < response.streamBytes(); sent += chunk.length) {
                        out.write(chunk);
                    }
                }
            } else {
                byte[] body = response.body();
                ex.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    OutputStream out = ex.getResponseBody();
                    if (response.sendBytes() >= 0) {
                        out.write(body, 0, response.sendBytes());
                        out.flush();
                        // Fewer bytes than Content-Length promised: the server drops the connection.
                        throw new IOException("cut on purpose");
                    }
                    out.write(body);
                    out.close();
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up (timeout, size cap) or the fault is a dropped connection
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
