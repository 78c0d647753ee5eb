package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated hostile queries: each gets results or the friendly message, never another exception. */
class HostileQueryTest {

    private static final String[] PIECES = {
        "\"", "\"\"", "(", ")", "[", "]", "{", "}", "*", "?", "~", "~2", "/x/", "/[a-z]+/", "title:", "field:x",
        "abstract:memory", "[a TO z]", "{a TO z}", "\u0000", "\u202e", "\u200f", "\u061c", "🧠", "👍🏽", "+", "-",
        "|", "&&", "||", "!", "^", "^10", "\\", ":", "NOT", "AND", "OR", "memorization", "goldfish", "loss",
        "transformer", "é", "ß", "日本語", "\t", "\n", " ", "'", "%", "$", "<@&123>", "@everyone", "`", "**"};

    @TempDir
    static Path dir;
    static PaperIndex index;
    static SearchService search;

    @BeforeAll
    static void open() throws Exception {
        index = SeedIndex.open(dir.resolve("index"));
        search = new SearchService(index, SearchConfig.defaults());
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    static List<String> queries(int count, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>();
        out.add("x".repeat(10_000));
        out.add("goldfish ".repeat(1_200));
        out.add("\"".repeat(301));
        out.add("(".repeat(200));
        out.add("a*".repeat(100));
        while (out.size() < count) {
            StringBuilder sb = new StringBuilder();
            int parts = 1 + random.nextInt(12);
            for (int i = 0; i < parts; i++) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
                if (random.nextBoolean()) {
                    sb.append(' ');
                }
            }
            if (random.nextInt(50) == 0) {
                sb.append("z".repeat(random.nextInt(400)));
            }
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void tenThousandHostileQueriesGetResultsOrAFriendlyMessage() {
        int answered = 0;
        int refused = 0;
        for (String q : queries(10_000, 42)) {
            try {
                SearchPage page = search.search(new SearchRequest(q, null, SortOrder.RELEVANCE, 0, 5));
                assertThat(page.hits().size()).isLessThanOrEqualTo(5);
                answered++;
            } catch (QueryRejected e) {
                assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("org.apache")
                        .doesNotContain("\u0000").hasSizeLessThan(300);
                refused++;
            }
        }
        assertThat(answered + refused).isEqualTo(10_000);
        assertThat(answered).isPositive();
        assertThat(refused).isPositive();
    }
}
