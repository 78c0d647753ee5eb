package org.paperscout;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code paperscout ingest --from arxiv|hf} against a local server standing in for arXiv. */
class IngestFromSourceTest {

    @TempDir
    Path data;
    HttpServer server;
    volatile int status = 200;

    @BeforeEach
    void serve() throws Exception {
        byte[] page1;
        try (InputStream in = getClass().getResourceAsStream("/sources/arxiv/page1.xml")) {
            page1 = in.readAllBytes();
        }
        byte[] empty = "<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>".getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestURI().getQuery().contains("start=0&") ? page1 : empty;
            if (status != 200) {
                ex.sendResponseHeaders(status, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    record Run(int code, String out, String err) {
    }

    Run ingest(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("PAPERSCOUT_DATA_DIR", data.toString());
        env.put("PAPERSCOUT_SOURCES_ARXIV_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/api/query");
        env.put("PAPERSCOUT_SOURCES_ARXIV_MIN_INTERVAL", "0s");
        env.put("PAPERSCOUT_SOURCES_RETRY_MAX_ATTEMPTS", "1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] full = new String[args.length + 1];
        full[0] = "ingest";
        System.arraycopy(args, 0, full, 1, args.length);
        int code = Main.execute(full, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true),
                new PrintStream(err, true), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void pollsOnceWithAProgressLineAndASummary() {
        Run run = ingest("--from", "arxiv");

        assertThat(run.code()).isZero();
        assertThat(run.err()).contains("arxiv: page 1, 2 entries read");
        assertThat(run.out()).isEqualTo("arxiv: 2 new, 0 updated, 0 unchanged, 0 skipped (1 request)"
                + System.lineSeparator() + "The index now holds 2 papers." + System.lineSeparator());

        Run again = ingest("--from", "arxiv");
        assertThat(again.out()).startsWith("arxiv: 0 new, 0 updated, 2 unchanged");
    }

    @Test
    void aFailedPollSaysWhatWentWrongAndExitsNonZero() {
        status = 503;

        Run run = ingest("--from", "arxiv");

        assertThat(run.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.err()).contains("Polling arxiv failed: HTTP 503 from 127.0.0.1");
    }

    @Test
    void anUnknownSourceOrNoInputIsAUsageError() {
        Run unknown = ingest("--from", "rss");
        assertThat(unknown.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(unknown.err()).contains("Unknown source 'rss': use --from arxiv or --from hf.");

        Run nothing = ingest();
        assertThat(nothing.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(nothing.err()).startsWith("Say what to load: files or folders").doesNotContain("not both");
    }
}
