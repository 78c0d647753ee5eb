package org.paperscout.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesReaderTest {

    private final JsonLinesReader reader = new JsonLinesReader();

    private ReadResult read(String name, String text) throws IOException {
        return reader.read(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsEveryFieldOfTheSchema() throws IOException {
        ReadResult result = reader.read(Fixtures.path("jsonl/papers.jsonl"));

        assertThat(result.papers()).extracting(Paper::id).containsExactly(
                "2406.10209",
                PaperIds.forTitle("Memorizing Transformers"),
                "2202.07646",
                "hep-th/9901001",
                PaperIds.forTitle("Own Title Hash"));
        assertThat(result.papers().get(0)).isEqualTo(new Paper("2406.10209",
                "Be like a Goldfish, Don't Memorize! Mitigating Memorization in Generative LLMs",
                "Large language models can memorize and repeat their training data, causing privacy and copyright "
                        + "risks.",
                List.of("Abhimanyu Hans", "Yuxin Wen", "Tom Goldstein"), List.of("cs.CL", "cs.LG"),
                LocalDate.of(2024, 6, 14), PaperLinks.forArxivId("2406.10209"), 12, "jsonl"));
        assertThat(result.papers().get(1)).isEqualTo(new Paper(PaperIds.forTitle("Memorizing Transformers"),
                "Memorizing Transformers",
                "Language models typically need to be trained or finetuned to acquire new knowledge.",
                List.of(), List.of(), null, PaperLinks.NONE, 0, "jsonl"));
        assertThat(result.papers().get(2)).isEqualTo(new Paper("2202.07646",
                "Quantifying Memorization Across Neural Language Models",
                "Large language models have been shown to memorize parts of their training data.",
                List.of("Nicholas Carlini", "Daphne Ippolito"), List.of("cs.LG", "cs.CL"), null,
                new PaperLinks("https://arxiv.org/abs/2202.07646", "https://arxiv.org/pdf/2202.07646",
                        "https://huggingface.co/papers/2202.07646v1"),
                3, "lab-export"));
        assertThat(result.papers().get(3).published()).isEqualTo(LocalDate.of(1999, 1, 4));
        assertThat(result.papers().get(3).links()).isEqualTo(PaperLinks.forArxivId("hep-th/9901001"));
    }

    @Test
    void aLargeFileParsedInParallelKeepsTheFileOrderAndEveryLineNumber() throws IOException {
        // 10,000 lines span three parallel chunks; every 7th line is bad and every 11th blank, across chunk borders.
        StringBuilder file = new StringBuilder();
        List<String> expectedTitles = new java.util.ArrayList<>();
        List<String> expectedProblems = new java.util.ArrayList<>();
        for (int n = 1; n <= 10_000; n++) {
            if (n % 11 == 0) {
                file.append(" \t\n");
            } else if (n % 7 == 0) {
                file.append("{\"title\": \"Broken ").append(n).append("\"}\n");
                expectedProblems.add("big.jsonl:" + n);
            } else {
                file.append("{\"title\": \"Paper ").append(n).append("\", \"abstract\": \"Text ").append(n)
                        .append(".\"}\n");
                expectedTitles.add("Paper " + n);
            }
        }

        ReadResult result = read("big.jsonl", file.toString());

        assertThat(result.papers()).extracting(Paper::title).containsExactlyElementsOf(expectedTitles);
        assertThat(result.problems()).extracting(ReadProblem::location).containsExactlyElementsOf(expectedProblems);
        assertThat(result.problems().get(0).reason()).contains("abstract");
    }

    @Test
    void eachMalformedLineIsReportedWithItsLineNumberAndSkipped() throws IOException {
        ReadResult result = reader.read(Fixtures.path("jsonl/papers.jsonl"));

        assertThat(result.problems()).extracting(ReadProblem::location).containsExactly(
                "papers.jsonl:4", "papers.jsonl:5", "papers.jsonl:6", "papers.jsonl:7", "papers.jsonl:8",
                "papers.jsonl:9", "papers.jsonl:10", "papers.jsonl:12", "papers.jsonl:13", "papers.jsonl:14",
                "papers.jsonl:17", "papers.jsonl:18");
        assertThat(result.problems()).extracting(ReadProblem::reason).satisfiesExactly(
                r -> assertThat(r).startsWith("not valid JSON at column 38 (Unexpected character ('}'"),
                r -> assertThat(r).isEqualTo("title is missing"),
                r -> assertThat(r).isEqualTo("authors must be a list of strings, not the string \"Ada Lovelace\""),
                r -> assertThat(r).isEqualTo("published \"2024-02-30\" is not a date like 2024-06-14"),
                r -> assertThat(r).isEqualTo("id \"doi:10.1145/123\" is not an arXiv id like 2406.10209; leave "
                        + "\"id\" out for papers that have none"),
                r -> assertThat(r).isEqualTo("the line must be one JSON object like {\"title\": ..., \"abstract\": ...}"),
                r -> assertThat(r).isEqualTo("not valid JSON at column 27 (Duplicate field 'title')"),
                r -> assertThat(r).isEqualTo("links.hf \"javascript:alert(1)\" is not an http(s) link"),
                r -> assertThat(r).isEqualTo("upvotes must be a whole number from 0 up, not the number \"-3\""),
                r -> assertThat(r).isEqualTo("upvotes must be a whole number from 0 up, not the number \"1.5\""),
                r -> assertThat(r).isEqualTo("not valid JSON at column 47 (there is more after the first JSON value)"),
                r -> assertThat(r).isEqualTo("the abstract of \"Empty Abstract\" is empty"));
    }

    @Test
    void fieldsOverTheLimitsAreProblemsNamingTheLimit() throws IOException {
        String longTitle = "T".repeat(1_001);
        String longAbstract = "word ".repeat(4_001);
        ReadResult result = read("big.jsonl",
                "{\"title\": \"" + longTitle + "\", \"abstract\": \"fine\"}\n"
                        + "{\"title\": \"Long Abstract\", \"abstract\": \"" + longAbstract + "\"}\n"
                        + "{\"title\": \"Exactly At The Limit\", \"abstract\": \"" + "a".repeat(20_000) + "\"}\n");

        assertThat(result.problems()).containsExactly(
                new ReadProblem("big.jsonl:1", "the title is 1,001 characters, more than the 1,000 allowed"),
                new ReadProblem("big.jsonl:2",
                        "the abstract of \"Long Abstract\" is 20,004 characters, more than the 20,000 allowed"));
        assertThat(result.papers()).extracting(Paper::title).containsExactly("Exactly At The Limit");
    }

    @Test
    void tooManyCategoriesOrAnOverlongAuthorNameAreProblems() throws IOException {
        StringBuilder categories = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            categories.append(i == 0 ? "" : ", ").append("\"cat.").append(i).append('"');
        }
        ReadResult result = read("lists.jsonl",
                "{\"title\": \"C\", \"abstract\": \"a\", \"categories\": [" + categories + "]}\n"
                        + "{\"title\": \"A\", \"abstract\": \"a\", \"authors\": [\"" + "n".repeat(301) + "\"]}\n"
                        + "{\"title\": \"N\", \"abstract\": \"a\", \"authors\": [\"Ada\", 7]}\n");

        assertThat(result.papers()).isEmpty();
        assertThat(result.problems()).containsExactly(
                new ReadProblem("lists.jsonl:1", "it has 51 categories, more than the 50 allowed"),
                new ReadProblem("lists.jsonl:2", "an author name is 301 characters, more than the 300 allowed"),
                new ReadProblem("lists.jsonl:3", "authors item must be a string, not the number \"7\""));
    }

    @Test
    void aLineNested10000DeepIsASkippedRecordNotAStackOverflow() throws IOException {
        String deep = "{\"title\": \"Deep\", \"abstract\": \"x\", \"n\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";

        ReadResult[] result = new ReadResult[1];
        assertThatCode(() -> result[0] = read("deep.jsonl",
                deep + "\n{\"title\": \"After\", \"abstract\": \"Still read.\"}\n")).doesNotThrowAnyException();

        assertThat(result[0].papers()).extracting(Paper::title).containsExactly("After");
        assertThat(result[0].problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("deep.jsonl:1");
            assertThat(p.reason()).isEqualTo("not valid JSON (nested more than 32 levels deep)");
        });
    }

    @Test
    void invalidUtf8IsReportedForItsLineOnly() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("{\"title\": \"Caf".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9); // Latin-1 é: not UTF-8
        bytes.writeBytes("\", \"abstract\": \"x\"}\n{\"title\": \"Café\", \"abstract\": \"UTF-8 is fine.\"}"
                .getBytes(StandardCharsets.UTF_8));

        ReadResult result = reader.read("mixed.jsonl", new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(result.papers()).extracting(Paper::title).containsExactly("Café");
        assertThat(result.problems()).containsExactly(
                new ReadProblem("mixed.jsonl:1", "the line is not valid UTF-8 (save the file as UTF-8)"));
    }

    @Test
    void aLineOverTheByteLimitIsSkippedWithoutBeingHeld() throws IOException {
        String huge = "{\"title\": \"Huge\", \"abstract\": \"" + "a".repeat(JsonLinesReader.MAX_LINE_BYTES) + "\"}";

        ReadResult result = read("huge.jsonl", huge + "\r\n{\"title\": \"Small\", \"abstract\": \"ok\"}\r\n");

        assertThat(result.papers()).extracting(Paper::title).containsExactly("Small");
        assertThat(result.problems()).extracting(ReadProblem::location).containsExactly("huge.jsonl:1");
        assertThat(result.problems().get(0).reason()).contains("bytes, more than the 4,194,304 allowed");
    }

    @Test
    void linesAcrossTheReadBufferKeepTheirTextAndNumbers() throws IOException {
        // About 250 KB: many lines straddle the reader's 64 KiB buffer, ASCII and not, with both line endings.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            if (i == 700) {
                bytes.writeBytes("{\"title\": \"Bad ".getBytes(StandardCharsets.UTF_8));
                bytes.write(0xE9); // Latin-1 é: not UTF-8
                bytes.writeBytes("\", \"abstract\": \"x\"}\n".getBytes(StandardCharsets.UTF_8));
                continue;
            }
            String title = (i % 3 == 0 ? "Résumé " : "Resume ") + i;
            expected.add(title);
            bytes.writeBytes(("{\"title\": \"" + title + "\", \"abstract\": \"" + "words ".repeat(30 + i % 17)
                    + "end\"}" + (i % 2 == 0 ? "\r\n" : "\n")).getBytes(StandardCharsets.UTF_8));
        }

        ReadResult result = reader.read("long.jsonl", new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(result.papers()).extracting(Paper::title).containsExactlyElementsOf(expected);
        assertThat(result.papers()).allSatisfy(p -> assertThat(p.abstractText()).endsWith(" end"));
        assertThat(result.problems()).extracting(ReadProblem::location).containsExactly("long.jsonl:701");
    }

    @Test
    void aByteOrderMarkAndBlankLinesAreIgnored() throws IOException {
        ReadResult result = read("bom.jsonl", "\uFEFF{\"title\": \"With BOM\", \"abstract\": \"x\"}\n\n   \n");

        assertThat(result.problems()).isEmpty();
        assertThat(result.papers()).extracting(Paper::title).containsExactly("With BOM");
    }

    @Test
    void readingTwiceGivesEqualPapersAndProblems() throws IOException {
        Path file = Fixtures.path("jsonl/papers.jsonl");

        assertThat(reader.read(file)).isEqualTo(reader.read(file));
    }
}
