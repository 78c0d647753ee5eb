package org.paperscout.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedTextReaderTest {

    private final SeedTextReader reader = new SeedTextReader();

    @Test
    void readsTitleAbstractPairsAfterThePageChromeWithoutTheGluedSubscribe() throws IOException {
        ReadResult result = reader.read(Fixtures.path("seed/three-papers.txt"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.papers()).extracting(Paper::title).containsExactly(
                "Memorize, Factorize, or be Naïve: Learning Optimal Feature Interaction Methods for CTR Prediction",
                "Titans: Learning to Memorize at Test Time",
                "Memorizing Transformers");
        Paper first = result.papers().get(0);
        assertThat(first).isEqualTo(new Paper(
                PaperIds.forTitle(first.title()),
                "Memorize, Factorize, or be Naïve: Learning Optimal Feature Interaction Methods for CTR Prediction",
                "Click-through rate prediction is one of the core tasks in commercial recommender systems. The "
                        + "current approaches fall into three classes: (1) na\\\"ive methods, which do not model "
                        + "feature interactions; (2) memorized methods; (3) factorized methods.",
                List.of(), List.of(), null, PaperLinks.NONE, 0, "seed"));
        assertThat(first.id()).startsWith(PaperIds.TITLE_HASH_PREFIX);
        assertThat(result.papers()).extracting(Paper::id).containsExactly(
                PaperIds.forTitle("Memorize, Factorize, or be Naïve: Learning Optimal Feature Interaction Methods "
                        + "for CTR Prediction"),
                PaperIds.forTitle("Titans: Learning to Memorize at Test Time"),
                PaperIds.forTitle("Memorizing Transformers"));
    }

    @Test
    void aFileWithoutChromeLosesNoPaperAndOnlyAGluedSubscribeOnTheFirstTitleIsRemoved() throws IOException {
        ReadResult result = reader.read(Fixtures.path("seed/no-header.txt"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.papers()).extracting(Paper::title).containsExactly(
                "Subscribers and Publishers: Scraped Chrome Is Only Removed When Glued",
                "SubscribeLater Is a Real Word Here");
        assertThat(result.papers().get(0).abstractText())
                .isEqualTo("A hand-written seed without page chrome; this title must survive whole.");
    }

    @Test
    void malformedRecordsAreReportedWithFileAndLineAndTheRestStillLoads() throws IOException {
        ReadResult result = reader.read(Fixtures.path("seed/malformed.txt"));

        assertThat(result.papers()).extracting(Paper::title)
                .containsExactly("First Good Paper", "Second Good Paper", "Third Good Paper");
        assertThat(result.papers()).extracting(Paper::abstractText)
                .containsExactly("An abstract for the first good paper.", "Its abstract.", "Third abstract.");
        assertThat(result.problems()).extracting(ReadProblem::location).containsExactly(
                "malformed.txt:5", "malformed.txt:10", "malformed.txt:11", "malformed.txt:14");
        assertThat(result.problems().get(0).reason()).isEqualTo("the title line is empty; skipped the paper on lines 5-6");
        assertThat(result.problems().get(1).reason())
                .isEqualTo("the abstract of \"Paper With Empty Abstract\" is empty; skipped it");
        assertThat(result.problems().get(2).reason())
                .startsWith("the line is 1,105 characters, more than the 1,000 allowed for a title")
                .contains("looks like an abstract");
        assertThat(result.problems().get(3).reason()).isEqualTo(
                "the title \"Dangling Title Without Abstract\" has no abstract line after it (the file ends); skipped it");
        assertThat(result.problems().get(3).toString()).startsWith("malformed.txt:14: the title");
    }

    @Test
    void aLineThatIsNotUtf8SkipsItsPaperAndNothingElse() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("Good Paper\nGood abstract.\nBad ".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFF);
        bytes.writeBytes(" Title\nIts abstract.\nLater Paper\nLater abstract.\n".getBytes(StandardCharsets.UTF_8));

        ReadResult result = reader.read("latin.txt", new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(result.papers()).extracting(Paper::title).containsExactly("Good Paper", "Later Paper");
        assertThat(result.problems()).containsExactly(new ReadProblem("latin.txt:3",
                "the line is not valid UTF-8 (save the file as UTF-8); skipped this paper"));
    }

    @Test
    void aLineOverTheByteLimitIsSkippedWithoutLosingTheFollowingPairs() throws IOException {
        String huge = "x".repeat(SeedTextReader.MAX_LINE_BYTES + 10);
        String text = "Huge Paper\n" + huge + "\nNext Paper\nNext abstract.";

        ReadResult result = reader.read("huge.txt", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));

        assertThat(result.papers()).extracting(Paper::title).containsExactly("Next Paper");
        assertThat(result.problems()).extracting(ReadProblem::location).containsExactly("huge.txt:2");
        assertThat(result.problems().get(0).reason()).startsWith("the line is 1,048,586 bytes, more than the");
    }

    @Test
    void emptyInputAndChromeOnlyInputGiveNothingAndNoProblems() throws IOException {
        ReadResult empty = reader.read("empty.txt", new ByteArrayInputStream(new byte[0]));
        ReadResult chrome = reader.read("chrome.txt", new ByteArrayInputStream(
                "Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\n\n"
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(empty.papers()).isEmpty();
        assertThat(empty.problems()).isEmpty();
        assertThat(chrome.papers()).isEmpty();
        assertThat(chrome.problems()).isEmpty();
    }

    @Test
    void readingTwiceGivesEqualPapers() throws IOException {
        Path file = Fixtures.path("seed/three-papers.txt");

        assertThat(reader.read(file)).isEqualTo(reader.read(file));
    }

    @Test
    void theRealSeedFileLoadsAll62PapersWithDistinctIdsAndNoSubscribe() throws IOException {
        Path seed = Fixtures.seeds().resolve("hf-papers-memorization.txt");
        assertThat(seed).exists();

        ReadResult result = reader.read(seed);

        assertThat(result.problems()).isEmpty();
        assertThat(result.papers()).hasSize(62);
        assertThat(result.papers().get(0).title()).isEqualTo(
                "Memorize, Factorize, or be Naïve: Learning Optimal Feature Interaction Methods for CTR Prediction");
        assertThat(result.papers().get(0).abstractText()).contains("(1) na\\\"ive methods,");
        assertThat(result.papers().get(61).title())
                .isEqualTo("On the Planning, Search, and Memorization Capabilities of Large Language Models");
        assertThat(result.papers()).noneMatch(p -> p.title().contains("Subscribe"));
        assertThat(result.papers()).allMatch(p -> !p.abstractText().isEmpty() && p.source().equals("seed"));
        assertThat(result.papers()).extracting(Paper::id).doesNotHaveDuplicates()
                .allMatch(id -> id.equals(PaperIds.forTitle(titleOf(result, id))));
        assertThat(Files.readString(seed)).contains("SubscribeMemorize");
        assertThat(reader.read(seed)).isEqualTo(result);
    }

    private static String titleOf(ReadResult result, String id) {
        return result.papers().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow().title();
    }
}
