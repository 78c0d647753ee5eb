package org.paperscout.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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

    @Test
    void printableDropsDirectionControlsInvisibleMarksAndControlsButKeepsLinesAndTabs() {
        assertThat(Text.printable("a\u202Eb\u2066c\u2069d\u200Be\u200Ff\uFEFFg\u0007h\u2028i\u0000j"))
                .isEqualTo("abcdefghij");
        assertThat(Text.printable("line one\n\tline two 🧠 é")).isEqualTo("line one\n\tline two 🧠 é");
        assertThat(Text.printable(null)).isNull();
    }

    @Test
    void everyReplyIsPrintableSoErrorsNeverEchoADirectionOverride() {
        String typed = "\u202Eevil\u202C";
        Reply error = Reply.error("There is no /" + typed + " command.");
        assertThat(error.text()).isEqualTo("There is no /evil command.");
        Reply built = Reply.builder().title("T\u200E" + typed).text("x").footer(typed + "\u0085").build();
        assertThat(built.title()).isEqualTo("Tevil");
        assertThat(built.footer()).isEqualTo("evil");

        // the whole path a user takes: an unknown command name typed into /help
        Commands commands = new Commands(List.of(new HelpCommand(List::of, Map.of())), List.of());
        Reply reply = commands.run(new Invocation("u", "u", null, null, null, "help", null,
                Map.of("command", typed), true));
        assertThat(reply.text()).isEqualTo("There is no /evil command. Type /help to see them all.");
    }

    @Test
    void countsTakeTheSingularOnlyForOne() {
        assertThat(Text.count(1, "record")).isEqualTo("1 record");
        assertThat(Text.count(0, "record")).isEqualTo("0 records");
        assertThat(Text.count(2, "query")).isEqualTo("2 queries");
        assertThat(Text.count(1, "day")).isEqualTo("1 day");
        assertThat(Text.count(3, "day")).isEqualTo("3 days");
        assertThat(Text.count(2, "match")).isEqualTo("2 matches");
        assertThat(Text.count(1_200, "paper")).isEqualTo("1,200 papers");
        assertThat(Text.count(2, "person", "people")).isEqualTo("2 people");
    }
}
