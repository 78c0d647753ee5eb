package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;

/** The reads recommendations and trending use: signals from doc values, topic filters, the recent window. */
class ProfileReadsTest {

    static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    @TempDir
    Path dir;

    static Paper paper(String id, String title, String abs, LocalDate published, int upvotes, String author) {
        return new Paper(id, title, abs, List.of(author), List.of("cs.LG"), published, PaperLinks.forArxivId(id),
                upvotes, "test");
    }

    private PaperIndex index() throws Exception {
        PaperIndex index = PaperIndex.open(dir.resolve("index"));
        index.upsert(List.of(
                paper("2603.00001", "Sparse attention", "Sparse attention for long inputs.", DAY, 3, "Ada Lovelace"),
                paper("2603.00002", "Diffusion sampling", "Faster diffusion samplers.", DAY.minusDays(2), 40, "Émile Zola"),
                paper("2603.00003", "Old retrieval", "Dense retrieval.", DAY.minusDays(90), 40, "Alan Turing"),
                paper("t-undated0001", "Undated tokenizers", "Byte-level tokenizers.", null, 0, "Grace Hopper")));
        return index;
    }

    @Test
    void signalsComeFromDocValues() throws Exception {
        try (PaperIndex index = index()) {
            SearchService s = new SearchService(index, SearchConfig.defaults());
            assertThat(s.publishedSince(DAY.minusDays(7), 10)).containsExactly(
                    new PaperStats("2603.00001", DAY, 3), new PaperStats("2603.00002", DAY.minusDays(2), 40));
            assertThat(s.publishedSince(DAY.minusDays(7), 1)).extracting(PaperStats::id).containsExactly("2603.00001");
            // Equal upvotes: lower id first.
            assertThat(s.mostUpvoted(3)).extracting(PaperStats::id)
                    .containsExactly("2603.00002", "2603.00003", "2603.00001");
            assertThat(s.stats(List.of("t-undated0001", "missing"))).containsOnlyKeys("t-undated0001")
                    .containsValue(new PaperStats("t-undated0001", null, 0));
            assertThat(s.papers(List.of("2603.00003", "missing", "2603.00001"))).extracting(Paper::id)
                    .containsExactly("2603.00003", "2603.00001");
        }
    }

    @Test
    void topicActivityKeepsTheSpanAndTheTopicAndCountsAuthorsUpToTheCap() throws Exception {
        try (PaperIndex index = index()) {
            SearchService s = new SearchService(index, SearchConfig.defaults());
            TopicActivity all = s.topicActivity("diffusion | retrieval | attention", DAY.minusDays(7), DAY, 10, 5);
            assertThat(all.papers()).extracting(PaperStats::id)
                    .containsExactlyInAnyOrder("2603.00001", "2603.00002"); // the 90-day-old and undated ones are out
            assertThat(all.authors()).containsExactly(new TopicActivity.AuthorCount("Ada Lovelace", 1),
                    new TopicActivity.AuthorCount("Émile Zola", 1));
            assertThat(all.truncated()).isFalse();

            TopicActivity capped = s.topicActivity("diffusion | retrieval | attention", DAY.minusDays(7), DAY, 1, 5);
            assertThat(capped.papers()).hasSize(1);
            assertThat(capped.authors()).hasSize(1);
            assertThat(capped.truncated()).isTrue();

            assertThat(s.topicActivity("tokenizers", DAY.minusYears(5), DAY, 10, 5).papers()).isEmpty();
        }
    }

    @Test
    void matchingAmongKeepsOnlyTheGivenPapersThatMatch() throws Exception {
        try (PaperIndex index = index()) {
            SearchService s = new SearchService(index, SearchConfig.defaults());
            assertThat(s.matchingAmong("diffusion OR retrieval", List.of("2603.00001", "2603.00002")))
                    .containsExactly("2603.00002");
            assertThat(s.matchingAmong("diffusion", List.of())).isEmpty();
            assertThatThrownBy(() -> s.matchingAmong("???", List.of("2603.00001"))).isInstanceOf(QueryRejected.class);
        }
    }

