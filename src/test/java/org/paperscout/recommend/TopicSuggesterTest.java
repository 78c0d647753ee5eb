package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicSuggesterTest {

    @Test
    void recurringPairsBeatFrequentWordsAndSuggestionsShareNoWord() {
        List<String> titles = List.of(
                "Machine unlearning for language models",
                "Certified machine unlearning",
                "Machine unlearning via influence",
                "Scaling language models",
                "Language models as agents",
                "Graph neural networks for molecules",
                "Oversmoothing in graph neural networks",
                "A study of machine translation",
                "Learning to learn",
                "Learning rate schedules");
        // LMI = count * ln(count * N / (df(a) * df(b))): language models 3 ln(10/3) = 3.61, graph neural
        // 2 ln 5 = 3.22, machine unlearning 3 ln(30/12) = 2.75 ("machine" also appears in "machine translation").
        // "graph neural networks" yields only one of its pairs: the next shares a word.
        assertThat(TopicSuggester.phrases(titles, 3))
                .containsExactly("language models", "graph neural", "machine unlearning");
    }

    @Test
    void fillerWordsAndSinglesNeverFormATopic() {
        List<String> titles = List.of("Towards better models", "Towards better models again", "A study via proxies",
                "A study via proxies, twice");
        assertThat(TopicSuggester.phrases(titles, 3)).isEmpty();
    }
}
