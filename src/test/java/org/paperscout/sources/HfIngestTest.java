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
import org.paperscout.sources.FixtureServer.Response;

class HfIngestTest {

    static final Map<String, String> DAYS = Map.of(
            "2026-11-26", "2026-11-26.json", "2026-11-27", "2026-11-27.json", "2026-11-28", "2026-11-28.json");

    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void open() throws IOException {
        h = new Harness(dir, Map.of());
        h.serveHfDays(DAYS);
    }

    @AfterEach
    void close() throws IOException {
        h.close();
    }

    PollResult poll(String source) throws Exception {
        return h.poller.pollOnce(source, line -> { });
    }

    @Test
    void theFirstPollReadsTheLastSevenDaysAndLaterPollsYesterdayAndToday() throws Exception {
        PollResult first = poll("hf");

        assertThat(h.server.requests()).extracting(r -> r.param("date")).containsExactly("2026-11-22",
                "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28");
        assertThat(first.added()).isEqualTo(4);
        assertThat(h.ids()).containsExactly("2611.20003", "2611.20005", "2611.30001", "2611.30002");
        Paper p = h.index.get("2611.30001").orElseThrow();
        assertThat(p.upvotes()).isEqualTo(41);
        assertThat(p.authors()).containsExactly("Iris Holm", "Rahul Mehta");
        assertThat(p.source()).isEqualTo("hf");

        h.server.clearRequests();
        h.clock.advance(Duration.ofHours(1));
        PollResult second = poll("hf");

        assertThat(h.server.requests()).extracting(r -> r.param("date")).containsExactly("2026-11-27", "2026-11-28");
        assertThat(second.added()).isZero();
        assertThat(second.updated()).isZero();
        assertThat(h.index.size()).isEqualTo(4);
    }

    @Test
    void newUpvotesUpdateThePaperInPlace() throws Exception {
        poll("hf");
        List<String> ids = h.ids();
        h.serveHfDays(Map.of("2026-11-28", "2026-11-28-later.json"));

        PollResult result = poll("hf");

        assertThat(result.updated()).isEqualTo(1);
        assertThat(h.ids()).isEqualTo(ids);
        assertThat(h.index.get("2611.20005").orElseThrow().upvotes()).isEqualTo(30);
    }

    @Test
    void arxivAndHuggingFaceKeepWhatTheOtherKnows() throws Exception {
        h.serveArxivPages();
        poll("arxiv");
        h.serveHfDays(DAYS);
        poll("hf");

        Paper merged = h.index.get("2611.20003").orElseThrow();
        assertThat(merged.categories()).containsExactly("cs.CV", "cs.LG");
        assertThat(merged.upvotes()).isEqualTo(7);
        assertThat(h.index.size()).isEqualTo(7);

        h.serveArxivPages();
        h.clock.advance(Duration.ofHours(1));
        poll("arxiv");
        assertThat(h.index.get("2611.20003").orElseThrow().upvotes()).isEqualTo(7);
        assertThat(h.index.size()).isEqualTo(7);
    }

    @Test
    void aBadEntryIsSkippedAndTheRestOfTheDayLoads() throws Exception {
        h.serveHfDays(Map.of("2026-11-28", "bad-entry.json"));

        PollResult result = poll("hf");

        assertThat(result.skipped()).isEqualTo(1);
        assertThat(result.problems().get(0).location()).endsWith("2026-11-28#entry2");
        assertThat(h.ids()).containsExactly("2611.30003", "2611.30004");
    }

    @Test
    void aTruncatedDayLeavesTheIndexAsItWasAndIsReadAgainNextPoll() throws Exception {
        poll("hf");
        List<Paper> before = h.snapshot();
        byte[] later = Harness.fixture("hf/2026-11-28-later.json");
        byte[] cut = java.util.Arrays.copyOf(later, later.length - 40);
        h.server.routes(r -> Response.ok("2026-11-28".equals(r.param("date")) ? cut : "[]".getBytes(), Harness.JSON));

        assertThatThrownBy(() -> poll("hf")).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("2026-11-28");

        assertThat(h.snapshot()).isEqualTo(before);
        assertThat(h.state("hf").lastError()).contains("not valid JSON");

        h.serveHfDays(Map.of("2026-11-28", "2026-11-28-later.json"));
        poll("hf");
        assertThat(h.index.get("2611.20005").orElseThrow().upvotes()).isEqualTo(30);
        assertThat(h.state("hf").lastError()).isNull();
    }

    @Test
    void aJsonNestedTenThousandDeepIsRefusedWithoutTouchingTheIndex() throws Exception {
        poll("hf");
        List<Paper> before = h.snapshot();
        byte[] deep = ("[" + "[".repeat(10_000) + "]".repeat(10_000) + "]").getBytes();
        h.server.routes(r -> Response.ok(deep, Harness.JSON));

        assertThatThrownBy(() -> poll("hf")).isInstanceOf(UnreadableInputException.class);

        assertThat(h.snapshot()).isEqualTo(before);
    }
}