    @Test
    void aSubsetAnswersAsItsIdsDoEvenAfterThePapersChange() throws Exception {
        try (PaperIndex index = index()) {
            SearchService s = new SearchService(index, SearchConfig.defaults());
            List<String> ids = List.of("2603.00001", "2603.00002", "2603.00003", "2603.00009", "2603.00002");
            PaperSubset subset = s.subset(ids);
            for (String topic : List.of("diffusion OR retrieval", "attention", "tokenizers", "diffusion -faster")) {
                assertThat(s.matchingAmong(topic, subset)).isEqualTo(s.matchingAmong(topic, ids));
            }
            assertThat(s.matchingAmong("diffusion OR retrieval", subset))
                    .containsExactlyInAnyOrder("2603.00002", "2603.00003");

            // After the subset first met the index: one paper rewritten (its old document deleted, the new one in
            // another segment) and one of its ids indexed only now. Both are found where they are now, once.
            index.upsert(List.of(
                    paper("2603.00001", "Sparse diffusion", "Sparse diffusion for long inputs.", DAY, 3, "Ada Lovelace"),
                    paper("2603.00009", "Retrieval again", "Dense retrieval, later.", DAY, 0, "Alan Turing")));
            for (String topic : List.of("diffusion OR retrieval", "attention", "sparse", "diffusion -faster")) {
                assertThat(s.matchingAmong(topic, subset)).isEqualTo(s.matchingAmong(topic, ids));
            }
            assertThat(s.matchingAmong("diffusion OR retrieval", subset))
                    .containsExactlyInAnyOrder("2603.00001", "2603.00002", "2603.00003", "2603.00009");
            assertThat(s.matchingAmong("attention", subset)).isEmpty();
            assertThat(s.matchingAmong("diffusion", s.subset(List.of()))).isEmpty();
            assertThatThrownBy(() -> s.matchingAmong("???", subset)).isInstanceOf(QueryRejected.class);
        }
    }

    @Test
    void theWindowHoldsRecentPapersAndWidensToTheNewestWhenTooFew() throws Exception {
        try (PaperIndex index = index(); RecentWindow window = new RecentWindow(
                new SearchService(index, SearchConfig.defaults()), 3)) {
            RecentWindow.Snapshot recent = window.snapshot(DAY.minusDays(13), 2);
            assertThat(recent.widened()).isFalse();
            assertThat(recent.size()).isEqualTo(2);
            assertThat(recent.topic("sparse attention", 10)).extracting(ScoredId::id).containsExactly("2603.00001");
            assertThat(recent.author("emile zola", 10)).extracting(ScoredId::id).containsExactly("2603.00002");
            assertThat(recent.category("cs.LG", 10)).hasSize(2);

            // Three wanted, two in the window: the newest three of the whole index, undated last.
            RecentWindow.Snapshot widened = window.snapshot(DAY.minusDays(13), 3);
            assertThat(widened.widened()).isTrue();
            assertThat(widened.paper("2603.00003")).isPresent();
            assertThat(widened.paper("t-undated0001")).isEmpty();

            Paper liked = index.get("2603.00001").orElseThrow();
            assertThat(widened.moreLike(liked, 10)).extracting(ScoredId::id).doesNotContain("2603.00001");
            assertThatThrownBy(() -> widened.topic("!!!", 5)).isInstanceOf(QueryRejected.class);
        }
    }

    @Test
    void aChangedIndexIsPickedUpByTheNextSnapshot() throws Exception {
        try (PaperIndex index = index(); RecentWindow window = new RecentWindow(
                new SearchService(index, SearchConfig.defaults()), 100)) {
            RecentWindow.Snapshot before = window.snapshot(DAY.minusDays(13), 1);
            index.upsert(List.of(paper("2603.00009", "Fresh agents", "Agents.", DAY, 0, "Ada Lovelace")));
            // The stale snapshot keeps serving while a new one is built; an explicit rebuild waits for it.
            assertThat(before.paper("2603.00009")).isEmpty();
            assertThat(window.rebuild(DAY.minusDays(13), 1).paper("2603.00009")).isPresent();
        }
    }

