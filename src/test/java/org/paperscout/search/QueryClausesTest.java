package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.lucene.search.BooleanClause.Occur.MUST;
import static org.apache.lucene.search.BooleanClause.Occur.MUST_NOT;
import static org.apache.lucene.search.BooleanClause.Occur.SHOULD;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.paperscout.search.QueryClauses.Clause;

/** How the operator layer splits a query, before any analysis. */
class QueryClausesTest {

    @Test
    void plainWordsAreOptionalPrefixedOnesRequiredOrExcluded() {
        assertThat(QueryClauses.split("goldfish +loss -diffusion")).containsExactly(
                new Clause(SHOULD, List.of("goldfish")), new Clause(MUST, List.of("loss")),
                new Clause(MUST_NOT, List.of("diffusion")));
    }

    @Test
    void phrasesKeepTheirQuotesAndTakePrefixes() {
        assertThat(QueryClauses.split("\"speech recognition\" -\"weak supervision\" +\"a b\"")).containsExactly(
                new Clause(SHOULD, List.of("\"speech recognition\"")),
                new Clause(MUST_NOT, List.of("\"weak supervision\"")), new Clause(MUST, List.of("\"a b\"")));
    }

    @Test
    void barsJoinNeighboursIntoOneGroupThatAPlusMakesRequired() {
        assertThat(QueryClauses.split("a | b c|d")).containsExactly(new Clause(SHOULD, List.of("a", "b")),
                new Clause(SHOULD, List.of("c", "d")));
        assertThat(QueryClauses.split("+a | b")).containsExactly(new Clause(MUST, List.of("a", "b")));
        // an exclusion inside a group still excludes
        assertThat(QueryClauses.split("a | -b | c")).containsExactly(new Clause(MUST_NOT, List.of("b")),
                new Clause(SHOULD, List.of("a", "c")));
    }

    @Test
    void strayOperatorsAndInnerHyphensAreText() {
        assertThat(QueryClauses.split("- + | state-of-the-art |")).containsExactly(
                new Clause(SHOULD, List.of("state-of-the-art")));
        assertThat(QueryClauses.split("\"unclosed phrase")).containsExactly(new Clause(SHOULD, List.of("unclosed")),
                new Clause(SHOULD, List.of("phrase")));
        assertThat(QueryClauses.split("-+x")).containsExactly(new Clause(MUST_NOT, List.of("x")));
        assertThat(QueryClauses.split("\"\" -")).isEmpty();
    }
}
