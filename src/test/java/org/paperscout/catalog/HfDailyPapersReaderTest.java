package org.paperscout.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class HfDailyPapersReaderTest {

    private final HfDailyPapersReader reader = new HfDailyPapersReader();

    private ReadResult read(String name, String text) throws IOException {
        return reader.read(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheApiShapeIntoPapersKeyedByArxivId() throws IOException {
        ReadResult result = reader.read(Fixtures.path("hf/daily-papers.json"));

        assertThat(result.papers()).extracting(Paper::id).containsExactly("2406.10209", "2501.00663", "2202.07646");
        assertThat(result.papers().get(0)).isEqualTo(new Paper("2406.10209",
                "Be like a Goldfish, Don't Memorize! Mitigating Memorization in Generative LLMs",
                "Large language models can memorize and repeat their training data, causing privacy and copyright "
                        + "risks. To mitigate memorization, we introduce a subtle modification to the next-token "
                        + "training objective that we call the goldfish loss.",
                List.of("Abhimanyu Hans", "Yuxin Wen", "Tom Goldstein"), List.of(), LocalDate.of(2024, 6, 14),
                PaperLinks.forArxivId("2406.10209"), 12, "hf"));
        assertThat(result.papers().get(1).authors()).containsExactly("Ali Behrouz", "Peilin Zhong", "Vahab Mirrokni");
        assertThat(result.papers().get(1).published()).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(result.papers().get(1).upvotes()).isZero();
    }

    @Test
    void fallsBackToTheEntryTitleDropsTheVersionAndUsesTheUtcDate() throws IOException {
        Paper carlini = reader.read(Fixtures.path("hf/daily-papers.json")).papers().get(2);

        assertThat(carlini).isEqualTo(new Paper("2202.07646",
                "Quantifying Memorization Across Neural Language Models",
                "Large language models (LMs) have been shown to memorize parts of their training data.",
                List.of("Nicholas Carlini", "Daphne Ippolito"), List.of(),
                // 2022-02-15T22:48:31-05:00 is already the 16th in UTC
                LocalDate.of(2022, 2, 16), PaperLinks.forArxivId("2202.07646"), 7, "hf"));
    }

    @Test
    void badEntriesAreCountedByEntryNumberAndSkipped() throws IOException {
        ReadResult result = reader.read(Fixtures.path("hf/daily-papers.json"));

        assertThat(result.problems()).containsExactly(
                new ReadProblem("daily-papers.json#entry3", "paper.id \"not-an-arxiv-id\" is not an arXiv id"),
                new ReadProblem("daily-papers.json#entry4", "paper.summary is missing"),
                new ReadProblem("daily-papers.json#entry6",
                        "paper.upvotes must be a whole number from 0 up, not the string \"1.2k\""),
                new ReadProblem("daily-papers.json#entry7",
                        "the entry must be an object, not the string \"not an entry\""));
    }

    @Test
    void aTruncatedDocumentIsUnreadableEvenThoughItsFirstEntriesWereComplete() {
        assertThatThrownBy(() -> reader.read(Fixtures.path("hf/truncated.json")))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageStartingWith("truncated.json: not valid JSON at line")
                .hasMessageEndingWith("; nothing was read from it");
    }

    @Test
    void aDocumentThatIsNotAnArrayIsUnreadable() {
        assertThatThrownBy(() -> reader.read(Fixtures.path("hf/wrapped-object.json")))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessage("wrapped-object.json: expected a JSON array of daily papers (what "
                        + "https://huggingface.co/api/daily_papers returns), but the document starts with an object");
        assertThatThrownBy(() -> read("empty.json", "  "))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageEndingWith("but the document is empty");
        assertThatThrownBy(() -> read("two.json", "[] []"))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessage("two.json: there is more after the array of daily papers; nothing was read from it");
    }

    @Test
    void nesting10000DeepIsUnreadableNotAStackOverflow() {
        String deep = "[{\"paper\": {\"id\": \"2406.10209\", \"x\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}}]";

        assertThatThrownBy(() -> read("deep.json", deep))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessage("deep.json: not valid JSON (nested more than 32 levels deep); nothing was read from it");
    }

    @Test
    void anOverlongSummaryIsOneEntrysProblem() throws IOException {
        String entry = "{\"paper\": {\"id\": \"2406.%05d\", \"title\": \"T%d\", \"summary\": \"%s\"}}";
        ReadResult result = read("long.json", "[" + String.format(entry, 1, 1, "s".repeat(20_001)) + ","
                + String.format(entry, 2, 2, "short") + "]");

        assertThat(result.papers()).extracting(Paper::id).containsExactly("2406.00002");
        assertThat(result.problems()).containsExactly(new ReadProblem("long.json#entry1",
                "the abstract of \"T1\" is 20,001 characters, more than the 20,000 allowed"));
    }

    @Test
    void invalidUtf8IsReplacedRatherThanFailingTheDocumentAndABomIsSkipped() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("\uFEFF[{\"paper\": {\"id\": \"2406.10209\", \"title\": \"Caf".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9);
        bytes.writeBytes("\", \"summary\": \"s\"}}]".getBytes(StandardCharsets.UTF_8));

        ReadResult result = reader.read("latin.json", new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(result.problems()).isEmpty();
        assertThat(result.papers()).extracting(Paper::title).containsExactly("Caf\uFFFD");
    }

    @Test
    void readingTwiceGivesEqualPapersAndProblems() throws IOException {
        Path file = Fixtures.path("hf/daily-papers.json");

        assertThat(reader.read(file)).isEqualTo(reader.read(file));
    }
}