    /**
     * A topic's nearest papers by meaning are asked of the index once per snapshot, whoever follows it and however
     * it is spaced; a new snapshot (the index changed) asks again.
     */
    @Test
    void aTopicsNearestPapersAreFetchedOncePerSnapshot() throws Exception {
        try (PaperIndex index = index(); RecentWindow window = new RecentWindow(
                new SearchService(index, SearchConfig.defaults()), 100)) {
            java.util.concurrent.atomic.AtomicInteger knn = new java.util.concurrent.atomic.AtomicInteger();
            java.util.function.Supplier<List<ScoredId>> nearest = () -> {
                knn.incrementAndGet();
                return List.of(new ScoredId("2603.00002", 0.9f), new ScoredId("2603.00001", 0.5f));
            };
            RecentWindow.Snapshot first = window.snapshot(DAY.minusDays(13), 1);
            assertThat(first.nearestToTopic("Diffusion  sampling", 110, nearest)).extracting(ScoredId::id)
                    .containsExactly("2603.00002", "2603.00001");
            assertThat(first.nearestToTopic(" Diffusion sampling", 110, nearest)).hasSize(2);
            assertThat(knn).hasValue(1);
            first.nearestToTopic("sparse attention", 110, nearest);
            first.nearestToTopic("Diffusion sampling", 60, nearest);
            assertThat(knn).hasValue(3);

            index.upsert(List.of(paper("2603.00009", "Fresh agents", "Agents.", DAY, 0, "Ada Lovelace")));
            window.rebuild(DAY.minusDays(13), 1).nearestToTopic("Diffusion sampling", 110, nearest);
            assertThat(knn).hasValue(4);
        }
    }

    @Test
    void aFollowedTopicMatchesOnlyPapersWithAllItsWordsAndSaysWhere() throws Exception {
        try (PaperIndex index = PaperIndex.open(dir.resolve("topics"))) {
            index.upsert(List.of(
                    paper("2603.00001", "Diffusion models for audio", "We sample sounds.", DAY, 0, "A"),
                    paper("2603.00002", "Memories in transformer models", "Editing facts.", DAY, 0, "B"),
                    paper("2603.00003", "Image synthesis", "A diffusion process over a model of pixels.", DAY, 0, "C"),
                    paper("2603.00004", "Models of fluids", "Heat and fluid flow.", DAY, 0, "Diffusion D")));
            try (RecentWindow window = new RecentWindow(new SearchService(index, SearchConfig.defaults()), 10)) {
                RecentWindow.Snapshot snap = window.snapshot(DAY.minusDays(13), 1);
                // The author named "Diffusion" does not make 00004 about diffusion; 00002 only says "models".
                assertThat(snap.topic("diffusion models", 10)).extracting(ScoredId::id)
                        .containsExactly("2603.00001", "2603.00003");
                assertThat(snap.topicMatch("diffusion models", index.get("2603.00003").orElseThrow()).orElseThrow()
                        .words()).containsExactly(new TopicMatch.Word("diffusion", false, true),
                        new TopicMatch.Word("models", false, true));
                assertThat(snap.topicMatch("Diffusion Models", index.get("2603.00001").orElseThrow()).orElseThrow()
                        .words()).containsExactly(new TopicMatch.Word("diffusion", true, false),
                        new TopicMatch.Word("models", true, false));
                assertThat(snap.topicMatch("diffusion -audio", index.get("2603.00002").orElseThrow())).isEmpty();
                // Operators keep their meaning: either word, and a phrase as a phrase.
                assertThat(snap.topic("fluids | sounds", 10)).extracting(ScoredId::id)
                        .containsExactlyInAnyOrder("2603.00001", "2603.00004");
                assertThat(snap.topic("\"diffusion models\"", 10)).extracting(ScoredId::id).containsExactly("2603.00001");
                // Exclusions still keep out whatever touches any of their words.
                assertThat(snap.matching("diffusion models", List.of("2603.00002", "2603.00004")))
                        .containsExactlyInAnyOrder("2603.00002", "2603.00004");
            }
        }
    }

