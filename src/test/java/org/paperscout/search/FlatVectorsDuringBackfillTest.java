package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;

/**
 * Segments written while a whole-index backfill defers merges carry their vectors without a graph; kNN over them is
 * exact, the index reopens with them, and the merge after the backfill gives the one segment its HNSW graph.
 */
class FlatVectorsDuringBackfillTest {

    private static final SyntheticCorpus CORPUS = new SyntheticCorpus(2_000);
    private static final int PAPERS = 300;

    @TempDir
    Path dir;

    private static Set<String> formats(PaperIndex index) {
        return index.search(s -> {
            Set<String> out = new HashSet<>();
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(Fields.VECTOR);
                if (info != null) {
                    out.add(info.getAttribute("PerFieldKnnVectorsFormat.format"));
                }
            }
            return out;
        });
    }

    private static void assertFindsItselfFirst(PaperIndex index, List<String> ids, Map<String, float[]> vectors) {
        for (String id : ids) {
            List<String> found = knn(index, vectors.get(id), 10);
            assertThat(found).hasSize(10);
            assertThat(found.get(0)).as("nearest to %s's own vector", id).isEqualTo(id);
        }
    }

    private static List<String> knn(PaperIndex index, float[] query, int k) {
        return index.search(s -> {
            TopDocs top = IndexVectors.nearest(s, query, k, null);
            List<String> out = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                out.add(IndexVectors.id(s, sd.doc));
            }
            return out;
        });
    }

    @Test
    void deferredSegmentsHaveNoGraphAreSearchedExactlyAndTheMergeAfterBuildsOne() throws Exception {
        Map<String, float[]> vectors = new HashMap<>();
        Map<String, String> texts = new HashMap<>();
        List<Paper> papers = new ArrayList<>();
        for (int n = 0; n < PAPERS; n++) {
            Paper p = CORPUS.paper(n);
            papers.add(p);
            vectors.put(p.id(), FakeEmbedder.vector(Embedder.paperText(p)));
            texts.put(p.id(), Embedder.paperText(p));
        }
        // A paper's own vector finds that paper first, whatever the 7-bit quantization does to near ties.
        List<String> probes = List.of(papers.get(7).id(), papers.get(150).id(), papers.get(299).id());

        Path at = dir.resolve("index");
        try (PaperIndex index = PaperIndex.open(at)) {
            index.upsert(papers);
            index.compactWhenSettled(new IndexCompaction.Policy(1, PAPERS, Duration.ofHours(1), Duration.ofHours(1)));
            assertThat(index.deferMerges(PAPERS)).isTrue();
            // Two batches, each its own segment, as the backfill publishes them.
            Map<String, float[]> first = new HashMap<>();
            Map<String, float[]> second = new HashMap<>();
            vectors.forEach((id, v) -> (first.size() < PAPERS / 2 ? first : second).put(id, v));
            index.addVectors(first, texts);
            index.commitVectors();
            index.addVectors(second, texts);
            index.commitVectors();
            assertThat(formats(index)).containsExactly(FlatVectorsDuringBackfill.NAME);
            assertFindsItselfFirst(index, probes, vectors);
        }
        try (PaperIndex index = PaperIndex.open(at)) { // the SPI finds the format again
            assertThat(formats(index)).containsExactly(FlatVectorsDuringBackfill.NAME);
            assertFindsItselfFirst(index, probes, vectors);
            index.compactWhenSettled(new IndexCompaction.Policy(1, PAPERS, Duration.ofHours(1), Duration.ofHours(1)));
            assertThat(index.deferMerges(0)).isFalse();
            index.mergeDown(1);
            assertThat(index.segmentCount()).isEqualTo(1);
            assertThat(formats(index)).containsExactly("Lucene99HnswScalarQuantizedVectorsFormat");
            assertFindsItselfFirst(index, probes, vectors);
            assertThat(index.size()).isEqualTo(PAPERS);
        }
    }
}
