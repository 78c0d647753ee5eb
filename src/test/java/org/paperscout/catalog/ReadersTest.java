package org.paperscout.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadersTest {

    private final Readers readers = new Readers();

    @Test
    void picksTheReaderByExtensionIgnoringCase() throws IOException {
        assertThat(readers.forFile(Path.of("seeds/hf-papers-memorization.txt"))).isInstanceOf(SeedTextReader.class);
        assertThat(readers.forFile(Path.of("export.jsonl"))).isInstanceOf(JsonLinesReader.class);
        assertThat(readers.forFile(Path.of("export.NDJSON"))).isInstanceOf(JsonLinesReader.class);
        assertThat(readers.forFile(Path.of("daily_papers.json"))).isInstanceOf(HfDailyPapersReader.class);
        assertThat(readers.forFile(Path.of("query.xml"))).isInstanceOf(ArxivAtomReader.class);
        assertThat(readers.forFile(Path.of("query.Atom"))).isInstanceOf(ArxivAtomReader.class);
    }

    @Test
    void anUnknownOrMissingExtensionIsAClearError() {
        assertThatThrownBy(() -> readers.forFile(Path.of("data/papers.csv")))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessage("papers.csv: can't tell the format from the extension .csv; PaperScout reads .txt (seed "
                        + "text), .jsonl or .ndjson (PaperScout JSON Lines), .json (Hugging Face daily papers), .xml "
                        + "or .atom (arXiv Atom)");
        assertThatThrownBy(() -> readers.read(Path.of("README")))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageStartingWith("README: can't tell the format from a name without an extension;");
    }

    @Test
    void readsEachFormatThroughItsReader() throws IOException {
        assertThat(readers.read(Fixtures.path("seed/three-papers.txt")).papers()).hasSize(3);
        assertThat(readers.read(Fixtures.path("jsonl/papers.jsonl")).papers()).hasSize(5);
        assertThat(readers.read(Fixtures.path("hf/daily-papers.json")).papers()).hasSize(3);
        assertThat(readers.read(Fixtures.path("arxiv/query.xml")).papers()).hasSize(3);
        assertThat(readers.read(Fixtures.seeds().resolve("hf-papers-memorization.txt")).papers()).hasSize(62);
    }
}
