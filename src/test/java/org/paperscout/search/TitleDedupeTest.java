package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperIds;
import org.paperscout.catalog.PaperSink.UpsertResult;

/**
 * When two records are one paper: a record known only by its title (the source gave no id) is the paper with its
 * own id and the same title, whichever comes first, in one batch or across batches; two records that each carry
 * their own id are two papers even with the same title (judged collections have hundreds: "Editorial", "Algorithm
 * 27", a letter and the reply to it), and neither may hide the other.
 */
class TitleDedupeTest {

    @TempDir
    Path dir;

    private static Paper paper(String id, String title, String text) {
        return new Paper(id, title, text, List.of(), List.of(), null, null, 0, "test");
    }

    private static Paper titleOnly(String title, String text) {
        return paper(PaperIds.forTitle(title), title, text);
    }

    private static List<String> ids(PaperIndex index) {
        return new SearchService(index, SearchConfig.defaults()).allPapers(100).stream().map(Paper::id).sorted().toList();
    }

    @Test
    void aTitleOnlyCopyJoinsThePaperWithItsOwnIdInEitherOrder() throws Exception {
        try (PaperIndex index = PaperIndex.open(dir.resolve("a"))) {
            assertThat(index.upsert(List.of(titleOnly("Goldfish Loss", "seed text")))).isEqualTo(new UpsertResult(1, 0, 0));
            // The arXiv record replaces the title-only one.
            assertThat(index.upsert(List.of(paper("2406.10209", "Goldfish loss!", "arXiv text"))))
                    .isEqualTo(new UpsertResult(0, 1, 0));
            assertThat(ids(index)).containsExactly("2406.10209");
            // A title-only copy arriving later adds nothing.
            assertThat(index.upsert(List.of(titleOnly("GOLDFISH LOSS", "other text")))).isEqualTo(new UpsertResult(0, 0, 1));
            assertThat(ids(index)).containsExactly("2406.10209");
            assertThat(index.get("2406.10209").orElseThrow().abstractText()).isEqualTo("arXiv text");
        }
    }

    @Test
    void inOneBatchTheRecordWithItsOwnIdWinsWhereverItStands() throws Exception {
        try (PaperIndex index = PaperIndex.open(dir.resolve("b"))) {
            index.upsert(List.of(titleOnly("Goldfish Loss", "seed"), paper("2406.10209", "Goldfish Loss", "arXiv"),
                    titleOnly("goldfish loss", "seed again")));
            assertThat(ids(index)).containsExactly("2406.10209");
        }
    }

    @Test
    void twoPapersWithTheirOwnIdsAndOneTitleAreTwoPapers() throws Exception {
        try (PaperIndex index = PaperIndex.open(dir.resolve("c"))) {
            assertThat(index.upsert(List.of(paper("1001", "Editorial", "first issue"), paper("1002", "Editorial",
                    "second issue")))).isEqualTo(new UpsertResult(2, 0, 0));
            assertThat(index.upsert(List.of(paper("2401.00001", "Editorial", "a preprint"))))
                    .isEqualTo(new UpsertResult(1, 0, 0));
            assertThat(ids(index)).containsExactly("1001", "1002", "2401.00001");
            // A title-only record of that title is one of them, not a fourth.
            assertThat(index.upsert(List.of(titleOnly("Editorial", "no id")))).isEqualTo(new UpsertResult(0, 0, 1));
            assertThat(ids(index)).hasSize(3);
        }
    }
}
