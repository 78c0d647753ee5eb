package org.paperscout.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Reply;
import org.paperscout.store.TestClock;

class StatusCommandTest {

    final TestClock clock = TestClock.at("2026-11-28T10:00:00Z");
    final Invocation invocation = new Invocation("u1", "ada", null, null, null, "status", null, Map.of(), true);

    @Test
    void showsTheIndexSizeAndForEachSourceItsLastPollNextPollHealthAndLastError() {
        Instant now = clock.instant();
        List<SourceStatus> sources = List.of(
                new SourceStatus("arxiv", true, true, 0, now.minus(Duration.ofMinutes(12)), 40, 3, 1_240, 56, 2,
                        now.plus(Duration.ofMinutes(48)), null),
                new SourceStatus("hf", true, false, 3, now.minus(Duration.ofHours(5)), 4, 1, 90, 10, 0,
                        now.plus(Duration.ofHours(2)), "HTTP 503 from huggingface.co (4 tries)"));
        StatusCommand status = new StatusCommand(() -> 12_345, () -> sources, clock);

        Reply reply = status.handle(invocation);

        assertThat(reply.ephemeral()).isFalse();
        assertThat(reply.text()).isEqualTo("""
                Index: 12,345 papers

                arXiv: ok
                  Last successful poll: 12 min ago (2026-11-28 09:48 UTC), 40 new, 3 updated
                  Since the start: 1,240 added, 56 updated, 2 bad entries skipped
                  Next poll: in 48 min

                Hugging Face: unhealthy, 3 failed polls in a row
                  Last successful poll: 5 h ago (2026-11-28 05:00 UTC), 4 new, 1 updated
                  Since the start: 90 added, 10 updated, 0 bad entries skipped
                  Next poll: in 2 h
                  Last error: HTTP 503 from huggingface.co (4 tries)""");
    }

    @Test
    void aSourceThatIsOffOrNeverRanSaysSo() {
        List<SourceStatus> sources = List.of(
                new SourceStatus("arxiv", true, true, 0, null, 0, 0, 0, 0, 0, null, null),
                new SourceStatus("hf", false, true, 0, null, 0, 0, 0, 0, 0, null, null));

        Reply reply = new StatusCommand(() -> 1, () -> sources, clock).handle(invocation);

        assertThat(reply.text()).isEqualTo("""
                Index: 1 paper

                arXiv: not polled yet
                  Last successful poll: none yet
                  Since the start: 0 added, 0 updated, 0 bad entries skipped
                  Next poll: not scheduled in this process

                Hugging Face: off""");
    }

    @Test
    void aSourceWhosePollsHaveOnlyFailedIsNeverCalledOk() {
        Instant now = clock.instant();
        List<SourceStatus> sources = List.of(
                new SourceStatus("arxiv", true, true, 1, null, 0, 0, 0, 0, 1, now.plus(Duration.ofMinutes(5)),
                        "timed out"),
                new SourceStatus("hf", true, false, 1, now.minus(Duration.ofDays(3)), 1, 0, 1, 0, 0, null, "HTTP 500"));

        String text = new StatusCommand(() -> 0, () -> sources, clock).handle(invocation).text();

        assertThat(text).contains("arXiv: never succeeded, 1 failed poll so far\n")
                .contains("1 bad entry skipped")
                .contains("Hugging Face: unhealthy, 1 failed poll in a row\n")
                .contains("3 days ago (2026-11-25 10:00 UTC), 1 new, 0 updated")
                .startsWith("Index: 0 papers");
        List<SourceStatus> down = List.of(new SourceStatus("arxiv", true, false, 4, null, 0, 0, 0, 0, 0, null, "DNS"));
        assertThat(new StatusCommand(() -> 0, () -> down, clock).handle(invocation).text())
                .contains("arXiv: unhealthy, never succeeded, 4 failed polls so far\n");
    }

    @Test
    void answersInTheCallersLanguageWithItsPluralsAndNumbers() {
        Instant now = clock.instant();
        List<SourceStatus> sources = List.of(
                new SourceStatus("arxiv", true, true, 0, now.minus(Duration.ofMinutes(12)), 40, 3, 1_240, 56, 1,
                        now.plus(Duration.ofHours(3).plusMinutes(5)), null),
                new SourceStatus("hf", true, false, 3, now.minus(Duration.ofDays(3)), 4, 1, 90, 10, 0, null, "HTTP 503"));
        StatusCommand status = new StatusCommand(() -> 12_345, () -> sources, clock);

        Reply german = status.handle(in(java.util.Locale.GERMAN));
        Reply japanese = status.handle(in(java.util.Locale.JAPANESE));

        assertThat(german.title()).isEqualTo("PaperScout-Status");
        assertThat(german.text()).isEqualTo("""
                Index: 12.345 Paper

                arXiv: ok
                  Letzte erfolgreiche Abfrage: vor 12 Min. (2026-11-28 09:48 UTC), 40 neu, 3 aktualisiert
                  Seit dem Start: 1.240 hinzugefügt, 56 aktualisiert, 1 fehlerhafter Eintrag übersprungen
                  Nächste Abfrage: in 3 Std. 5 Min.

                Hugging Face: gestört, 3 fehlgeschlagene Abfragen in Folge
                  Letzte erfolgreiche Abfrage: vor 3 Tagen (2026-11-25 10:00 UTC), 4 neu, 1 aktualisiert
                  Seit dem Start: 90 hinzugefügt, 10 aktualisiert, 0 fehlerhafte Einträge übersprungen
                  Nächste Abfrage: in diesem Prozess nicht geplant
                  Letzter Fehler: HTTP 503""");
        assertThat(japanese.text()).startsWith("インデックス: 12,345 件の論文\n\narXiv: 正常\n")
                .contains("Hugging Face: 異常、3 回連続で失敗\n", "次回の取得: 3 時間 5 分後")
                .doesNotContain("Index:", "papers", "Next poll");
    }

    private Invocation in(java.util.Locale locale) {
        return new Invocation("u1", "ada", null, null, locale, "status", null, Map.of(), true);
    }
}
