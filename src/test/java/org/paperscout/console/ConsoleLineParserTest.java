package org.paperscout.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperscout.commands.Choice;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.OptionType;
import org.paperscout.commands.UserError;

class ConsoleLineParserTest {

    private final ConsoleLineParser parser = new ConsoleLineParser(List.of(
            CommandSpec.of("search", "Search",
                    OptionSpec.string("query", "q", true),
                    OptionSpec.string("sort", "s", false).withChoices(new Choice("relevance", "relevance"),
                            new Choice("newest", "newest")),
                    new OptionSpec("page", "p", OptionType.INTEGER, false, false, List.of(), 1L, 200L)),
            CommandSpec.withSubcommands("follow", "Follow",
                    CommandSpec.of("topic", "t", OptionSpec.string("text", "t", true)))));

    @Test
    void namedAndPositionalOptionsGiveTheSameInvocation() {
        assertThat(parser.parse("/search query: goldfish loss").options()).isEqualTo(Map.of("query", "goldfish loss"));
        assertThat(parser.parse("/search goldfish loss").options()).isEqualTo(Map.of("query", "goldfish loss"));
    }

    @Test
    void laterNamedOptionsAreTypedAndQueryTextWithColonsStaysText() {
        ConsoleLineParser.Parsed p = parser.parse("/search field:x memory sort: newest page: 2");
        assertThat(p.options()).isEqualTo(Map.of("query", "field:x memory", "sort", "newest", "page", 2L));
    }

    @Test
    void subcommandsAreParsed() {
        ConsoleLineParser.Parsed p = parser.parse("/follow topic machine unlearning");
        assertThat(p.command()).isEqualTo("follow");
        assertThat(p.subcommand()).isEqualTo("topic");
        assertThat(p.options()).isEqualTo(Map.of("text", "machine unlearning"));
    }

    @Test
    void mistakesGetMessagesThatSayWhatToType() {
        assertThatThrownBy(() -> parser.parse("/serch x")).isInstanceOf(UserError.class)
                .hasMessageContaining("/follow, /search");
        assertThatThrownBy(() -> parser.parse("/search")).isInstanceOf(UserError.class)
                .hasMessageContaining("Missing query");
        assertThatThrownBy(() -> parser.parse("/search x sort: oldest")).isInstanceOf(UserError.class)
                .hasMessageContaining("relevance, newest");
        assertThatThrownBy(() -> parser.parse("/search x page: two")).isInstanceOf(UserError.class)
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> parser.parse("/follow planet x")).isInstanceOf(UserError.class)
                .hasMessageContaining("topic");
    }
}
