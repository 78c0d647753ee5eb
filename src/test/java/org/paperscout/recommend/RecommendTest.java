package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperscout.recommend.Fixture.button;
import static org.paperscout.recommend.Fixture.ids;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.Action;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.Reply;
import org.paperscout.follows.FollowKind;
import org.paperscout.store.TestClock;

/** /recommend on the real seed index and a real SQLite file. */
class RecommendTest {

    static final String USER = "u1";
    static final String DIFFUSION_SUBSPACE = "Memorized Images in Diffusion Models share a Subspace that can be Located and Deleted";

    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void open() throws Exception {
        f = Fixture.seeds(dir, TestClock.at("2026-03-10T12:00:00Z"));
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    private Paper paper(String title) {
        return f.search.paper(title).orElseThrow();
    }

    private Reply again() {
        return f.run(USER, "recommend", Map.of("show", "again"));
    }

    @Test
    void anEmptyProfileGetsAStarterWithTrendingPapersAndThreeTopicsToFollow() {
        Reply starter = f.recommend(USER);
        assertThat(starter.text()).startsWith("You don't follow anything yet");
        assertThat(starter.cards()).hasSize(5).allSatisfy(c -> assertThat(c.reasons()).isNotEmpty());
        List<Action> follow = starter.rows().get(0);
        assertThat(follow).hasSize(3).allSatisfy(a -> assertThat(a.label()).startsWith("Follow “"));
        // Nothing is recorded as seen by the starter.
        assertThat(f.seen.seenPaperIds(USER)).isEmpty();

        String topic = ComponentId.parse(follow.get(0).customId()).orElseThrow().arg(0);
        Reply followed = f.click(USER, follow.get(0).customId());
        assertThat(followed.text()).startsWith("Following topic “" + topic + "”");
        assertThat(f.follows.list(USER)).extracting(x -> x.text()).containsExactly(topic);

        Reply personal = f.recommend(USER);
        assertThat(personal.title()).isEqualTo("Recommended for you");
        assertThat(personal.cards()).hasSize(5)
                .allSatisfy(c -> assertThat(c.reasons()).anyMatch(r -> r.startsWith("matches your topic '" + topic + "': ")));
    }

    @Test
    void suggestedTopicsAreDistinctPhrasesFromTheIndex() {
        List<String> topics = new TopicSuggester(f.search, RecommendConfig.defaults(), f.clock).suggest(3, List.of());
        assertThat(topics).hasSize(3).doesNotHaveDuplicates();
        assertThat(topics).allSatisfy(t -> assertThat(t.split(" ")).hasSize(2));
        // "language models" recurs in the seed titles far more than its words alone would predict.
        assertThat(topics).contains("language models");
        List<String> words = topics.stream().flatMap(t -> List.of(t.split(" ")).stream()).toList();
        assertThat(words).doesNotHaveDuplicates();
    }

    @Test
    void everyCardSaysWhyAndCarriesTheFeedbackButtons() {
        f.follows.add(USER, FollowKind.TOPIC, "diffusion models");
        f.feedback.set(USER, paper("Memorizing Transformers").id(), org.paperscout.store.Verdict.UP);
        Reply reply = f.recommend(USER);
        assertThat(reply.cards()).hasSize(5);
        for (PaperCard card : reply.cards()) {
            assertThat(card.reasons()).isNotEmpty().allSatisfy(r -> assertThat(r).matches(
                    "matches your topic 'diffusion models': .*'diffusion'.*|similar to 'Memorizing Transformers', which you liked \\(0\\.\\d\\d\\)"));
            assertThat(card.actions()).extracting(Action::label)
                    .containsExactly("Save", "👍", "👎", "Not interested", "Similar", "Discuss");
        }
        assertThat(reply.cards().get(0).reasons()).anyMatch(r -> r.startsWith("matches your topic 'diffusion models': "));
        assertThat(reply.footer()).contains("trending 15 · relevance 70 · recency 15");
    }

    @Test
    void whatWasShownIsNotShownAgainUnlessAskedForAgain() {
        f.follows.add(USER, FollowKind.TOPIC, "language models");
        List<String> first = ids(f.recommend(USER));
        List<String> second = ids(f.recommend(USER));
        assertThat(first).hasSize(5);
        assertThat(second).hasSize(5).doesNotContainAnyElementsOf(first);
        assertThat(ids(again())).isEqualTo(first);
    }

    @Test
    void whenEverythingWasShownTheReplySaysHowToSeeItAgain() {
        f.follows.add(USER, FollowKind.TOPIC, "goldfish");
        for (int i = 0; i < 20 && !f.recommend(USER).cards().isEmpty(); i++) {
            // keep asking until the topic runs dry
        }
        Reply dry = f.recommend(USER);
        assertThat(dry.cards()).isEmpty();
        assertThat(dry.text()).contains("/recommend again");
    }

    @Test
    void notInterestedAndThumbsDownRemoveAPaperAtOnceEvenWhenAskingAgain() {
        f.follows.add(USER, FollowKind.TOPIC, "language models");
        Reply first = f.recommend(USER);
        PaperCard one = first.cards().get(0);
        PaperCard two = first.cards().get(1);
        assertThat(f.click(USER, button(one, "Not interested")).text()).startsWith("Got it");
        assertThat(f.click(USER, button(two, "👎")).text()).startsWith("Noted 👎");
        List<String> next = ids(again());
        assertThat(next).hasSize(5).doesNotContain(one.paper().id(), two.paper().id());
        assertThat(next).contains(first.cards().get(2).paper().id());
    }

    @Test
    void aThumbsUpBringsSimilarPapersAndSaysSo() {
        f.follows.add(USER, FollowKind.TOPIC, "noisy labels");
        List<String> before = ids(again());
        Paper liked = paper(DIFFUSION_SUBSPACE);
        f.click(USER, ComponentId.of("vote-up", liked.id()).encode());
        Reply after = again();
        PaperCard similar = after.cards().stream()
                .filter(c -> c.reasons().stream().anyMatch(r -> r.startsWith("similar to 'Memorized Images")))
                .findFirst().orElseThrow();
        assertThat(before).doesNotContain(similar.paper().id());
        assertThat(ids(after)).doesNotContain(liked.id());
    }

    @Test
    void aThumbsDownPushesDownPapersLikeIt() {
        f.follows.add(USER, FollowKind.TOPIC, "memorization in generative models");
        Paper disliked = paper(DIFFUSION_SUBSPACE);
        String lookalike = f.search.similar(disliked.id(), 1).get(0).id();
        int before = position(lookalike, disliked.id());
        f.click(USER, ComponentId.of("vote-down", disliked.id()).encode());
        int after = position(lookalike, disliked.id());
        assertThat(before).isGreaterThanOrEqualTo(0);
        assertThat(after).isGreaterThan(before);
    }

    /** Where a paper ranks, ignoring {@code ignored} (which leaves the list once voted on); -1 when absent. */
    private int position(String id, String ignored) {
        List<String> ranked = f.recommender.rank(USER, true, 30).items().stream().map(r -> r.paper().id())
                .filter(x -> !x.equals(ignored)).toList();
        int i = ranked.indexOf(id);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    @Test
    void savedPapersNeverComeBack() {
        f.follows.add(USER, FollowKind.TOPIC, "diffusion");
        Reply first = f.recommend(USER);
        PaperCard top = first.cards().get(0);
        assertThat(f.click(USER, button(top, "Save")).text()).startsWith("Saved");
        assertThat(ids(again())).doesNotContain(top.paper().id());
    }

    @Test
    void anExcludedTopicKeepsMatchingPapersOut() {
        f.follows.add(USER, FollowKind.TOPIC, "memorization");
        List<Paper> withDiffusion = f.search.search(org.paperscout.search.SearchRequest.of("diffusion", 100)).hits()
                .stream().map(h -> h.paper()).toList();
        assertThat(withDiffusion).isNotEmpty();
        f.follows.add(USER, FollowKind.EXCLUDE, "diffusion");
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            shown.addAll(ids(f.recommend(USER)));
        }
        assertThat(shown).hasSizeGreaterThan(30)
                .doesNotContainAnyElementsOf(withDiffusion.stream().map(Paper::id).toList());
    }

    @Test
    void aFollowButtonWithABadTopicChangesNothing() {
        Reply reply = f.click(USER, ComponentId.of(RecommendCommand.FOLLOW_TOPIC, "!!!").encode());
        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.text()).contains("no words I can look for");
        assertThat(f.follows.list(USER)).isEmpty();
    }
}
