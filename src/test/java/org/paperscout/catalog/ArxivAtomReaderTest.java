package org.paperscout.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArxivAtomReaderTest {

    private static final String FEED_START = "<feed xmlns=\"http://www.w3.org/2005/Atom\">";
    private static final String SECRET = "TOP-SECRET-7f3a9c";

    private final ArxivAtomReader reader = new ArxivAtomReader();

    private ReadResult read(String name, String xml) throws IOException {
        return reader.read(name, new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String entry(String id, String title, String summary) {
        return "<entry><id>http://arxiv.org/abs/" + id + "</id><title>" + title + "</title><summary>" + summary
                + "</summary></entry>";
    }

    @Test
    void readsEntriesWithNormalisedTextVersionlessIdsAndCategoriesPrimaryFirst() throws IOException {
        ReadResult result = reader.read(Fixtures.path("arxiv/query.xml"));

        assertThat(result.papers()).extracting(Paper::id).containsExactly("2406.10209", "hep-th/9901001", "2202.07646");
        assertThat(result.papers().get(0)).isEqualTo(new Paper("2406.10209",
                "Be like a Goldfish, Don't Memorize! Mitigating Memorization in Generative LLMs",
                "Large language models can memorize and repeat their training data, causing privacy and copyright "
                        + "risks. To mitigate memorization, we introduce a subtle modification to the next-token "
                        + "training objective that we call the goldfish loss.",
                List.of("Abhimanyu Hans", "Yuxin Wen", "Tom Goldstein"), List.of("cs.CL", "cs.LG"),
                LocalDate.of(2024, 6, 14), PaperLinks.forArxivId("2406.10209"), 0, "arxiv"));
        assertThat(result.papers().get(1)).isEqualTo(new Paper("hep-th/9901001",
                "Strings & Memories: An Old-Style <Identifier>", "Before 2007 arXiv identifiers named the archive.",
                List.of("A. Physicist"), List.of("hep-th"), LocalDate.of(1999, 1, 4),
                PaperLinks.forArxivId("hep-th/9901001"), 0, "arxiv"));
        assertThat(result.papers().get(2).authors()).containsExactly("Nicholas Carlini", "Daphne Ippolito");
        assertThat(result.papers().get(2).categories()).containsExactly("cs.LG", "cs.CL");
        assertThat(result.papers().get(2).published()).isEqualTo(LocalDate.of(2022, 2, 15));
    }

    @Test
    void entriesWithoutIdOrTitleAreCountedByEntryNumberAndSkipped() throws IOException {
        ReadResult result = reader.read(Fixtures.path("arxiv/query.xml"));

        assertThat(result.problems()).containsExactly(
                new ReadProblem("query.xml#entry3", "the entry for 2401.00003 has no <title>"),
                new ReadProblem("query.xml#entry4", "the entry has no <id>"));
    }

    @Test
    void exposesTheOpenSearchPagingNumbers() throws IOException {
        AtomPage page = reader.readPage("query.xml", Files.newInputStream(Fixtures.path("arxiv/query.xml")));
        AtomPage empty = reader.readPage("empty.xml", Files.newInputStream(Fixtures.path("arxiv/empty.xml")));
        AtomPage bare = reader.readPage("bare.xml", new ByteArrayInputStream(
                (FEED_START + entry("2406.10209", "T", "S") + "</feed>").getBytes(StandardCharsets.UTF_8)));

        assertThat(page.totalResults()).hasValue(1234);
        assertThat(page.startIndex()).hasValue(0);
        assertThat(page.itemsPerPage()).hasValue(5);
        assertThat(page.result()).isEqualTo(reader.read(Fixtures.path("arxiv/query.xml")));
        assertThat(empty.totalResults()).hasValue(0);
        assertThat(empty.result().papers()).isEmpty();
        assertThat(empty.result().problems()).isEmpty();
        assertThat(bare.totalResults()).isEqualTo(OptionalInt.empty());
        assertThat(bare.result().papers()).hasSize(1);
    }

    @Test
    void anApiErrorEntryIsAProblemCarryingArxivsMessage() throws IOException {
        ReadResult result = reader.read(Fixtures.path("arxiv/api-error.xml"));

        assertThat(result.papers()).isEmpty();
        assertThat(result.problems()).containsExactly(new ReadProblem("api-error.xml#entry1",
                "arXiv reported an error: \"incorrect id format for 1234.12345\""));
    }

    @Test
    void aTruncatedFileKeepsItsCompleteEntriesAndReportsTheBreak() throws IOException {
        ReadResult result = reader.read(Fixtures.path("arxiv/truncated.xml"));

        assertThat(result.papers()).extracting(Paper::id).containsExactly("2406.10209", "hep-th/9901001");
        assertThat(result.problems()).extracting(ReadProblem::location)
                .containsExactly("truncated.xml#entry3", "truncated.xml#entry4", "truncated.xml");
        assertThat(result.problems().get(2).reason())
                .startsWith("the document breaks off at line 61, column ")
                .endsWith("; a truncated file, or broken XML there): kept the 2 good entries before it; anything from"
                        + " there on is lost");
    }

    @Test
    void aTruncatedLivePageIsUnreadableAsAWholeSoThePollFetchesItAgain() {
        assertThatThrownBy(() -> reader.readPage("arXiv page 1",
                Files.newInputStream(Fixtures.path("arxiv/truncated.xml"))))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageStartingWith("arXiv page 1: not well-formed XML at line")
                .hasMessageEndingWith("a truncated download, or not XML at all?); nothing was read from it");
    }

    @Test
    void a60MegabyteSummaryIsReportedAndSkippedWhileTheOtherEntriesAreReadInA200MegabyteHeap(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("huge.xml");
        try (java.io.Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(FEED_START + entry("2401.00001", "Before", "A normal abstract."));
            w.write("<entry><id>http://arxiv.org/abs/2401.00002</id><title>Huge</title><summary>");
            String line = "word ".repeat(200) + "\n"; // 1,001 characters, 1,000 of them after cleaning
            for (int i = 0; i < 63_000; i++) {
                w.write(line);
            }
            w.write("</summary></entry>" + entry("2401.00003", "After", "Another normal abstract.") + "</feed>");
        }
        assertThat(Files.size(file)).isGreaterThan(60L << 20);

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx200m", "-cp", System.getProperty("java.class.path"), AtomReadChild.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.waitFor()).as(out).isZero();
        assertThat(out.lines()).containsExactly("paper 2401.00001", "paper 2401.00003",
                "problem huge.xml#entry2: the abstract of \"Huge\" is 62,999,999 characters, more than the 20,000"
                        + " allowed");
    }

    @Test
    void nonAtomDocumentsAreUnreadable() {
        assertThatThrownBy(() -> reader.read(Fixtures.path("arxiv/rss.xml")))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessage("rss.xml: not an Atom feed (the document starts with <rss>, not <feed> in the Atom "
                        + "namespace); nothing was read from it");
        assertThatThrownBy(() -> read("json.xml", "[{\"paper\": {}}]"))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageStartingWith("json.xml: not well-formed XML");
        assertThatThrownBy(() -> read("trailing.xml", FEED_START + "</feed><feed/>"))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageStartingWith("trailing.xml: not well-formed XML");
    }

    @Test
    void anExternalEntityIsRefusedAndTheFileItNamesNeverReachesAPaperOrMessage(@TempDir Path dir)
            throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, SECRET);
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE feed [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + FEED_START + entry("2406.10209", "&xxe;", "&xxe;") + "</feed>";

        assertThatThrownBy(() -> read("xxe.xml", xml))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessage("xxe.xml: refused: the document declares a DOCTYPE, which an Atom feed never needs and "
                        + "which could make the parser read other files; nothing was read from it")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain(SECRET));
    }

    @Test
    void anExternalDtdOrEntityUrlIsNeverFetched() throws IOException {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().body("<!ENTITY leak \"" + SECRET + "\">").build());
            server.enqueue(new MockResponse.Builder().body(SECRET).build());
            server.start();
            String dtd = "<!DOCTYPE feed SYSTEM \"" + server.url("/evil.dtd") + "\">" + FEED_START + "</feed>";
            String parameterEntity = "<!DOCTYPE feed [<!ENTITY % remote SYSTEM \"" + server.url("/p.dtd")
                    + "\"> %remote;]>" + FEED_START + entry("2406.10209", "&leak;", "s") + "</feed>";

            assertThatThrownBy(() -> read("dtd.xml", dtd)).isInstanceOf(UnreadableInputException.class)
                    .hasMessageContaining("declares a DOCTYPE");
            assertThatThrownBy(() -> read("pe.xml", parameterEntity)).isInstanceOf(UnreadableInputException.class)
                    .hasMessageContaining("declares a DOCTYPE");
            assertThat(server.getRequestCount()).isZero();
        }
    }

    @Test
    void anEntityExpansionBombIsRefused() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE feed [<!ENTITY l0 \"lol\">");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String xml = dtd + "]>" + FEED_START + entry("2406.10209", "&l10;", "s") + "</feed>";

        assertThatThrownBy(() -> read("bomb.xml", xml)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("declares a DOCTYPE");
    }

    @Test
    void anUndeclaredEntityIsNotWellFormed() throws IOException {
        String xml = FEED_START + entry("2406.10209", "&xxe;", "s") + "</feed>";
        assertThatThrownBy(() -> reader.readPage("undeclared.xml",
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageStartingWith("undeclared.xml: not well-formed XML at line 1")
                .hasMessageContaining("\"xxe\"");
        // A file keeps what came before the break: here nothing.
        ReadResult file = read("undeclared.xml", xml);
        assertThat(file.papers()).isEmpty();
        assertThat(file.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("undeclared.xml");
            assertThat(p.reason()).startsWith("the document breaks off at line 1").contains("\"xxe\"")
                    .contains("kept the 0 good entries");
        });
    }

    @Test
    void nesting10000DeepIsUnreadableNotAStackOverflow() {
        String xml = FEED_START + "<entry>" + "<x>".repeat(10_000) + "</x>".repeat(10_000) + "</entry></feed>";

        assertThatThrownBy(() -> read("deep.xml", xml))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessage("deep.xml: elements are nested more than 64 deep, which no arXiv feed does; nothing was "
                        + "read from it");
    }

    @Test
    void fieldsOverTheLimitsAreThatEntrysProblem() throws IOException {
        String longSummary = "word\n        ".repeat(4_001);
        StringBuilder manyAuthors = new StringBuilder();
        for (int i = 0; i < 5_001; i++) {
            manyAuthors.append("<author><name>A").append(i).append("</name></author>");
        }
        String xml = FEED_START
                + entry("2406.00001", "T".repeat(1_001), "s")
                + entry("2406.00002", "Long Summary", longSummary)
                + "<entry><id>http://arxiv.org/abs/2406.00003</id><title>Crowd</title><summary>s</summary>"
                + manyAuthors + "</entry>"
                + entry("2406.00004", "Fine", "s")
                + "</feed>";

        ReadResult result = read("big.xml", xml);

        assertThat(result.papers()).extracting(Paper::id).containsExactly("2406.00004");
        assertThat(result.problems()).containsExactly(
                new ReadProblem("big.xml#entry1", "the title is 1,001 characters, more than the 1,000 allowed"),
                new ReadProblem("big.xml#entry2",
                        "the abstract of \"Long Summary\" is 20,004 characters, more than the 20,000 allowed"),
                new ReadProblem("big.xml#entry3", "it has 5,001 authors, more than the 5,000 allowed"));
    }

    @Test
    void aBadPublishedDateIsThatEntrysProblem() throws IOException {
        String xml = FEED_START + "<entry><id>http://arxiv.org/abs/2406.10209v1</id><published>yesterday"
                + "</published><title>T</title><summary>S</summary></entry></feed>";

        assertThat(read("date.xml", xml).problems()).containsExactly(new ReadProblem("date.xml#entry1",
                "<published> \"yesterday\" is not a timestamp like 2024-06-14T17:44:41Z"));
    }

    @Test
    void readingTwiceGivesEqualPapersAndProblems() throws IOException {
        Path file = Fixtures.path("arxiv/query.xml");

        assertThat(reader.read(file)).isEqualTo(reader.read(file));
    }

    private static String stackText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
