package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.Reply;
import org.paperscout.search.SyntheticCorpus;
import org.paperscout.store.EngagementKind;
import org.paperscout.follows.FollowKind;
import org.paperscout.store.TestClock;
import org.paperscout.store.Verdict;

/**
 * Every reason a recommendation gives is true of the paper: checked by {@link ReasonCheck} on every page of
 * several profiles, on the seeds and on a generated corpus with random topics, authors, categories and feedback.
 */
class ReasonsAreTrueTest {

    @TempDir
    Path dir;

    @Test
    void aTopicMatchesOnlyPapersWithAllItsWords() throws Exception {
        try (Fixture f = Fixture.seeds(dir, TestClock.at("2026-03-10T12:00:00Z"))) {
            f.follows.add("u1", FollowKind.TOPIC, "diffusion models");
            List<Recommendation> all = pages(f, "u1");
            assertThat(all).isNotEmpty();
            assertThat(all).extracting(r -> r.paper().title()).doesNotContain(
                    "Modifying Memories in Transformer Models", "Localizing Paragraph Memorization in Language Models");
            assertThat(all.get(0).reasons().get(0)).startsWith("matches your topic 'diffusion models': ")
                    .contains("'diffusion'").contains("'models'");
            ReasonCheck check = new ReasonCheck(f);
            all.forEach(r -> check.check("u1", r));
        }
    }

    @Test
    void everyReasonOnTheSeedsIsBorneOutByThePaper() throws Exception {
        try (Fixture f = Fixture.seeds(dir, TestClock.at("2026-03-10T12:00:00Z"))) {
            Random random = new Random(11);
            List<Paper> papers = f.search.allPapers(1_000);
            // People read a few papers, so trending has something to say.
            for (int i = 0; i < 12; i++) {
                f.events.record("reader" + i, papers.get(random.nextInt(papers.size())).id(), EngagementKind.CLICK);
            }
            f.follows.add("topics", FollowKind.TOPIC, "language models");
            f.follows.add("topics", FollowKind.TOPIC, "memorization");
            f.follows.add("topics", FollowKind.EXCLUDE, "diffusion");
            f.follows.add("mixed", FollowKind.TOPIC, "noisy labels");
            f.follows.add("mixed", FollowKind.TOPIC, "\"training data\" extraction");
            likeSomeOf(f, "mixed", papers, random, 2);
            f.library.save("mixed", papers.get(random.nextInt(papers.size())));
            f.feedback.set("mixed", papers.get(random.nextInt(papers.size())).id(), Verdict.DOWN);
            likeSomeOf(f, "likes", papers, random, 3);
            f.follows.add("popular", FollowKind.TOPIC, "privacy | unlearning");
            f.tunes.set("popular", new Tune(100, 0, 0));

            ReasonCheck check = new ReasonCheck(f);
            Set<Class<?>> kinds = new HashSet<>();
            for (String user : List.of("topics", "mixed", "likes", "popular")) {
                List<Recommendation> all = pages(f, user);
                assertThat(all).as(user).isNotEmpty();
                for (Recommendation r : all) {
                    check.check(user, r);
                    r.why().forEach(w -> kinds.add(w.getClass()));
                }
            }
            assertThat(kinds).contains(Reason.Topic.class, Reason.Similar.class, Reason.Trending.class);
            starterReasonsAreTrue(f);
        }
    }

    @Test
    void everyReasonOnAGeneratedCorpusIsBorneOutByThePaper() throws Exception {
        SyntheticCorpus corpus = new SyntheticCorpus(3_000);
        List<Paper> papers = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            papers.add(corpus.paper(i));
        }
        Paper newest = papers.stream().max(java.util.Comparator.comparing(Paper::published)).orElseThrow();
        TestClock clock = TestClock.at(newest.published() + "T12:00:00Z");
        try (Fixture f = Fixture.papers(dir, clock, papers)) {
            Random random = new Random(5);
            List<Paper> recent = papers.stream().filter(p -> !p.published().isBefore(newest.published().minusDays(60)))
                    .toList();
            for (int i = 0; i < 30; i++) {
                f.events.record("reader" + i, recent.get(random.nextInt(recent.size())).id(), EngagementKind.VOTE);
            }
            ReasonCheck check = new ReasonCheck(f);
            Set<Class<?>> kinds = new HashSet<>();
            for (int u = 0; u < 24; u++) {
                String user = "user" + u;
                Paper about = recent.get(random.nextInt(recent.size()));
                String[] title = about.title().split(" ");
                f.follows.add(user, FollowKind.TOPIC, title[random.nextInt(title.length - 1)] + " "
                        + title[random.nextInt(title.length - 1)]);
                if (u % 2 == 0) {
                    f.follows.add(user, FollowKind.TOPIC, corpus.query(random, 1 + random.nextInt(2)));
                }
                if (u % 3 == 0) {
                    f.follows.add(user, FollowKind.AUTHOR,
                            recent.get(random.nextInt(recent.size())).authors().get(0).toLowerCase());
                }
                if (u % 4 == 1) {
                    f.follows.add(user, FollowKind.CATEGORY, recent.get(random.nextInt(recent.size())).categories().get(0));
                }
                if (u % 3 == 1) {
                    likeSomeOf(f, user, recent, random, 1 + random.nextInt(3));
                }
                if (u % 5 == 2) {
                    f.tunes.set(user, new Tune(60, 20, 20));
                }
                for (Recommendation r : pages(f, user)) {
                    check.check(user, r);
                    r.why().forEach(w -> kinds.add(w.getClass()));
                }
            }
            assertThat(kinds).contains(Reason.Topic.class, Reason.Author.class, Reason.Category.class,
                    Reason.Similar.class, Reason.Trending.class, Reason.New.class);
            assertThat(check.checked()).isGreaterThan(100);
        }
    }

    /** Up to four pages, as a user who keeps asking sees them. */
    private static List<Recommendation> pages(Fixture f, String user) {
        List<Recommendation> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<Recommendation> page = f.recommender.recommend(user, false, TrendingCommand.PAGE).items();
            if (page.isEmpty()) {
                break;
            }
            out.addAll(page);
        }
        return out;
    }

    private static void likeSomeOf(Fixture f, String user, List<Paper> papers, Random random, int n) {
        for (int i = 0; i < n; i++) {
            f.feedback.set(user, papers.get(random.nextInt(papers.size())).id(), Verdict.UP);
        }
    }

    /** The starter's cards say trending only with the parts that make it so, and nothing else otherwise. */
    private static void starterReasonsAreTrue(Fixture f) {
        f.advance(Duration.ofSeconds(1));
        Reply starter = f.recommend("newcomer");
        assertThat(starter.cards()).isNotEmpty();
        Map<String, TrendingPaper> week = new java.util.HashMap<>();
        f.trending.ranking(TrendingWindow.WEEK).papers().forEach(p -> week.put(p.paperId(), p));
        for (PaperCard card : starter.cards()) {
            TrendingPaper t = week.get(card.paper().id());
            List<String> parts = TrendingService.parts(t, java.time.LocalDate.of(2026, 3, 10));
            assertThat(card.reasons()).containsExactly(parts.isEmpty() ? "in the index now; nobody has voted on it yet"
                    : "trending this week: " + String.join(" · ", parts));
            if (parts.isEmpty()) {
                assertThat(t.people() + t.upvotes()).isZero();
            }
        }
    }
}
