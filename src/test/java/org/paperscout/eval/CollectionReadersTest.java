package org.paperscout.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SMART and BEIR readers on tiny fixtures (src/test/resources/fixtures/judged). */
class CollectionReadersTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures/judged");

    @Test
    void smartDocumentsKeepTitleAbstractAuthorsAndDateAndToleratesMissingFields() throws IOException {
        JudgedCollection c = JudgedCollections.read(FIXTURES.resolve("smart"));

        assertThat(c.documents()).containsExactly(
                new JudgedCollection.Document("1", "Sorting Records on Magnetic Tape",
                        "A merge procedure for sorting long files.", List.of("Hoare, C. A. R.", "Knuth, D."),
                        LocalDate.of(1962, 3, 1)),
                new JudgedCollection.Document("2", "Algorithm 27: Assignment", "", List.of(),
                        LocalDate.of(1960, 1, 1)),
                new JudgedCollection.Document("3", "Compilers for Algol", "Syntax directed translation.",
                        List.of(), null));
    }

    @Test
    void smartQueriesAreTheirTextAndZeroPaddedJudgementIdsMatchThem() throws IOException {
        JudgedCollection c = JudgedCollections.read(FIXTURES.resolve("smart"));

        assertThat(c.queries()).extracting(JudgedCollection.JudgedQuery::text)
                .containsExactly("sorting of files on tape", "compilers", "an unjudged query");
        assertThat(c.judgedQueries()).extracting(JudgedCollection.JudgedQuery::id).containsExactly("1", "2");
        assertThat(c.relevant("1")).containsExactly(Map.entry("1", 1), Map.entry("2", 1));
    }

    @Test
    void beirReadsGradedJudgementsSkipsTheHeaderAndKeepsOnlyJudgedQueries() throws IOException {
        JudgedCollection c = JudgedCollections.read(FIXTURES.resolve("beir"));

        assertThat(c.documents()).containsExactly(
                new JudgedCollection.Document("d1", "Sparse retrieval", "BM25 still works.", List.of(), null),
                new JudgedCollection.Document("d2", "", "Dense retrieval with embeddings.", List.of(), null),
                new JudgedCollection.Document("d3", "Reranking", "", List.of(), null));
        assertThat(c.queries()).extracting(JudgedCollection.JudgedQuery::id).containsExactly("q1", "q2");
        assertThat(c.relevant("q1")).containsExactly(Map.entry("d1", 2));
        assertThat(c.relevant("q2")).containsExactly(Map.entry("d2", 1), Map.entry("d1", 2));
    }

    @Test
    void aFolderInNeitherFormatIsNamedInTheMessage(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "hello");

        assertThatThrownBy(() -> JudgedCollections.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("neither a BEIR collection").hasMessageContaining("SMART");
        assertThatThrownBy(() -> JudgedCollections.read(dir.resolve("absent"))).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a folder");
    }
}
