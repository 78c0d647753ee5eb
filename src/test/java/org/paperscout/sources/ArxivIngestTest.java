package org.paperscout.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.UnreadableInputException;
import org.paperscout.sources.FixtureServer.Request;
import org.paperscout.sources.FixtureServer.Response;

class ArxivIngestTest {

    static final List<String> FIRST_FIVE = List.of("2611.20001", "2611.20002", "2611.20003", "2611.20004", "2611.20005");

    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void open() throws IOException {
        h = new Harness(dir, Map.of());
        h.serveArxivPages();
    }

    @AfterEach
    void close() throws IOException {
        h.close();
    }

    PollResult poll() throws Exception {
        return h.poller.pollOnce("arxiv", line -> { });
    }

    @Test
    void firstPollReadsEveryPageNewestFirstAndIndexesExactlyThosePapers() throws Exception {
        PollResult result = poll();

        assertThat(result.added()).isEqualTo(5);
        assertThat(result.skipped()).isZero();
        assertThat(h.ids()).containsExactlyElementsOf(FIRST_FIVE);
        List<Request> requests = h.server.requests();
        assertThat(requests).extracting(r -> r.param("start")).containsExactly("0", "2", "4");
        Request first = requests.get(0);
        assertThat(first.params()).containsEntry("search_query", "cat:cs.CL OR cat:cs.LG")
                .containsEntry("sortBy", "submittedDate").containsEntry("sortOrder", "descending")
                .containsEntry("max_results", "2");
        assertThat(first.header("User-Agent")).isEqualTo(SourcesConfig.DEFAULT_USER_AGENT);

        Paper p = h.index.get("2611.20005").orElseThrow();
        assertThat(p.title()).isEqualTo("Sparse Retrieval Heads in Long-Context Transformers");
        assertThat(p.authors()).containsExactly("Ada Byron", "Lin Wei");
        assertThat(p.categories()).containsExactly("cs.CL", "cs.LG");
        assertThat(p.source()).isEqualTo("arxiv");

        SourceState state = h.state("arxiv");
        assertThat(state.lastSeenId()).isEqualTo("2611.20005");
        assertThat(state.lastSeenDate()).hasToString("2026-11-27");
        assertThat(state.totalAdded()).isEqualTo(5);
        assertThat(state.lastSuccessAt()).isEqualTo(h.clock.instant());
        assertThat(state.nextPollAt()).isEqualTo(h.clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void pollingAgainIsIdempotentAndStopsAtWhatItSawLast() throws Exception {
        poll();
        List<Paper> before = h.snapshot();
        h.server.clearRequests();

        PollResult again = poll();

        assertThat(again.added()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(h.snapshot()).isEqualTo(before);
        assertThat(h.server.requests()).hasSize(1); // page 1 holds the newest paper seen last time
    }

    @Test
    void aNewPaperOnTopIsAddedFromTheFirstPageOnly() throws Exception {
        poll();
        h.server.clearRequests();
        h.server.routes(r -> Response.ok(Harness.fixture("arxiv/new-page1.xml"), Harness.ATOM));

        PollResult result = poll();

        assertThat(result.added()).isEqualTo(1);
        assertThat(h.server.requests()).hasSize(1);
        assertThat(h.index.size()).isEqualTo(6);
        assertThat(h.state("arxiv").lastSeenId()).isEqualTo("2611.20006");
        assertThat(h.state("arxiv").lastSeenDate()).hasToString("2026-11-28");
    }

    @Test
    void conditionalRequestsUseTheStoredEtagAndA304ChangesNothing() throws Exception {
        h.server.routes(r -> {
            if ("\"v1\"".equals(r.header("If-None-Match"))) {
                return Response.status(304);
            }
            byte[] body = Harness.fixture(switch (r.param("start")) {
                case "0" -> "arxiv/page1.xml";
                case "2" -> "arxiv/page2.xml";
                default -> "arxiv/page3.xml";
            });
            return Response.ok(body, Harness.ATOM).header("ETag", "\"v1\"")
                    .header("Last-Modified", "Sat, 28 Nov 2026 09:00:00 GMT");
        });
        poll();
        List<Paper> before = h.snapshot();
        h.server.clearRequests();

        PollResult result = poll();

        assertThat(result.notModified()).isTrue();
        assertThat(h.server.requests()).singleElement().satisfies(r -> {
            assertThat(r.header("If-None-Match")).isEqualTo("\"v1\"");
            assertThat(r.header("If-Modified-Since")).isEqualTo("Sat, 28 Nov 2026 09:00:00 GMT");
        });
        assertThat(h.snapshot()).isEqualTo(before);
        assertThat(h.state("arxiv").validators().etag()).isEqualTo("\"v1\"");
    }

    @Test
    void aBadEntryIsSkippedAndCountedWhileTheOthersLoad() throws Exception {
        h.server.routes(r -> Response.ok(r.param("start").equals("0") ? Harness.fixture("arxiv/bad-entry.xml")
                : Harness.emptyFeed(), Harness.ATOM));

        PollResult result = poll();

        assertThat(result.added()).isEqualTo(2);
        assertThat(result.skipped()).isEqualTo(1);
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("no <id>"));
        assertThat(h.ids()).containsExactly("2611.20004", "2611.20005");
        assertThat(h.state("arxiv").totalSkipped()).isEqualTo(1);
    }

    @Test
    void a500IsRetriedWithBackoffAndThePollSucceeds() throws Exception {
        h.server.script(Response.status(500), Response.status(503));

        PollResult result = poll();

        assertThat(result.added()).isEqualTo(5);
        // 2 s base, doubling, with the jitter fixed at the middle: 1.5 s then 3 s
        assertThat(h.sleeps).containsExactly(Duration.ofMillis(1500), Duration.ofMillis(3000));
        assertThat(h.server.requests()).hasSize(5);
    }

    @Test
    void a429WaitsAsLongAsRetryAfterSaysInSecondsOrAsADate() throws Exception {
        h.server.script(Response.status(429).header("Retry-After", "7"),
                Response.status(429).header("Retry-After", "Sat, 28 Nov 2026 10:00:12 GMT"));

        poll();

        assertThat(h.sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(12));
        assertThat(h.ids()).containsExactlyElementsOf(FIRST_FIVE);
    }

    @Test
    void aRetryAfterLongerThanTheRetryCapFailsThePollAndPostponesTheNext() throws Exception {
        h.server.script(Response.status(429).header("Retry-After", "7200"));

        assertThatThrownBy(this::poll).isInstanceOf(FetchException.class).hasMessageContaining("HTTP 429");

        assertThat(h.sleeps).isEmpty();
        assertThat(h.state("arxiv").nextPollAt()).isEqualTo(h.clock.instant().plus(Duration.ofHours(2)));
        assertThat(h.ids()).isEmpty();
    }

    @Test
    void aSlowAnswerTimesOutIsRetriedAndTheIndexIsUntouchedWhenItStaysSlow() throws Exception {
        poll();
        List<Paper> before = h.snapshot();
        byte[] page = Harness.fixture("arxiv/new-page1.xml");
        Response slow = Response.ok(page, Harness.ATOM).delayed(1_500);
        h.server.script(slow, slow, slow);

        assertThatThrownBy(this::poll).isInstanceOf(FetchException.class)
                .hasMessageContaining("no complete answer").hasMessageContaining("500 ms").hasMessageContaining("3 tries");
        assertThat(h.snapshot()).isEqualTo(before);

        h.server.script(slow);
        h.server.routes(r -> Response.ok(page, Harness.ATOM));
        PollResult recovered = poll();
        assertThat(recovered.added()).isEqualTo(1);
    }

    @Test
    void aTruncatedDocumentLeavesTheIndexAndTheCursorAsTheyWere() throws Exception {
        poll();
        List<Paper> before = h.snapshot();
        SourceState cursorBefore = h.state("arxiv");
        byte[] whole = Harness.fixture("arxiv/new-page1.xml");
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length * 2 / 3);
        h.server.routes(r -> Response.ok(cut, Harness.ATOM));

        assertThatThrownBy(this::poll).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("not well-formed");

        assertThat(h.snapshot()).isEqualTo(before);
        SourceState after = h.state("arxiv");
        assertThat(after.lastSeenId()).isEqualTo(cursorBefore.lastSeenId());
        assertThat(after.lastError()).contains("not well-formed");
        assertThat(after.consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void aConnectionDroppedMidBodyIsRetriedLikeATimeout() throws Exception {
        byte[] page = Harness.fixture("arxiv/page1.xml");
        h.server.script(Response.ok(page, Harness.ATOM).cutAfter(page.length / 2));

        poll();

        assertThat(h.sleeps).hasSize(1);
        assertThat(h.ids()).containsExactlyElementsOf(FIRST_FIVE);
    }

    @Test
    void aHugeBodyIsCutOffAtTheCapNotRetriedAndNotUsed() throws Exception {
        poll();
        List<Paper> before = h.snapshot();
        h.server.clearRequests();
        h.server.script(Response.huge(4L * 1024 * 1024));

        assertThatThrownBy(this::poll).isInstanceOf(FetchException.class)
                .hasMessageContaining("larger than 65536 bytes");

        assertThat(h.server.requests()).hasSize(1);
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void anXmlExternalEntityIsRefusedAndNeverFetched() throws Exception {
        String xxe = new String(Harness.fixture("arxiv/xxe.xml"))
                .replace("ENTITY_URL", h.server.url("/secret").toString());
        h.server.routes(r -> r.path().equals("/secret") ? Response.ok("stolen".getBytes(), "text/plain")
                : Response.ok(xxe.getBytes(), Harness.ATOM));

        assertThatThrownBy(this::poll).isInstanceOf(UnreadableInputException.class).hasMessageContaining("DOCTYPE");

        assertThat(h.server.requests()).extracting(Request::path).doesNotContain("/secret");
        assertThat(h.ids()).isEmpty();
    }

    @Test
    void aSourceThatKeepsFailingTurnsUnhealthyBacksOffAndRecoversWhenTheServerDoes() throws Exception {
        h.server.routes(r -> Response.status(502));
        for (int i = 1; i <= 3; i++) {
            assertThatThrownBy(this::poll).isInstanceOf(FetchException.class).hasMessageContaining("HTTP 502");
        }
        SourceStatus down = h.poller.statuses().get(0);
        assertThat(down.healthy()).isFalse();
        assertThat(down.consecutiveFailures()).isEqualTo(3);
        assertThat(down.lastError()).isEqualTo("HTTP 502 from 127.0.0.1 (3 tries)");
        // 5 min, 10 min, 20 min: the third failure waits 20 minutes
        assertThat(h.state("arxiv").nextPollAt()).isEqualTo(h.clock.instant().plus(Duration.ofMinutes(20)));
        assertThat(h.ids()).isEmpty();

        h.serveArxivPages();
        poll();

        SourceStatus up = h.poller.statuses().get(0);
        assertThat(up.healthy()).isTrue();
        assertThat(up.lastError()).isNull();
        assertThat(up.lastAdded()).isEqualTo(5);
        assertThat(h.ids()).containsExactlyElementsOf(FIRST_FIVE);
    }
}
