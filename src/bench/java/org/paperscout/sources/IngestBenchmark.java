package org.paperscout.sources;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.paperscout.catalog.ArxivAtomReader;
import org.paperscout.config.Settings;
import org.paperscout.search.PaperIndex;
import org.paperscout.store.Database;
import org.paperscout.store.StoreConfig;

/**
 * Ingest throughput: a local server serves 100,000 generated papers as arXiv Atom pages of 1,000; the real
 * poller fetches, parses, merges and indexes them into a fresh Lucene index with the politeness delay at 0, so
 * the figure is the bot's own speed. Also times parsing alone, and samples heap use.
 *
 * <p>Run: {@code bench ingest [papers]} (default 100,000) with {@code -Dbench.jvm=-Xmx1g} (README, "Benchmarks").
 */
public final class IngestBenchmark {

    static final int PAGE = 1_000;
    private static final String[] WORDS = ("model language training data attention transformer diffusion retrieval "
            + "benchmark reasoning agent policy reward learning graph vision token sparse dense memory scaling law "
            + "robust adversarial federated privacy causal inference kernel optimisation gradient convergence "
            + "contrastive representation embedding fine-tuning instruction alignment preference evaluation metric "
            + "segmentation detection generation sampling latent variational bayesian uncertainty calibration "
            + "compression quantisation pruning distillation efficient hardware speech audio video multimodal "
            + "protein molecule chemistry physics climate medical clinical legal code program synthesis").split(" ");

