package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the index while a merge runs that does not notice an abort (as a merge rebuilding an HNSW graph does not,
 * for many minutes after a large backfill): close returns with every paper committed, and the merge's end later
 * finishes the stop.
 */
class IndexCloseTest {

    private static final SyntheticCorpus CORPUS = new SyntheticCorpus(10);

    @TempDir
    Path dir;

    /** Every merge waits for {@code release} before it starts, never looking at whether it was aborted. */
    private static final class StuckMerges extends ConcurrentMergeScheduler {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        protected void doMerge(MergeSource source, MergePolicy.OneMerge merge) throws IOException {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.doMerge(source, merge);
        }
    }

    @Test
    void closeReturnsWhileAMergeIgnoresTheAbortAndTheCommitHoldsEveryPaper() throws Exception {
        StuckMerges merges = new StuckMerges();
        LogDocMergePolicy everyTwo = new LogDocMergePolicy();
        everyTwo.setMergeFactor(2);
        everyTwo.setMinMergeDocs(1);
        PaperIndex index = PaperIndex.open(dir,
                config -> config.setMergeScheduler(merges).setMergePolicy(everyTwo), Duration.ofMillis(200));
        index.upsert(List.of(CORPUS.paper(0)));
        index.upsert(List.of(CORPUS.paper(1))); // a second segment: the policy merges the two
        assertThat(merges.started.await(30, TimeUnit.SECONDS)).as("merge started").isTrue();
        index.upsert(List.of(CORPUS.paper(2))); // written while the merge runs

        // Before the change, close waited in IndexWriter.rollback() for as long as the merge ran (here: forever).
        assertTimeoutPreemptively(Duration.ofSeconds(60), index::close);
        assertThat(merges.release.getCount()).as("the merge is still running").isEqualTo(1);

        try (DirectoryReader committed = DirectoryReader.open(FSDirectory.open(dir))) {
            assertThat(committed.numDocs()).isEqualTo(3);
        }

        merges.release.countDown(); // the merge sees its abort, the rollback ends and releases the write lock
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        PaperIndex reopened = null;
        while (reopened == null) {
            try {
                reopened = PaperIndex.open(dir);
            } catch (org.apache.lucene.store.LockObtainFailedException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
        try (PaperIndex again = reopened) {
            assertThat(again.size()).isEqualTo(3);
            assertThat(again.get(CORPUS.paper(2).id())).isPresent();
        }
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        PaperIndex index = PaperIndex.open(dir);
        index.upsert(List.of(CORPUS.paper(0)));
        index.close();
        index.close();
        try (PaperIndex again = PaperIndex.open(dir)) {
            assertThat(again.size()).isEqualTo(1);
        }
    }
}
