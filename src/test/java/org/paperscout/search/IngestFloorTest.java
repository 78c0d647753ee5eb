package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;

/**
 * The ingest floor's bare writers ({@code bench compare --floor}) index what they say: (a) the abstract alone with
 * positions and nothing stored, (b) the same with the abstract stored, (c) exactly the fields and postings the
 * product's own index holds for the same papers, so the gap between (c) and {@code ingest} is the ingest path's.
 */
class IngestFloorTest {

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdown();
    }

    private static List<Paper> papers(int count) {
        SyntheticCorpus corpus = new SyntheticCorpus(2_000);
        List<Paper> papers = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            papers.add(corpus.paper(n));
        }
        return papers;
    }

    private int index(String variant, List<Paper> papers) throws Exception {
        return IngestFloor.index(variant, papers, dir.resolve(variant), 16, pool, 2);
    }

    @Test
    void abstractOnlyHasPositionsAndStoresNothing() throws Exception {
        List<Paper> papers = papers(1_200); // more than two 500-paper slices: both threads write
        assertThat(index("a", papers)).isEqualTo(1_200);
        try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dir.resolve("a")))) {
            FieldInfos infos = FieldInfos.getMergedFieldInfos(r);
            assertThat(infos.size()).isEqualTo(1);
            assertThat(infos.fieldInfo(Fields.ABSTRACT).getIndexOptions())
                    .isEqualTo(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
            assertThat(r.storedFields().document(0).getFields()).isEmpty();
        }
    }

    @Test
    void storedVariantKeepsTheAbstract() throws Exception {
        List<Paper> papers = papers(10);
        index("b", papers);
        try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dir.resolve("b")))) {
            List<String> stored = new ArrayList<>();
            for (int d = 0; d < r.maxDoc(); d++) {
                stored.add(r.storedFields().document(d).get(Fields.ABSTRACT));
            }
            assertThat(stored).containsExactlyInAnyOrderElementsOf(papers.stream().map(Paper::abstractText).toList());
        }
    }

    @Test
    void fullDocumentsMatchWhatTheProductIndexes() throws Exception {
        List<Paper> papers = papers(2_500);
        index("c", papers);
        try (PaperIndex product = PaperIndex.open(dir.resolve("product"))) {
            product.upsert(papers);
        }
        try (DirectoryReader floor = DirectoryReader.open(FSDirectory.open(dir.resolve("c")));
             DirectoryReader product = DirectoryReader.open(FSDirectory.open(dir.resolve("product")))) {
            assertThat(floor.numDocs()).isEqualTo(product.numDocs());
            assertThat(postings(floor)).isEqualTo(postings(product));
        }
    }

    @Test
    void droppedFieldsAreLeftOutAndUnknownVariantsRefused() throws Exception {
        index("c-title_words,authors", papers(5));
        try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dir.resolve("c-title_words,authors")))) {
            FieldInfos infos = FieldInfos.getMergedFieldInfos(r);
            assertThat(infos.fieldInfo(Fields.TITLE_WORDS)).isNull();
            assertThat(infos.fieldInfo(Fields.AUTHORS)).isNull();
            assertThat(infos.fieldInfo(Fields.TITLE)).isNotNull();
        }
        assertThatThrownBy(() -> IngestFloor.documents("d")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Per indexed field: index options, term count and total term frequency. */
    private static Map<String, String> postings(IndexReader r) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (FieldInfo f : FieldInfos.getMergedFieldInfos(r)) {
            Terms terms = MultiTerms.getTerms(r, f.name);
            out.put(f.name, f.getIndexOptions() + " dv=" + f.getDocValuesType() + " points=" + f.getPointDimensionCount()
                    + (terms == null ? "" : " terms=" + terms.getSumDocFreq() + "/" + terms.getSumTotalTermFreq()));
        }
        return out;
    }
}
