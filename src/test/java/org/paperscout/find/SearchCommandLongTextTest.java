package org.paperscout.find;

import org.paperscout.commands.Invocation;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.Reply;
import org.paperscout.commands.ResultPages;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.SearchConfig;
import org.paperscout.search.SearchService;
import org.paperscout.search.SeedIndex;

/** /search with a pasted paragraph says in one line that it answered with papers like the text. */
class SearchCommandLongTextTest {

    @TempDir
    static Path dir;
    static PaperIndex index;
    static SearchCommand command;
    static SearchService search;

    @BeforeAll
    static void open() throws Exception {
        index = SeedIndex.open(dir.resolve("index"));
        search = new SearchService(index, SearchConfig.defaults());
        command = new SearchCommand(search, new ResultPages(), Clock.systemUTC());
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    private static Reply searchFor(String query) {
        return command.handle(new Invocation("u1", "user", null, null, Locale.ENGLISH, "search", null,
                Map.of("query", query), false));
    }

    @Test
    void aPastedAbstractIsAnsweredAndTheReplySaysHow() {
        String abstractText = search.allPapers(1).get(0).abstractText();

        Reply reply = searchFor(abstractText + " " + abstractText);

        assertThat(reply.text()).isEqualTo(
                "That is longer than a search, so here are papers like your text, by its key words.");
        assertThat(reply.cards()).isNotEmpty();
    }

    @Test
    void aShortSearchHasNoSuchLine() {
        assertThat(searchFor("goldfish loss").text()).isEmpty();
    }

    @Test
    void theOptionTakesUpToDiscordsLimit() {
        OptionSpec query = command.spec().options().get(0);
        assertThat(query.max()).isEqualTo(6000L);
    }
}
