package org.paperscout.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jbibtex.BibTeXDatabase;
import org.jbibtex.BibTeXEntry;
import org.jbibtex.BibTeXParser;
import org.jbibtex.Key;
import org.jbibtex.LaTeXParser;
import org.jbibtex.LaTeXPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;
import org.paperscout.catalog.Readers;
import org.paperscout.library.SavedPaper;

/**
 * Every export read back by a real BibTeX parser (jbibtex), with its fields read back by its LaTeX parser: what
 * comes out must be what went in (issue 17, item 7).
 */
class BibTexTest {

    static final List<String> HOSTILE_TITLES = List.of(
            "A lone { brace in a title",
            "A closing } brace first, then {",
            "}{ reversed braces }}}",
            "Back\\slash and \\textbf{not a command}",
            "100% of #1 & $x_2$ ~ ^ costs",
            "Ünïcödé — 学习 🧠 naïve café",
            "@misc{evil, title = {x}} injection",
            "Tabs\tand\nnewlines",
            "Unbalanced {{ in the middle");

    @Test
    void hostileTitlesAndNamesParseBackToWhatWasSaved() throws Exception {
        List<Paper> papers = new ArrayList<>();
        for (String title : HOSTILE_TITLES) {
            papers.add(paper(title, List.of("O'Brien, Jr., Pat", "Research and Development Team", "Ada {Lovelace")));
        }
        String bib = BibTex.of(saved(papers));

        assertBracesBalance(bib);
        Map<Key, BibTeXEntry> entries = parse(bib);
        assertThat(entries).hasSize(papers.size());
        List<BibTeXEntry> inOrder = new ArrayList<>(entries.values());
        for (int i = 0; i < papers.size(); i++) {
            BibTeXEntry entry = inOrder.get(i);
            assertThat(text(entry, BibTeXEntry.KEY_TITLE)).isEqualTo(typeset(papers.get(i).title()));
            assertThat(text(entry, BibTeXEntry.KEY_AUTHOR))
                    .isEqualTo("O'Brien, Jr., Pat and Research and Development Team and Ada {Lovelace");
            assertThat(entry.getKey().getValue()).startsWith("obrien2026");
        }
    }

    @Test
    void everySeedPaperExportsToAFileAParserReadsWhole() throws Exception {
        List<Paper> seeds = new ArrayList<>();
        Readers readers = new Readers();
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("paperscout.seeds", "seeds")))) {
            for (Path file : files.sorted().toList()) {
                seeds.addAll(readers.read(file).papers());
            }
        }
        assertThat(seeds).hasSizeGreaterThan(50);

        String bib = BibTex.of(saved(seeds));
        assertBracesBalance(bib);
        Map<Key, BibTeXEntry> entries = parse(bib);

        assertThat(entries).as("one entry per paper, keys unique").hasSize(seeds.size());
        List<BibTeXEntry> inOrder = new ArrayList<>(entries.values());
        for (int i = 0; i < seeds.size(); i++) {
            Paper p = seeds.get(i);
            assertThat(text(inOrder.get(i), BibTeXEntry.KEY_TITLE)).isEqualTo(typeset(p.title()));
            assertThat(text(inOrder.get(i), new Key("abstract"))).isEqualTo(typeset(p.abstractText()));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "O'Brien, Jr., Pat|obrien",
            "Pat O'Brien|obrien",
            "Pat O'Brien Jr.|obrien",
            "Pat O'Brien III|obrien",
            "Vincent van der Berg|vanderberg",
            "van der Berg, Vincent|vanderberg",
            "Ludwig van Beethoven|vanbeethoven",
            "Hans Müller|muller",
            "Müller, Hans|muller",
            "Yann LeCun|lecun",
            "Plato|plato",
            "Naoki Ii|ii",
            "Ada  Lovelace |lovelace",
            "李明|anon"})
    void keysUseTheFamilyName(String author, String keyStart) {
        String bib = BibTex.of(saved(List.of(paper("Deep networks", List.of(author)))));
        assertThat(bib).contains("@misc{" + keyStart + "2026deep,");
    }

    @Test
    void anEntryWithABraceInTheTitleKeepsEveryBraceInPairs() {
        String bib = BibTex.of(saved(List.of(paper("A lone { brace", List.of("Ada Lovelace")))));
        assertBracesBalance(bib);
    }

    /**
     * BibTeX (unlike jbibtex, which forgives an escaped brace) counts braces without regard to backslashes: the file
     * must balance by plain counting, never closing more than it opened.
     */
    private static void assertBracesBalance(String bib) {
        int depth = 0;
        for (char c : bib.toCharArray()) {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            assertThat(depth).as(bib).isNotNegative();
        }
        assertThat(depth).as(bib).isZero();
    }

    private static Paper paper(String title, List<String> authors) {
        return new Paper("2601.00001", title, "An abstract with 50% more {braces}.", authors, List.of("cs.LG"),
                LocalDate.of(2026, 1, 5), PaperLinks.forArxivId("2601.00001"), 0, "test");
    }

    private static List<SavedPaper> saved(List<Paper> papers) {
        return papers.stream().map(p -> new SavedPaper(p, Instant.EPOCH, null)).toList();
    }

    /** Parses strictly: any problem jbibtex reports fails the test, with the file to look at. */
    private static Map<Key, BibTeXEntry> parse(String bib) throws Exception {
        BibTeXParser parser = new BibTeXParser();
        BibTeXDatabase db = parser.parse(new StringReader(bib));
        assertThat(parser.getExceptions()).as(bib).isEmpty();
        return db.getEntries();
    }

    /**
     * A field as a reader sees it: the BibTeX value, its LaTeX interpreted. Two things are jbibtex's, not the
     * export's, and are set aside: its LaTeX lexer rejects CJK and emoji (BibTeX passes UTF-8 through, and the
     * BibTeX parse above read them), so they are shielded as placeholders; and it typesets like LaTeX (' as ’, -- as
     * –), which {@link #typeset} applies to the expected side too.
     */
    private static String text(BibTeXEntry entry, Key field) throws Exception {
        String latex = entry.getField(field).toUserString();
        StringBuilder shielded = new StringBuilder();
        latex.codePoints().forEach(cp -> {
            if (cp >= 0x2E80) {
                shielded.append("QZX").append(Integer.toHexString(cp)).append("XZQ");
            } else {
                shielded.appendCodePoint(cp);
            }
        });
        String printed = new LaTeXPrinter().print(new LaTeXParser().parse(shielded.toString()));
        Matcher m = Pattern.compile("QZX([0-9a-f]+)XZQ").matcher(printed);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(out);
        return typeset(out.toString());
    }

    /** LaTeX's ligatures for quotes and dashes, folded to what was typed, and white space as one space. */
    private static String typeset(String s) {
        return s.replace("“", "``").replace("”", "''").replace('‘', '`').replace('’', '\'').replace("—", "---").replace("–", "--").replaceAll("\\s+", " ").strip();
    }
}
