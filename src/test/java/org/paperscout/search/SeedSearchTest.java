package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Ingestor;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperIds;
import org.paperscout.catalog.Readers;

/** The index over seeds/, with exact expected results. */
class SeedSearchTest {

    static final String GOLDFISH = "Be like a Goldfish, Don't Memorize! Mitigating Memorization in Generative LLMs";
    static final String FIRST = "Memorize, Factorize, or be Naïve: Learning Optimal Feature Interaction Methods for "
            + "CTR Prediction";

    @TempDir
    static Path dir;
    static PaperIndex index;
    static SearchService search;

    @BeforeAll
    static void indexSeeds() throws Exception {
        index = SeedIndex.open(dir.resolve("index"));
        search = new SearchService(index, SearchConfig.defaults());
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    private static List<String> titles(String query, int n) {
        return search.search(SearchRequest.of(query, n)).hits().stream().map(h -> h.paper().title()).toList();
    }

    @Test
    void seedsLoadAllSixtyTwoPapersWithoutTheScrapedPrefix() {
        assertThat(index.size()).isEqualTo(62);
        List<Paper> all = search.allPapers(100);
        assertThat(all).hasSize(62);
        assertThat(all).noneMatch(p -> p.title().contains("Subscribe"));
        assertThat(search.paper(FIRST)).map(Paper::title).contains(FIRST);
    }

    @Test
    void goldfishLossRanksTheGoldfishPaperFirst() {
        assertThat(titles("goldfish loss", 5)).first().isEqualTo(GOLDFISH);
    }

    @Test
    void memorizingTransformersKnnHasMemorizingTransformersInTheTopThree() {
        assertThat(titles("memorizing transformers knn", 3)).contains("Memorizing Transformers");
    }

    @Test
    void snippetsHighlightTheMatchedWords() {
        SearchHit top = search.search(SearchRequest.of("goldfish loss", 1)).hits().get(0);
        assertThat(top.snippet().spans()).anyMatch(s -> s.highlighted() && s.text().equalsIgnoreCase("goldfish"));
    }

    @Test
    void paperIsFoundByIdAndByExactTitle() {
        Paper byTitle = search.paper(GOLDFISH).orElseThrow();
        assertThat(byTitle.id()).isEqualTo(PaperIds.forTitle(GOLDFISH));
        assertThat(search.paper(byTitle.id())).contains(byTitle);
        assertThat(search.paper("be like a goldfish, don't memorize! mitigating memorization in generative llms"))
                .contains(byTitle);
        assertThat(search.paper("no such paper at all")).isEmpty();
    }

    @Test
    void similarNeverReturnsThePaperItself() {
        for (Paper p : search.allPapers(100)) {
            List<Paper> similar = search.similar(p.id(), 5);
            assertThat(similar).extracting(Paper::id).doesNotContain(p.id());
        }
        Paper goldfish = search.paper(GOLDFISH).orElseThrow();
        assertThat(search.similar(goldfish.id(), 5)).isNotEmpty();
    }

    @Test
    void pagingContinuesWhereThePreviousPageStopped() {
        List<String> ten = titles("memorization", 10);
        SearchPage second = search.search(new SearchRequest("memorization", null, SortOrder.RELEVANCE, 5, 5));
        assertThat(second.hits()).extracting(h -> h.paper().title()).containsExactlyElementsOf(ten.subList(5, 10));
    }

    @Test
    void titleSuggestionsMatchPrefixesAndInnerWords() {
        assertThat(search.suggestTitles("Memorizing Tr", 5)).extracting(Paper::title).first()
                .isEqualTo("Memorizing Transformers");
        assertThat(search.suggestTitles("goldfish mem", 5)).extracting(Paper::title).contains(GOLDFISH);
        assertThat(search.suggestTitles("", 25)).hasSize(25);
    }

    @Test
    void reingestingTheSeedsChangesNothing() throws Exception {
        List<String> idsBefore = search.allPapers(100).stream().map(Paper::id).toList();
        Ingestor.Summary again = new Ingestor(index, new Readers()::forFile)
                .ingest(List.of(SeedIndex.seedsDir()), Ingestor.Progress.NONE);
        assertThat(again.loaded()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(62);
        assertThat(index.size()).isEqualTo(62);
        assertThat(search.allPapers(100).stream().map(Paper::id).toList()).isEqualTo(idsBefore);
    }

    @Test
    void badQueriesGetAFriendlyMessage() {
        assertThatThrownBy(() -> search.search(SearchRequest.of("", 5))).isInstanceOf(QueryRejected.class)
                .hasMessageContaining("/search goldfish loss");
        assertThatThrownBy(() -> search.search(SearchRequest.of("* ~ / ( )", 5))).isInstanceOf(QueryRejected.class)
                .hasMessageContaining("no words");
        assertThatThrownBy(() -> search.search(SearchRequest.of("x ".repeat(3001), 5))).isInstanceOf(QueryRejected.class)
                .hasMessageContaining("6000");
        assertThatThrownBy(() -> search.search(SearchRequest.of("a ".repeat(33), 5)))
                .isInstanceOf(QueryRejected.class).hasMessageContaining("no words");
    }

    @Test
    void aPastedAbstractIsAnsweredAsPapersLikeItsText() {
        String pasted = search.paper(GOLDFISH).orElseThrow().abstractText();
        assertThat(pasted.length()).isGreaterThan(300);

        SearchPage page = search.search(SearchRequest.of(pasted, 5));

        assertThat(page.likeText()).isTrue();
        assertThat(page.hits().get(0).paper().title()).isEqualTo(GOLDFISH);
        assertThat(search.search(SearchRequest.of("goldfish loss", 5)).likeText()).isFalse();
    }

    @Test
    void operatorSyntaxBeyondPhrasesAndBooleansIsPlainText() {
        // field targeting, wildcards, fuzzy and regex are not operators: they reduce to their words
        assertThat(titles("title:goldfish", 1)).containsExactly(GOLDFISH);
        assertThat(titles("goldfish~2 loss*", 1)).containsExactly(GOLDFISH);
        assertThat(titles("/goldfish/", 1)).containsExactly(GOLDFISH);
        assertThat(titles("\"goldfish loss\" -transformers", 1)).containsExactly(GOLDFISH);
    }
}
