package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperscout.recommend.Fixture.ids;
import static org.paperscout.recommend.Fixture.paper;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.Reply;
import org.paperscout.follows.FollowKind;
import org.paperscout.store.TestClock;

/** Ranking rules on small hand-made indexes: ties, near-duplicates, the window, the user's mix. */
class RankingRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @TempDir
    Path dir;

    private static TestClock clock() {
        return TestClock.at("2026-03-10T12:00:00Z");
    }

    @Test
    void equalScoresAreOrderedById() throws Exception {
        List<Paper> papers = List.of(
                paper("2603.00003", "Graph coloring heuristics", "Greedy colorings of sparse graphs.", null, 0, "Ada Lovelace"),
                paper("2603.00001", "Protein folding kinetics", "Folding pathways of small proteins.", null, 0, "Ada Lovelace"),
                paper("2603.00002", "Ocean wave spectra", "Spectral models of ocean waves.", null, 0, "Ada Lovelace"),
                paper("2603.00004", "Unrelated paper", "Nothing to do with her.", null, 0, "Alan Turing"));
        try (Fixture f = Fixture.papers(dir, clock(), papers)) {
            f.follows.add("u1", FollowKind.AUTHOR, "ada lovelace");
            Reply reply = f.recommend("u1");
            assertThat(ids(reply)).containsExactly("2603.00001", "2603.00002", "2603.00003");
            assertThat(reply.cards()).allSatisfy(c ->
                    assertThat(c.reasons()).containsExactly("by ada lovelace, an author you follow"));
        }
    }

    @Test
    void nearDuplicatesNeverFillThePage() throws Exception {
        String text = "We study the goldfish loss, which drops tokens from the training objective so that language "
                + "models cannot reproduce their training data verbatim, and measure memorization on many benchmarks.";
        List<Paper> papers = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            papers.add(paper("2603.0000" + i, "Goldfish loss for language models, version " + i, text, TODAY, 0));
        }
        papers.add(paper("2603.00011", "Goldfish memory in recurrent networks", "Short memory in goldfish-inspired networks, and its loss.", TODAY, 0));
        papers.add(paper("2603.00012", "Loss landscapes of goldfish classifiers", "A classifier of goldfish images and its loss.", TODAY, 0));
        papers.add(paper("2603.00013", "Counting goldfish with drones", "Aerial counting of goldfish in ponds, with a loss for counts.", TODAY, 0));
        papers.add(paper("2603.00014", "Goldfish genetics", "Genes of the common goldfish and their loss over generations.", TODAY, 0));
        try (Fixture f = Fixture.papers(dir, clock(), papers)) {
            f.follows.add("u1", FollowKind.TOPIC, "goldfish loss");
            List<String> page = ids(f.recommend("u1"));
            assertThat(page).hasSize(5);
            long copies = page.stream().filter(id -> id.compareTo("2603.00007") < 0).count();
            assertThat(copies).isEqualTo(1);
        }
    }

    @Test
    void candidatesComeFromTheRecentWindowWhenItHoldsAPage() throws Exception {
        List<Paper> papers = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            papers.add(paper("2603.0000" + i, "Recent sparse attention paper " + i, "Sparse attention, variant " + i + ".",
                    TODAY.minusDays(i), 0));
        }
        papers.add(paper("2401.00001", "Old sparse attention paper", "Sparse attention, the original.", TODAY.minusDays(40), 0));
        try (Fixture f = Fixture.papers(dir, clock(), papers)) {
            f.follows.add("u1", FollowKind.TOPIC, "sparse attention");
            Reply reply = f.recommend("u1");
            assertThat(ids(reply)).hasSize(5).doesNotContain("2401.00001");
            assertThat(reply.text()).isEmpty();
        }
    }

    @Test
    void theUsersMixDecidesBetweenRelevanceAndPopularity() throws Exception {
        List<Paper> papers = List.of(
                paper("2603.00001", "Sparse attention", "Sparse attention. Sparse attention for long inputs.", TODAY, 0),
                paper("2603.00002", "A survey that mentions sparse attention once", "Many things, and attention.", TODAY, 500));
        try (Fixture f = Fixture.papers(dir, clock(), papers)) {
            f.follows.add("u1", FollowKind.TOPIC, "sparse attention");
            assertThat(ids(f.run("u1", "recommend", Map.of("show", "again")))).first().isEqualTo("2603.00001");

            Reply tuned = f.run("u1", "tune", Map.of("trending", 100L, "relevance", 0L, "recency", 0L));
            assertThat(tuned.text()).contains("trending 100 · relevance 0 · recency 0");
            Reply popular = f.run("u1", "recommend", Map.of("show", "again"));
            assertThat(ids(popular)).first().isEqualTo("2603.00002");
            assertThat(popular.cards().get(0).reasons()).contains("trending this week: 500 upvotes upstream", "new today");

            assertThat(f.run("u1", "tune", Map.of("action", "reset")).text()).startsWith("Back to the default mix");
            assertThat(ids(f.run("u1", "recommend", Map.of("show", "again")))).first().isEqualTo("2603.00001");
        }
    }

    @Test
    void aCardSaysAPaperIsNewOnceEvenWhenTrendingAndRecencyBothCount() throws Exception {
        List<Paper> papers = List.of(
                paper("2603.00001", "Sparse attention", "Sparse attention for long inputs.", TODAY.minusDays(1), 500),
                paper("2603.00002", "Sparse attention again", "Sparse attention, once more.", TODAY, 200));
        try (Fixture f = Fixture.papers(dir, clock(), papers)) {
            f.follows.add("u1", FollowKind.TOPIC, "sparse attention");
            f.run("u1", "tune", Map.of("trending", 50L, "relevance", 0L, "recency", 50L));
            Reply reply = f.recommend("u1");
            assertThat(reply.cards()).hasSize(2);
            for (PaperCard card : reply.cards()) {
                String all = String.join(" | ", card.reasons());
                assertThat(all).as("reasons of " + card.paper().id()).containsPattern("new (today|yesterday)");
                assertThat(all.split("new (today|yesterday)", -1)).as(all).hasSize(2);
                assertThat(card.reasons()).as(all).doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void tuneKeepsValuesNotGivenAndRefusesAnAllZeroMix() throws Exception {
        try (Fixture f = Fixture.papers(dir, clock(), List.of(paper("2603.00001", "A", "B.", TODAY, 0)))) {
            assertThat(f.run("u1", "tune", Map.of()).text()).contains("trending 15 · relevance 70 · recency 15 (the default)");
            f.run("u1", "tune", Map.of("recency", 40L));
            assertThat(f.tunes.get("u1")).contains(new Tune(15, 70, 40));
            Reply zero = f.run("u1", "tune", Map.of("trending", 0L, "relevance", 0L, "recency", 0L));
            assertThat(zero.ephemeral()).isTrue();
            assertThat(zero.text()).contains("must be above 0");
            Reply outOfRange = f.run("u1", "tune", Map.of("trending", 101L));
            assertThat(outOfRange.text()).contains("from 0 to 100");
            Reply both = f.run("u1", "tune", Map.of("action", "reset", "trending", 10L));
            assertThat(both.text()).contains("either /tune reset or numbers");
            assertThat(f.tunes.get("u1")).contains(new Tune(15, 70, 40));
        }
    }
}
