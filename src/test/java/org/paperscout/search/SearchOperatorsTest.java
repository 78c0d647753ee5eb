package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;

/**
 * Every operator README and /help name ({@code "phrase"}, {@code +must}, {@code -exclude}, {@code a | b}), with
 * exact results: on the seeds, plus four speech papers that the seeds lack (issue 17's own example) whose words
 * sit in different fields, so an exclusion is seen to act on title, abstract and authors alike.
 */
class SearchOperatorsTest {

    static final String GOLDFISH = SeedSearchTest.GOLDFISH;
    static final String MEMORIZING_TRANSFORMERS = "Memorizing Transformers";
    static final List<String> DIFFUSION = List.of(
            "Memorized Images in Diffusion Models share a Subspace that can be Located and Deleted",
            "MemControl: Mitigating Memorization in Diffusion Models via Automated Parameter Selection",
            "The Devil is in the Prompts: De-Identification Traces Enhance Memorization Risks in Synthetic Chest "
                    + "X-Ray Generation");
    /** "whispered" in the title. */
    static final String WHISPERED = "Whispered Speech Recognition with Pseudo-Whisper Augmentation";
    /** The phrase in the title; by an author named Radford, nothing whispered. */
    static final String ROBUST = "Robust Speech Recognition via Large-Scale Weak Supervision";
    /** The phrase in the title, "whispered" only in the abstract. */
    static final String IN_CARS = "Speech Recognition in Noisy Cars";
    /** Both words, never as the phrase "speech recognition". */
    static final String EMOTION = "Recognition of Emotion in Speech";
    /** Seed papers that mention speech (not the phrase). */
    static final List<String> SEED_SPEECH = List.of(
            "ROME: Memorization Insights from Text, Probability and Hidden State in Large Language Models",
            "Memories are One-to-Many Mapping Alleviators in Talking Face Generation");

    @TempDir
    static Path dir;
    static PaperIndex index;
    static SearchService search;

