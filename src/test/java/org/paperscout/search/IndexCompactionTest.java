package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;

/**
 * The background merge after bulk writes: due after enough written papers and a quiet spell, or at open for an
 * index left with many segments; nothing lost or changed by it, and small writes never trigger it.
 */
class IndexCompactionTest {

    private static final SyntheticCorpus CORPUS = new SyntheticCorpus(2_000);

    @TempDir
    Path dir;

    /** Each upsert commits, so each batch is a segment of its own (too few for the merge policy to merge). */
    private static void writeInBatches(PaperIndex index, int batches, int perBatch) throws Exception {
        for (int b = 0; b < batches; b++) {
            List<Paper> papers = new ArrayList<>();
            for (int n = b * perBatch; n < (b + 1) * perBatch; n++) {
                papers.add(CORPUS.paper(n));
            }
            index.upsert(papers);
        }
    }

    private static IndexCompaction.Policy policy(int bulkDocs) {
        return new IndexCompaction.Policy(1, bulkDocs, Duration.ofMillis(300), Duration.ofMillis(50));
    }

    private static void awaitSegments(PaperIndex index, int segments) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (index.segmentCount() != segments && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void bulkWritesAreMergedToOneSegmentOnceQuietKeepingEveryPaperAndVector() throws Exception {
        try (PaperIndex index = PaperIndex.open(dir)) {
            // Due only with the last write (160 papers, then a vector), whatever pauses a loaded machine makes.
            index.compactWhenSettled(policy(161));
            writeInBatches(index, 4, 40);
            Paper first = CORPUS.paper(0);
            Map<String, float[]> vectors = new HashMap<>();
            vectors.put(first.id(), FakeEmbedder.vector(Embedder.paperText(first)));
            index.addVectors(vectors, Map.of(first.id(), Embedder.paperText(first)));
            assertThat(index.segmentCount()).isGreaterThan(1);

            awaitSegments(index, 1);

            assertThat(index.segmentCount()).isEqualTo(1);
            assertThat(index.size()).isEqualTo(160);
            assertThat(index.get(CORPUS.paper(159).id())).contains(CORPUS.paper(159));
            assertThat(index.search(s -> IndexVectors.read(s, List.of(first.id()))).get(first.id()))
                    .isEqualTo(vectors.get(first.id()));
        }
        try (PaperIndex reopened = PaperIndex.open(dir)) {
            assertThat(reopened.segmentCount()).isEqualTo(1); // committed
            assertThat(reopened.size()).isEqualTo(160);
        }
    }

    @Test
    void writesBelowTheBulkSizeLeaveTheSegmentsAlone() throws Exception {
        try (PaperIndex index = PaperIndex.open(dir)) {
            index.compactWhenSettled(policy(1_000));
            writeInBatches(index, 4, 40);
            int segments = index.segmentCount();
            Thread.sleep(1_000); // three quiet spells, twenty checks
            assertThat(index.segmentCount()).isEqualTo(segments).isGreaterThan(1);
        }
    }

    @Test
    void anIndexOpenedWithManySegmentsAndBulkSizeIsMergedWithoutNewWrites() throws Exception {
        // A bulk ingest by a process that exited before the index settled.
        try (PaperIndex index = PaperIndex.open(dir)) {
            writeInBatches(index, 4, 40);
        }
        try (PaperIndex index = PaperIndex.open(dir)) {
            assertThat(index.segmentCount()).isGreaterThan(1);
            index.compactWhenSettled(policy(120)); // 120 papers outside the largest segment
            awaitSegments(index, 1);
            assertThat(index.segmentCount()).isEqualTo(1);
            assertThat(index.size()).isEqualTo(160);
        }
    }

    @Test
    void anIndexOpenedWithFewPapersOutsideItsLargestSegmentIsLeftAlone() throws Exception {
        // Live polls after a merge: small segments beside a large one; a restart must not rewrite it all.
        try (PaperIndex index = PaperIndex.open(dir)) {
            writeInBatches(index, 4, 40);
        }
        try (PaperIndex index = PaperIndex.open(dir)) {
            int segments = index.segmentCount();
            index.compactWhenSettled(policy(121));
            Thread.sleep(1_000); // three quiet spells, twenty checks
            assertThat(index.segmentCount()).isEqualTo(segments).isGreaterThan(1);
        }
    }

    @Test
    void closingWithCompactionOnKeepsEveryWrite() throws Exception {
        try (PaperIndex index = PaperIndex.open(dir)) {
            index.compactWhenSettled(policy(100));
            writeInBatches(index, 3, 40);
        }
        try (PaperIndex reopened = PaperIndex.open(dir)) {
            assertThat(reopened.size()).isEqualTo(120);
        }
    }
}
