package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperIds;
import org.paperscout.catalog.PaperSink.UpsertResult;

/**
 * A batch large enough to be written by several threads, whose in-memory segments those threads flush before the
 * commit, is searchable at once and survives a reopen: nothing is left in a buffer the commit no longer sees.
 */
class BulkUpsertTest {

    @TempDir
    Path dir;

    @Test
    void aParallelBatchIsSearchableCommittedAndDedupedLikeASmallOne() throws Exception {
        int count = DocumentWrites.PARALLEL_THRESHOLD * 2 + 17;
        SyntheticCorpus corpus = new SyntheticCorpus(2_000);
        List<Paper> papers = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Paper p = corpus.paper(n);
            // Half of them known only by their title, as in a JSON Lines file without ids.
            papers.add(n % 2 == 0 ? p : new Paper(PaperIds.forTitle(p.title()), p.title(), p.abstractText(),
                    p.authors(), p.categories(), p.published(), p.links(), p.upvotes(), p.source()));
        }
        try (PaperIndex index = PaperIndex.open(dir)) {
            assertThat(index.upsert(papers)).isEqualTo(new UpsertResult(count, 0, 0));
            assertThat(index.size()).isEqualTo(count);
        }
        try (PaperIndex reopened = PaperIndex.open(dir)) {
            assertThat(reopened.size()).isEqualTo(count);
            Paper last = papers.get(count - 1);
            assertThat(reopened.findByTitle(last.title())).contains(last);
            assertThat(reopened.get(papers.get(0).id())).contains(papers.get(0));
            // The same batch again changes nothing, title-only records included.
            assertThat(reopened.upsert(papers)).isEqualTo(new UpsertResult(0, 0, count));
        }
    }

    /**
     * A whole file in batches ends as one upsert per batch would leave it: a paper repeated in a later batch, a
     * title-only copy an own-id paper of a later batch replaces, and a stored paper a batch updates. The batches
     * are compared with the index as it stood before the first, so the file's own repeats must be resolved up front.
     */
    @Test
    void batchesOfAFileEndAsOneUpsertPerBatchWouldLeaveThem() throws Exception {
        SyntheticCorpus corpus = new SyntheticCorpus(500);
        Paper stored = corpus.paper(0);
        List<Paper> file = new ArrayList<>();
        for (int n = 1; n <= 25; n++) {
            file.add(corpus.paper(n));
        }
        Paper seedCopy = corpus.paper(3);
        file.set(1, new Paper(PaperIds.forTitle(seedCopy.title()), seedCopy.title(), "a title-only copy",
                List.of(), List.of(), null, seedCopy.links(), 0, "jsonl")); // batch 1; its own-id record is in batch 1 too
        Paper late = corpus.paper(30);
        file.add(2, new Paper(PaperIds.forTitle(late.title()), late.title(), "title only, batch 1", List.of(),
                List.of(), null, late.links(), 0, "jsonl"));
        file.add(late); // the own-id record, in the last batch
        Paper repeatedFirst = file.get(4);
        file.add(new Paper(repeatedFirst.id(), repeatedFirst.title(), "a newer abstract", repeatedFirst.authors(),
                repeatedFirst.categories(), repeatedFirst.published(), repeatedFirst.links(), 3, "jsonl"));
        file.add(new Paper(stored.id(), stored.title(), "stored, updated", stored.authors(), stored.categories(),
                stored.published(), stored.links(), 0, "jsonl"));

        List<String> viaBatches;
        List<String> viaOneCall;
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        List<Integer> progress = new ArrayList<>();
        try (PaperIndex perBatch = PaperIndex.open(a); PaperIndex whole = PaperIndex.open(b)) {
            perBatch.upsert(List.of(stored));
            whole.upsert(List.of(stored));
            for (int from = 0; from < file.size(); from += 10) {
                perBatch.upsert(file.subList(from, Math.min(file.size(), from + 10)));
            }
            UpsertResult result = whole.upsertAll(file, 10, progress::add);
            viaBatches = everything(perBatch);
            viaOneCall = everything(whole);
            assertThat(whole.get(repeatedFirst.id()).orElseThrow().abstractText()).isEqualTo("a newer abstract");
            assertThat(whole.get(PaperIds.forTitle(late.title()))).isEmpty();
            assertThat(whole.get(stored.id()).orElseThrow().abstractText()).isEqualTo("stored, updated");
            assertThat(result.added() + result.updated()).isEqualTo(viaOneCall.size()); // every paper new but the stored one, updated
        }
        assertThat(viaOneCall).isEqualTo(viaBatches);
        assertThat(progress).last().isEqualTo(file.size());
        assertThat(progress).isSorted();
    }

    private static List<String> everything(PaperIndex index) {
        return index.search(s -> {
            List<String> out = new ArrayList<>();
            for (var leaf : s.getIndexReader().leaves()) {
                var live = leaf.reader().getLiveDocs();
                for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                    if (live == null || live.get(d)) {
                        Paper p = PaperDocuments.toPaper(leaf.reader().storedFields().document(d));
                        out.add(p.id() + " " + p.abstractText() + " " + p.upvotes());
                    }
                }
            }
            out.sort(null);
            return out;
        });
    }
}