    @BeforeAll
    static void indexSeedsAndSpeechPapers() throws Exception {
        index = SeedIndex.open(dir.resolve("index"));
        index.upsert(List.of(
                paper("2601.00001", WHISPERED, "We adapt speech recognition to whispered input by synthesising "
                        + "pseudo-whisper training audio.", "Ana Lopez"),
                paper("2601.00002", ROBUST, "We study speech processing systems trained on large amounts of "
                        + "transcripts from the internet.", "Alec Radford"),
                paper("2601.00003", IN_CARS, "Drivers issue commands over road noise; some are whispered to avoid "
                        + "waking passengers.", "Ben Okafor"),
                paper("2601.00004", EMOTION, "Emotion recognition from speech signals with prosodic features.",
                        "Chen Wei")));
        search = new SearchService(index, SearchConfig.defaults());
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    private static Paper paper(String id, String title, String abstractText, String author) {
        return new Paper(id, title, abstractText, List.of(author), List.of("cs.CL"), LocalDate.of(2026, 1, 5),
                PaperLinks.forArxivId(id), 0, "test");
    }

    private static List<String> titles(String query) {
        return search.search(SearchRequest.of(query, 100)).hits().stream().map(h -> h.paper().title()).toList();
    }

    @Test
    void anExcludedWordRemovesEveryPaperThatHasIt() {
        List<String> memorization = titles("memorization");
        assertThat(memorization).hasSize(50).containsAll(DIFFUSION);
        List<String> expected = new ArrayList<>(memorization);
        expected.removeAll(DIFFUSION);

        // issue 17: this listed all 62 seed papers, diffusion ones included
        assertThat(titles("memorization -diffusion")).hasSize(47).containsExactlyElementsOf(expected);
    }

    @Test
    void anExclusionActsOnTitleAbstractAndAuthors() {
        assertThat(titles("\"speech recognition\"")).containsExactlyInAnyOrder(WHISPERED, ROBUST, IN_CARS);
        // issue 17: the whispered paper ranked second instead of being left out
        assertThat(titles("\"speech recognition\" -whispered")).containsExactly(ROBUST);
        assertThat(titles("\"speech recognition\" -radford")).containsExactlyInAnyOrder(WHISPERED, IN_CARS);
        assertThat(titles("\"speech recognition\" -\"weak supervision\"")).containsExactlyInAnyOrder(WHISPERED,
                IN_CARS);
    }

    @Test
    void aPhraseNeedsItsWordsTogetherAndInOrder() {
        assertThat(titles("speech recognition")).contains(EMOTION, WHISPERED, ROBUST, IN_CARS);
        assertThat(titles("\"speech recognition\"")).doesNotContain(EMOTION);
        assertThat(titles("\"recognition speech\"")).isEmpty();
    }

    @Test
    void aRequiredWordMustBeInEveryResultWhileOtherWordsOnlyRank() {
        assertThat(titles("+goldfish memorization")).containsExactly(GOLDFISH);
        assertThat(titles("+diffusion +memorization")).containsExactlyInAnyOrderElementsOf(DIFFUSION);
        List<String> speech = new ArrayList<>(List.of(WHISPERED, ROBUST, IN_CARS, EMOTION));
        speech.addAll(SEED_SPEECH);
        // without +, "recognition" alone would also bring "Recognition, recall, and retention of few-shot memories"
        assertThat(titles("+speech recognition")).containsExactlyInAnyOrderElementsOf(speech);
        assertThat(titles("+\"speech recognition\" +emotion")).isEmpty();
    }

    @Test
    void alternativesMatchEitherWord() {
        assertThat(titles("goldfish | knn")).containsExactlyInAnyOrder(GOLDFISH, MEMORIZING_TRANSFORMERS);
        assertThat(titles("goldfish|knn")).containsExactlyInAnyOrder(GOLDFISH, MEMORIZING_TRANSFORMERS);
        // the talking-face seed paper is about emotion in speech
        assertThat(titles("whispered | emotion")).containsExactlyInAnyOrder(WHISPERED, IN_CARS, EMOTION,
                SEED_SPEECH.get(1));
        // a required group: every result has one of its words
        assertThat(titles("memorization +goldfish | +knn")).containsExactlyInAnyOrder(GOLDFISH,
                MEMORIZING_TRANSFORMERS);
    }

    @Test
    void operatorsCombine() {
        assertThat(titles("goldfish | knn -transformers")).containsExactly(GOLDFISH);
        assertThat(titles("\"speech recognition\" | emotion -whispered")).containsExactlyInAnyOrder(ROBUST, EMOTION,
                SEED_SPEECH.get(1));
        assertThat(titles("+speech -\"speech recognition\" -face")).containsExactlyInAnyOrder(EMOTION,
                SEED_SPEECH.get(0));
    }

    @Test
    void aQueryOfOnlyExclusionsAsksForAWordToLookFor() {
        for (String q : List.of("-diffusion", "-diffusion -memorization", "-\"diffusion models\"", "-the -diffusion")) {
            assertThatThrownBy(() -> search.search(SearchRequest.of(q, 5))).as(q).isInstanceOf(QueryRejected.class)
                    .hasMessageContaining("only excludes words").hasMessageContaining("nothing to look for")
                    .hasMessageContaining("/search memorization -diffusion");
        }
        assertThatThrownBy(() -> search.checkQuery("-goldfish")).isInstanceOf(QueryRejected.class)
                .hasMessageContaining("nothing to look for");
    }

    @Test
    void refusalsAreWordedInTheCallersLanguageAndStayEnglishInTheirMessage() {
        QueryRejected onlyExcludes = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> search.checkQuery("-goldfish"), QueryRejected.class);
        assertThat(onlyExcludes.message(java.util.Locale.GERMAN)).isEqualTo("Deine Suche schließt nur Wörter aus (-wort), "
                + "es gibt also nichts zu suchen. Füg ein Wort zum Finden hinzu, z. B. /search memorization -diffusion.");
        assertThat(onlyExcludes.message(java.util.Locale.ENGLISH)).isEqualTo(onlyExcludes.getMessage());
        QueryRejected tooLong = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> search.checkQuery("word ".repeat(1_400)), QueryRejected.class);
        assertThat(tooLong.getMessage()).startsWith("Your text is 6999 characters long; the limit is 6000.");
        assertThat(tooLong.message(java.util.Locale.JAPANESE)).isEqualTo(
                "テキストが 6999 文字あります。上限は 6000 文字です。要旨か重要な段落を貼り付けてください。");
    }

    @Test
    void strayOperatorsAreNotOperators() {
        List<String> memorization = titles("memorization");
        assertThat(titles("memorization -")).isEqualTo(memorization);
        assertThat(titles("memorization + |")).isEqualTo(memorization);
        assertThat(titles("| memorization")).isEqualTo(memorization);
        // a hyphen inside a word joins it, it does not exclude what follows
        assertThat(titles("memorization-robust")).contains("WILT: A Multi-Turn, Memorization-Robust Inductive "
                + "Logic Benchmark for LLMs");
        assertThat(titles("\"goldfish loss")).first().isEqualTo(GOLDFISH);
    }
}
