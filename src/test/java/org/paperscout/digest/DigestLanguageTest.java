package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.paperscout.commands.Action;
import org.paperscout.commands.Reply;

/** A channel digest in its server's language: the bot's words translated, papers and the delivery marker not. */
class DigestLanguageTest {

    static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    static final Instant DUE = Instant.parse("2026-03-10T08:00:00Z");

    static DigestTarget channel(String topic) {
        return new DigestTarget(DigestTarget.Kind.CHANNEL, "500", "42", LocalTime.of(9, 0), ZoneId.of("Europe/Berlin"),
                DigestDays.EVERY_DAY, topic, 3, false, DUE.minusSeconds(86_400 * 7), null, "7", false);
    }

    static DigestContent.Ranked ranked() {
        List<DigestContent.Pick> picks = List.of(new DigestContent.Pick(FakeContent.paper("2406.10209"), List.of()),
                new DigestContent.Pick(FakeContent.paper("2406.10210"), List.of()),
                new DigestContent.Pick(FakeContent.paper("2406.10211"), List.of()));
        return new DigestContent.Ranked(picks, 12);
    }

    @Test
    void aGermanServersDigestIsInGermanWithTheSamePapersAndMarker() {
        Reply english = DigestComposer.channel(Locale.ENGLISH, channel(null), DAY, DUE, DUE.minusSeconds(86_400),
                ranked(), true);
        Reply german = DigestComposer.channel(Locale.GERMAN, channel(null), DAY, DUE, DUE.minusSeconds(86_400),
                ranked(), true);

        assertThat(english.title()).isEqualTo("Daily digest · Tue 10 Mar");
        assertThat(german.title()).startsWith("Täglicher Digest · ").contains("10");
        assertThat(german.text()).contains("Top-Paper seit", "Dieser Digest kommt spät");
        assertThat(german.footer()).isEqualTo(DigestComposer.marker(DAY) + " · 9 weitere Treffer");
        assertThat(english.footer()).isEqualTo(DigestComposer.marker(DAY) + " · 9 more matched");
        assertThat(german.rows().get(0)).extracting(Action::label).containsExactly("3 weitere zeigen");
        assertThat(german.cards()).extracting(c -> c.paper().title())
                .isEqualTo(english.cards().stream().map(c -> c.paper().title()).toList());
        assertThat(german.cards().get(0).actions()).extracting(Action::label).contains("Merken", "Kein Interesse");
        assertThat(german.locale()).isEqualTo(Locale.GERMAN);
    }

    @Test
    void anEmptyDigestSaysSoInTheServersLanguage() {
        Reply japanese = DigestComposer.channel(Locale.JAPANESE, channel("diffusion"), DAY, DUE,
                DUE.minusSeconds(86_400), DigestContent.Ranked.EMPTY, false);
        assertThat(japanese.title()).startsWith("デイリーダイジェスト · ").endsWith(" · diffusion");
        assertThat(japanese.text()).contains("「diffusion」の新しい論文はありません");
        assertThat(japanese.footer()).isEqualTo(DigestComposer.marker(DAY));
    }

    @Test
    void theFakePublisherAndTheConsoleWriteEnglish() {
        assertThat(new FakePublisher().locale(channel(null))).isEqualTo(Locale.ENGLISH);
    }
}