    @Test
    void aTopicMatchAskedAgainIsTheSameAndNeverOneOfAnotherVersionOfThePaper() throws Exception {
        try (PaperIndex index = PaperIndex.open(dir.resolve("matches"))) {
            index.upsert(List.of(
                    paper("2603.00001", "Diffusion models for audio", "We sample sounds.", DAY, 0, "A"),
                    paper("2603.00003", "Image synthesis", "A diffusion process over a model of pixels.", DAY, 0, "C")));
            try (RecentWindow window = new RecentWindow(new SearchService(index, SearchConfig.defaults()), 10)) {
                RecentWindow.Snapshot snap = window.snapshot(DAY.minusDays(13), 1);
                Paper synthesis = snap.paper("2603.00003").orElseThrow();
                List<TopicMatch.Word> expected = List.of(new TopicMatch.Word("diffusion", false, true),
                        new TopicMatch.Word("models", false, true));
                assertThat(snap.topicMatch("diffusion models", synthesis).orElseThrow().words()).isEqualTo(expected);
                // Asked again (a digest run asks once per user), and with the topic spelt differently.
                assertThat(snap.topicMatch("diffusion models", synthesis).orElseThrow().words()).isEqualTo(expected);
                assertThat(snap.topicMatch("Diffusion Models", snap.paper("2603.00001").orElseThrow()).orElseThrow()
                        .words()).containsExactly(new TopicMatch.Word("diffusion", true, false),
                        new TopicMatch.Word("models", true, false));
                // The same id with other text (edited since the window was built) is read as it is now.
                Paper edited = paper("2603.00003", "Image synthesis", "Pixels by a model.", DAY, 0, "C");
                assertThat(snap.topicMatch("diffusion models", edited).orElseThrow().words())
                        .containsExactly(new TopicMatch.Word("models", false, true));
                assertThat(snap.topicMatch("diffusion models", synthesis).orElseThrow().words()).isEqualTo(expected);
                // A topic that cannot be read is refused every time, not remembered as something else.
                for (int i = 0; i < 2; i++) {
                    assertThatThrownBy(() -> snap.topic("-diffusion", 10)).isInstanceOf(QueryRejected.class);
                    assertThatThrownBy(() -> snap.topicMatch("-diffusion", synthesis))
                            .isInstanceOf(QueryRejected.class);
                }
            }
        }
    }

    @Test
    void likedPapersTakenTogetherFindWhatTheyShare() throws Exception {
        try (PaperIndex index = PaperIndex.open(dir.resolve("likes"))) {
            index.upsert(List.of(
                    paper("2603.00001", "Goldfish loss against memorization", "Dropping tokens from the loss.", DAY, 0, "A"),
                    paper("2603.00002", "Memorization in code models", "Models recite licensed code.", DAY, 0, "B"),
                    paper("2603.00003", "Token dropping curbs memorization of code", "Dropping tokens of code.", DAY, 0, "C"),
                    paper("2603.00004", "Goldfish in ponds", "A study of goldfish.", DAY, 0, "D"),
                    paper("2603.00005", "Recitation of poems", "Children recite.", DAY, 0, "E"),
                    paper("2603.00006", "Goldfish remember mazes", "Fish in mazes.", DAY, 0, "F")));
            try (RecentWindow window = new RecentWindow(new SearchService(index, SearchConfig.defaults()), 10)) {
                RecentWindow.Snapshot snap = window.snapshot(DAY.minusDays(13), 1);
                Paper a = index.get("2603.00001").orElseThrow();
                Paper b = index.get("2603.00002").orElseThrow();
                List<ScoredId> both = snap.likeThese(List.of(a, b), List.of(), 10);
                // 00003 shares words with both liked papers, so it beats papers like only one of them.
                assertThat(both).extracting(ScoredId::id).first().isEqualTo("2603.00003");
                assertThat(both).extracting(ScoredId::id).doesNotContain("2603.00001", "2603.00002");
                // A disliked paper's words count against: another goldfish paper scores less.
                Paper ponds = index.get("2603.00004").orElseThrow();
                assertThat(score(snap.likeThese(List.of(a), List.of(ponds), 10), "2603.00006"))
                        .isLessThan(score(snap.likeThese(List.of(a), List.of(), 10), "2603.00006"));
                assertThat(snap.likeThese(List.of(), List.of(ponds), 10)).isEmpty();
            }
        }
    }

    private static float score(List<ScoredId> hits, String id) {
        return hits.stream().filter(h -> h.id().equals(id)).map(ScoredId::score).findFirst().orElse(0f);
    }
}
