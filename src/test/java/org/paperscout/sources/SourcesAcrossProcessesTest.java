package org.paperscout.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.store.EmbeddedPg;

/**
 * Issue #11's sources part as it runs: two bot processes ({@link FeedBotChild}) on one embedded PostgreSQL, each
 * with its own data folder and index. Exactly one polls; a paper it ingests is found by the other's search within
 * seconds; after a kill -9 of the poller the other takes over, polls, and finds the next new paper.
 */
class SourcesAcrossProcessesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The children's stderr (their logs), appended; read it when the test fails. */
    private static final Path LOG = Path.of("target", "feed-child.log");
    private static final String DIFFUSION = "2611.20004";
    private static final String SPARSE = "2611.20005";

    @Test
    void oneProcessPollsTheOtherSearchesWhatItIngestedAndTakesOverWhenItIsKilled(@TempDir Path a, @TempDir Path b)
            throws Exception {
        String store = EmbeddedPg.newDatabaseUrl();
        byte[] page1 = Harness.fixture("arxiv/page1.xml");
        try (FixtureServer arxiv = new FixtureServer()) {
            // First only the older paper is on arXiv; the newer one appears later.
            arxiv.routes(r -> "0".equals(r.param("start"))
                    ? FixtureServer.Response.ok(withoutFirstEntry(page1), Harness.ATOM)
                    : FixtureServer.Response.ok(Harness.emptyFeed(), Harness.ATOM));
            String url = arxiv.url("/api/query").toString();
            Child first = Child.start(a, store, url, "bot-a");
            Child second = Child.start(b, store, url, "bot-b");
            try {
                first.awaitLine("started");
                second.awaitLine("started");
                awaitLeader(first, second);
                Child leader = first.ask("leader?").equals("leader true") ? first : second;
                Child follower = leader == first ? second : first;
                assertThat(follower.ask("leader?")).isEqualTo("leader false");

                long found = awaitHit(follower, "calibrated uncertainty diffusion policies", DIFFUSION);
                System.out.printf("the follower found the leader's new paper %d ms after it asked first%n", found);
                assertThat(leader.ask("search calibrated uncertainty diffusion policies")).isEqualTo("hits " + DIFFUSION);
                // Two polls a second apart, and every request came from the one leader.
                long polling = System.nanoTime();
                while (arxiv.requests().size() < 4) {
                    assertThat(System.nanoTime() - polling).as("polled again").isLessThan(WAIT.toNanos());
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                List<String> agents = arxiv.requests().stream().map(r -> r.header("User-Agent")).distinct().toList();
                assertThat(agents).containsExactly(leader.agent);

                arxiv.routes(r -> "0".equals(r.param("start")) ? FixtureServer.Response.ok(page1, Harness.ATOM)
                        : FixtureServer.Response.ok(Harness.emptyFeed(), Harness.ATOM));
                leader.kill();
                long start = System.nanoTime();
                while (!follower.ask("leader?").equals("leader true")) {
                    assertThat(System.nanoTime() - start).as("took over within a minute").isLessThan(WAIT.toNanos());
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                System.out.printf("the follower led %d ms after the kill%n", (System.nanoTime() - start) / 1_000_000);
                awaitHit(follower, "sparse retrieval heads", SPARSE);
                assertThat(arxiv.requests().get(arxiv.requests().size() - 1).header("User-Agent"))
                        .isEqualTo(follower.agent);
            } finally {
                first.kill();
                second.kill();
            }
        }
    }

    private static byte[] withoutFirstEntry(byte[] feed) {
        String xml = new String(feed, StandardCharsets.UTF_8);
        int from = xml.indexOf("<entry>");
        int to = xml.indexOf("</entry>") + "</entry>".length();
        return (xml.substring(0, from) + xml.substring(to)).getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitLeader(Child first, Child second) throws Exception {
        long start = System.nanoTime();
        while (!first.ask("leader?").equals("leader true") && !second.ask("leader?").equals("leader true")) {
            assertThat(System.nanoTime() - start).as("a leader within a minute").isLessThan(WAIT.toNanos());
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Asks {@code child} to search until {@code id} is the top hit; returns how long that took, in ms. */
    private static long awaitHit(Child child, String query, String id) throws Exception {
        long start = System.nanoTime();
        while (!child.ask("search " + query).equals("hits " + id)) {
            assertThat(System.nanoTime() - start).as("found within a minute").isLessThan(WAIT.toNanos());
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** One {@link FeedBotChild} process: lines in, lines out. */
    private static final class Child {
        final Process process;
        final String agent;
        final PrintStream in;
        final BlockingQueue<String> out = new LinkedBlockingQueue<>();

        private Child(Process process, String agent) {
            this.process = process;
            this.agent = agent;
            this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        out.add(line);
                    }
                } catch (IOException ignored) {
                    // the pipe breaks when the child dies
                }
            }, "feed-child-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path data, String store, String arxivUrl, String agent) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), FeedBotChild.class.getName(),
                    data.resolve("data").toString(), store, arxivUrl, agent));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(LOG.toFile()));
            builder.environment().put("PAPERSCOUT_LOG_LEVEL", "INFO");
            return new Child(builder.start(), agent);
        }

        void awaitLine(String expected) throws InterruptedException {
            String line = out.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(line).as(agent + " printed").isEqualTo(expected);
        }

        String ask(String question) throws InterruptedException {
            in.println(question);
            String answer = out.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(answer).as(agent + " answered " + question).isNotNull();
            return answer;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