    public static void main(String[] args) throws Exception {
        int papers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path work = Files.createTempDirectory("paperscout-bench");
        try {
            run(papers, work);
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void run(int papers, Path work) throws Exception {
        Path pages = Files.createDirectories(work.resolve("pages"));
        int pageCount = (papers + PAGE - 1) / PAGE;
        long bytes = 0;
        for (int p = 0; p < pageCount; p++) {
            byte[] page = page(p * PAGE, Math.min(PAGE, papers - p * PAGE), papers);
            Files.write(pages.resolve(p * PAGE + ".xml"), page);
            bytes += page.length;
        }
        byte[] empty = page(papers, 0, papers);
        System.out.printf("generated %,d papers in %d pages, %.1f MB of Atom%n", papers, pageCount, bytes / 1e6);

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", ex -> {
            String start = ex.getRequestURI().getQuery().replaceAll(".*start=(\\d+).*", "$1");
            Path file = pages.resolve(start + ".xml");
            byte[] body = Files.exists(file) ? Files.readAllBytes(file) : empty;
            ex.getResponseHeaders().add("Content-Type", "application/atom+xml");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();


        Map<String, String> values = new HashMap<>();
        values.put("sources.arxiv.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/api/query");
        values.put("sources.arxiv.page-size", String.valueOf(PAGE));
        values.put("sources.arxiv.max-pages", String.valueOf(pageCount + 1));
        values.put("sources.arxiv.min-interval", "0s");
        values.put("sources.hf.enabled", "false");
        SourcesConfig config = SourcesConfig.from(Settings.of(values));
        warmUp(config, work.resolve("warm-up"));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        try (PaperIndex index = PaperIndex.open(work.resolve("index"));
             Database db = Database.open(work, StoreConfig.defaults(), Clock.systemUTC());
             SourcePoller poller = new SourcePoller(config, db, index, Clock.systemUTC())) {
            System.gc();
            long heapBefore = memory.getHeapMemoryUsage().getUsed();
            sampler.start();
            long start = System.nanoTime();
            PollResult result = poller.pollOnce("arxiv", line -> { });
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            sampler.join();
            System.out.printf("fetch+parse+index:     %,d papers in %.2f s = %,.0f papers/s (%d requests, %d in the index)%n",
                    result.added(), seconds, result.added() / seconds, result.requests(), index.size());
            System.out.printf("heap: %.0f MB before, peak %.0f MB during (max heap %.0f MB)%n", heapBefore / 1e6,
                    peakHeap.get() / 1e6, memory.getHeapMemoryUsage().getMax() / 1e6);

            // A second poll of the same pages: everything is unchanged, nothing is written.
            long again = System.nanoTime();
            PollResult second = poller.pollOnce("arxiv", line -> { });
            double secondSeconds = (System.nanoTime() - again) / 1e9;
            System.out.printf("re-poll (stops at the last seen paper): %d requests in %.2f s%n", second.requests(),
                    secondSeconds);
            System.out.printf("politeness: at arXiv's 3 s per request, %d pages take at least %d s%n", pageCount,
                    Duration.ofSeconds(3L * (pageCount - 1)).toSeconds());
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
        // Parsing alone, for reference (after the ingest, so the JIT is warm for both).
        ArxivAtomReader reader = new ArxivAtomReader();
        long parseStart = System.nanoTime();
        int parsed = 0;
        for (int p = 0; p < pageCount; p++) {
            byte[] page = Files.readAllBytes(pages.resolve(p * PAGE + ".xml"));
            parsed += reader.readPage("bench", new ByteArrayInputStream(page)).result().papers().size();
        }
        double parseSeconds = (System.nanoTime() - parseStart) / 1e9;
        System.out.printf("parse only:            %,d papers in %.2f s = %,.0f papers/s%n", parsed, parseSeconds,
                parsed / parseSeconds);
    }

    /** The same ingest, 10 pages into a throwaway index, so the measured run is not the JIT's first. */
    private static void warmUp(SourcesConfig config, Path dir) throws Exception {
        SourcesConfig tenPages = new SourcesConfig(config.arxivEnabled(), config.arxivUrl(), config.arxivCategories(),
                config.arxivPageSize(), 10, config.arxivMinInterval(), false, config.hfUrl(), 1,
                config.pollInterval(), config.connectTimeout(), config.requestTimeout(), config.maxResponseBytes(),
                config.maxAttempts(), config.retryBaseDelay(), config.retryMaxDelay(), config.unhealthyAfter(),
                config.failureBackoff(), config.failureBackoffMax(), config.userAgent(), config.followInterval());
        try (PaperIndex index = PaperIndex.open(dir.resolve("index"));
             Database db = Database.open(dir, StoreConfig.defaults(), Clock.systemUTC());
             SourcePoller poller = new SourcePoller(tenPages, db, index, Clock.systemUTC())) {
            long start = System.nanoTime();
            PollResult r = poller.pollOnce("arxiv", line -> { });
            System.out.printf("warm-up:               %,d papers in %.2f s%n", r.added(),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** One Atom page of {@code count} papers starting at result {@code start}, newest first. */
    static byte[] page(int start, int count, int total) {
        StringBuilder sb = new StringBuilder(count * 1_600 + 1_000);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
                .append("  <title type=\"html\">ArXiv Query: benchmark</title>\n")
                .append("  <opensearch:totalResults xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\">")
                .append(total).append("</opensearch:totalResults>\n")
                .append("  <opensearch:startIndex xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\">")
                .append(start).append("</opensearch:startIndex>\n")
                .append("  <opensearch:itemsPerPage xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\">")
                .append(PAGE).append("</opensearch:itemsPerPage>\n");
        for (int i = start; i < start + count; i++) {
            int n = total - i; // newest first
            Random r = new Random(n);
            String id = String.format("%04d.%05d", 2411 + n / 99_999 % 2, n % 99_999 + 1);
            LocalDate date = LocalDate.of(2026, 11, 28).minusDays(i / 500);
            sb.append("  <entry>\n    <id>http://arxiv.org/abs/").append(id).append("v1</id>\n")
                    .append("    <updated>").append(date).append("T12:00:00Z</updated>\n")
                    .append("    <published>").append(date).append("T12:00:00Z</published>\n")
                    .append("    <title>").append(words(r, 6 + r.nextInt(8))).append(" ").append(n).append("</title>\n")
                    .append("    <summary>  ").append(words(r, 120 + r.nextInt(80))).append(".\n</summary>\n");
            for (int a = 0; a < 1 + r.nextInt(5); a++) {
                sb.append("    <author>\n      <name>Author").append(r.nextInt(5_000)).append(" Name")
                        .append(r.nextInt(500)).append("</name>\n    </author>\n");
            }
            sb.append("    <link href=\"http://arxiv.org/abs/").append(id).append("v1\" rel=\"alternate\" type=\"text/html\"/>\n")
                    .append("    <link title=\"pdf\" href=\"http://arxiv.org/pdf/").append(id)
                    .append("v1\" rel=\"related\" type=\"application/pdf\"/>\n")
                    .append("    <arxiv:primary_category xmlns:arxiv=\"http://arxiv.org/schemas/atom\" term=\"cs.LG\" ")
                    .append("scheme=\"http://arxiv.org/schemas/atom\"/>\n")
                    .append("    <category term=\"cs.LG\" scheme=\"http://arxiv.org/schemas/atom\"/>\n")
                    .append("    <category term=\"").append(SourcesConfig.DEFAULT_CATEGORIES.get(r.nextInt(5)))
                    .append("\" scheme=\"http://arxiv.org/schemas/atom\"/>\n  </entry>\n");
        }
        return sb.append("</feed>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String words(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(WORDS[r.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }
}
