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

    @Test
    void cleanRemovesControlsAndCollapsesWhitespace() {
        assertThat(Text.clean("  Large\tmodels\r\n memorize\u0007 data.\u000B ")).isEqualTo("Large models memorize data.");
        assertThat(Text.clean("a \u0001 b")).isEqualTo("a b");
        assertThat(Text.clean("a\rb")).isEqualTo("ab");
        assertThat(Text.clean("a\u2003b\u00A0")).isEqualTo("a\u2003b\u00A0");
        assertThat(Text.clean(null)).isEmpty();
    }

    /** The one-pass forms give what the regular expressions they replaced gave, on random text. */
    @Test
    void cleanAndCollapseMatchTheRegularExpressionsTheyReplaced() {
        char[] alphabet = {'a', 'b', ' ', ' ', '\t', '\n', '\r', '\u000B', '\f', '\u0000', '\u0007', '\u007F',
            '\u001F', '\u0085', '\u00A0', '\u2003', '\u2028', '\u3000', '\u00E9'};
        java.util.Random random = new java.util.Random(42);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                b.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String s = b.toString();
            assertThat(Text.clean(s)).as("clean of %s", List.of(s.chars().boxed().toList()))
                    .isEqualTo(s.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").replaceAll("\\s+", " ").strip());
            assertThat(Text.collapseWhitespace(s)).as("collapse of %s", List.of(s.chars().boxed().toList()))
                    .isEqualTo(s.replaceAll("\\s+", " "));
        }
    }
}
