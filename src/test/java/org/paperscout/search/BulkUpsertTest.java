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
        int count = PaperIndex.PARALLEL_THRESHOLD * 2 + 17;
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
}
