package org.paperscout.find;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperscout.commands.HelpCommand;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.ResultPages;

/** /help says what README says: the search operators and every fixed option value. */
class HelpCommandTest {

    private final SearchCommand search = new SearchCommand(null, new ResultPages(), Clock.systemUTC());
    private final HelpCommand help = new HelpCommand(() -> List.of(search.spec()),
            Map.of("search", HelpCommand.keyed(SearchCommand.OPERATORS_KEY)));

    private String helpFor(String command) {
        return help.handle(invocation(command)).text();
    }

    private static Invocation invocation(String command) {
        return new Invocation("u", "u", null, null, null, "help", null, Map.of("command", command), true);
    }

    @Test
    void helpSearchListsEveryOperatorAndTheSortValues() {
        String text = helpFor("search");
        assertThat(text).contains("\"exact phrase\"", "+word", "-word", "a | b")
                .contains("sort (optional): Order of results (relevance or newest)")
                .contains("needs at least one word to look for");
    }

    @Test
    void detailsAreShownOnlyUnderTheirOwnCommand() {
        HelpCommand without = new HelpCommand(() -> List.of(search.spec()), Map.of("trending", m -> "weights"));
        assertThat(without.handle(invocation("search")).text()).doesNotContain("Operators:")
                .doesNotContain("weights");
    }
}
