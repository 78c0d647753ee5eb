package org.paperscout.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void truncatesAtAWordBoundaryWithAnEllipsis() {
        assertThat(Text.truncate("the quick brown fox jumps", 17)).isEqualTo("the quick brown…");
        assertThat(Text.truncate("short", 10)).isEqualTo("short");
        assertThat(Text.truncate("abcdefghij", 5)).isEqualTo("abcd…").hasSize(5);
    }

    @Test
    void neverSplitsASurrogatePair() {
        String s = "aaa🧠🧠🧠";
        String cut = Text.truncate(s, 5);
        assertThat(cut.length()).isLessThanOrEqualTo(5);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
    }

    @Test
    void firstSentenceStopsAtTheFirstFullStop() {
        assertThat(Text.firstSentence("Large models memorize data. We propose a loss.", 200))
                .isEqualTo("Large models memorize data.");
    }
}
