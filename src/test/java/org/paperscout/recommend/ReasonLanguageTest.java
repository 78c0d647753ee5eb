package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.paperscout.i18n.Messages;
import org.paperscout.search.TopicMatch;

/** The "why" lines of cards: English as tests elsewhere pin it, other languages around the same evidence. */
class ReasonLanguageTest {

    private static final Messages DE = Messages.of(Locale.GERMAN);
    private static final Messages JA = Messages.of(Locale.JAPANESE);

    @Test
    void aTopicMatchNamesTheSameWordsAndPlacesInEachLanguage() {
        Reason topic = new Reason.Topic("diffusion models", new TopicMatch(List.of(
                new TopicMatch.Word("diffusion", true, true), new TopicMatch.Word("models", true, true),
                new TopicMatch.Word("sampling", false, true))));

        assertThat(topic.text()).isEqualTo("matches your topic 'diffusion models': title and abstract mention "
                + "'diffusion' and 'models'; abstract mentions 'sampling'");
        assertThat(topic.text(DE)).isEqualTo("passt zu deinem Thema „diffusion models“: Titel und Abstract nennen "
                + "'diffusion' und 'models'; das Abstract nennt 'sampling'");
    }

    @Test
    void similaritiesKeepTwoDecimalsInTheLocalWayAndTitlesStay() {
        Reason similar = new Reason.Similar("2406.1", "Memorizing Transformers", "liked", 0.425);
        assertThat(similar.text()).isEqualTo("similar to 'Memorizing Transformers', which you liked (0.43)");
        assertThat(similar.text(DE)).isEqualTo("ähnlich wie „Memorizing Transformers“, das dir gefiel (0,43)");
        assertThat(new Reason.CloseInMeaning("2406.1", "Memorizing Transformers", "saved", 0.5).text(JA))
                .isEqualTo("保存した「Memorizing Transformers」と意味が近い (0.50)");
        assertThat(new Reason.TopicInMeaning("unlearning", 0.61).text())
                .isEqualTo("close in meaning to your topic 'unlearning' (0.61)");
    }

    @Test
    void followsNewnessAndTrendingPartsAreWorded() {
        LocalDate today = LocalDate.of(2026, 3, 10);
        assertThat(new Reason.Author("Yoshua Bengio").text(DE)).isEqualTo("von Yoshua Bengio, dem du folgst");
        assertThat(new Reason.Category("cs.LG").text()).isEqualTo("in cs.LG, a category you follow");
        assertThat(new Reason.New(today.minusDays(1), today).text()).isEqualTo("new yesterday");
        assertThat(new Reason.New(today, today).text(DE)).isEqualTo("heute erschienen");
        TrendingPaper paper = new TrendingPaper("2603.00001", 9, 5, 4, 0, 3, 2, 0, 0, 340, today);
        List<String> parts = TrendingService.parts(paper, today, false);
        Reason trending = new Reason.Trending(paper, parts, today, false);
        assertThat(trending.text()).isEqualTo("trending this week: " + String.join(" · ", parts));
        assertThat(trending.text(DE)).startsWith("diese Woche im Trend: 3 👍 auf dem Server · 2 Mal gemerkt")
                .doesNotContain("upstream");
    }
}
