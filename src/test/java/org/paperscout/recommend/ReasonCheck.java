package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.search.TopicMatch;
import org.paperscout.follows.Follow;
import org.paperscout.follows.FollowKind;
import org.paperscout.store.Verdict;

/**
 * Checks a recommendation's reasons against the paper's own text and the user's own follows and feedback,
 * independently of how the recommender found them: words through the index's analysis of the title and the
 * abstract taken apart, authors compared by a normalisation of our own.
 */
final class ReasonCheck {

    private final Fixture f;
    private int checked;

    ReasonCheck(Fixture f) {
        this.f = f;
    }

    int checked() {
        return checked;
    }

    void check(String user, Recommendation r) {
        assertThat(r.why()).as("reasons of %s", r.paper().title()).isNotEmpty();
        for (Reason reason : r.why()) {
            String what = "'" + reason.text() + "' on '" + r.paper().title() + "'";
            if (reason instanceof Reason.Topic t) {
                topic(user, r.paper(), t, what);
            } else if (reason instanceof Reason.Author a) {
                assertThat(follows(user, FollowKind.AUTHOR)).as(what).contains(a.name());
                assertThat(r.paper().authors().stream().map(ReasonCheck::name)).as(what).contains(name(a.name()));
            } else if (reason instanceof Reason.Category c) {
                assertThat(follows(user, FollowKind.CATEGORY)).as(what).contains(c.code());
                assertThat(r.paper().categories()).as(what).contains(c.code());
            } else if (reason instanceof Reason.Similar s) {
                similar(user, r.paper(), s, what);
            } else if (reason instanceof Reason.CloseInMeaning m) {
                closeInMeaning(user, r, m, what);
            } else if (reason instanceof Reason.TopicInMeaning m) {
                topicInMeaning(user, r, m, what);
            } else if (reason instanceof Reason.Trending t) {
                assertThat(t.paper().paperId()).as(what).isEqualTo(r.paper().id());
                TrendingPaper now = f.trending.ranking(TrendingWindow.WEEK).papers().stream()
                        .filter(p -> p.paperId().equals(r.paper().id())).findFirst().orElseThrow();
                // With a "new" line of its own on the card, the trending line leaves newness out (said once).
                boolean newLine = r.why().stream().anyMatch(Reason.New.class::isInstance);
                assertThat(t.parts()).as(what).isNotEmpty().isEqualTo(TrendingService.parts(now, today(), !newLine));
            } else if (reason instanceof Reason.New n) {
                assertThat(r.paper().published()).as(what).isEqualTo(n.published());
                assertThat(n.today()).isEqualTo(today());
                assertThat(ChronoUnit.DAYS.between(n.published(), today())).as(what).isBetween(0L, 1L);
            }
            checked++;
        }
    }

    /**
     * Said only when true: the named paper is one the user liked or saved, the cosine shown is that of the two
     * papers' stored embeddings and at least the stated threshold, and no words-based similarity is on the card.
     */
    private void closeInMeaning(String user, Recommendation r, Reason.CloseInMeaning m, String what) {
        boolean liked = f.feedback.all(user).get(m.paperId()) == Verdict.UP;
        boolean saved = f.library.savedIds(user).contains(m.paperId());
        assertThat(m.how().equals("liked") ? liked : saved).as(what).isTrue();
        assertThat(m.title()).isEqualTo(f.search.paper(m.paperId()).orElseThrow().title());
        Map<String, float[]> v = f.search.vectors(List.of(m.paperId(), r.paper().id()));
        double cosine = cosine(v.get(m.paperId()), v.get(r.paper().id()));
        assertThat(m.cosine()).as(what).isCloseTo(cosine, org.assertj.core.data.Offset.offset(1e-6))
                .isGreaterThanOrEqualTo(Reason.CloseInMeaning.MIN_COSINE);
        assertThat(r.why()).as(what).noneMatch(Reason.Similar.class::isInstance);
    }

    /**
     * Said only when true: the topic is one the user follows, the cosine shown is that of the topic's embedding
     * and the paper's stored one, at least the stated threshold, and no words-based topic reason is on the card.
     */
    private void topicInMeaning(String user, Recommendation r, Reason.TopicInMeaning m, String what) {
        assertThat(follows(user, FollowKind.TOPIC)).as(what).contains(m.topic());
        float[] topic = f.search.queryVector(m.topic()).orElseThrow();
        double cosine = cosine(topic, f.search.vectors(List.of(r.paper().id())).get(r.paper().id()));
        assertThat(m.cosine()).as(what).isCloseTo(cosine, org.assertj.core.data.Offset.offset(1e-6))
                .isGreaterThanOrEqualTo(Reason.CloseInMeaning.MIN_COSINE);
        assertThat(m.text()).contains(String.format(Locale.ROOT, "(%.2f)", cosine));
        assertThat(r.why()).as(what).noneMatch(Reason.Topic.class::isInstance);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private void topic(String user, Paper paper, Reason.Topic t, String what) {
        assertThat(follows(user, FollowKind.TOPIC)).as(what).contains(t.topic());
        Set<String> title = stems(paper.title());
        Set<String> abstractStems = stems(paper.abstractText());
        if (!t.topic().matches(".*[\"+|-].*")) {
            // A plain topic: every word of it is in the paper.
            Set<String> union = new java.util.HashSet<>(title);
            union.addAll(abstractStems);
            assertThat(union).as(what).containsAll(stems(t.topic()));
        }
        for (TopicMatch.Word w : t.match().words()) {
            Set<String> word = stems(w.word());
            assertThat(word).as(what).isNotEmpty();
            assertThat(title.containsAll(word)).as(what + ": '" + w.word() + "' in the title").isEqualTo(w.inTitle());
            assertThat(abstractStems.containsAll(word)).as(what + ": '" + w.word() + "' in the abstract")
                    .isEqualTo(w.inAbstract());
            assertThat(reasonWords(t.topic())).as(what).contains(w.word());
            assertThat(t.text()).contains("'" + w.word() + "'");
        }
    }

    private void similar(String user, Paper paper, Reason.Similar s, String what) {
        boolean liked = f.feedback.all(user).get(s.paperId()) == Verdict.UP;
        boolean saved = f.library.savedIds(user).contains(s.paperId());
        assertThat(s.how().equals("liked") ? liked : saved).as(what).isTrue();
        Paper source = f.search.paper(s.paperId()).orElseThrow();
        assertThat(s.title()).isEqualTo(source.title());
        TextSimilarity words = new TextSimilarity();
        double cosine = TextSimilarity.cosine(words.vector(f.search.terms(paper)), words.vector(f.search.terms(source)));
        assertThat(s.similarity()).as(what).isPositive().isCloseTo(cosine, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.text()).contains(String.format(Locale.ROOT, "(%.2f)", cosine));
    }

    private List<String> follows(String user, FollowKind kind) {
        return f.follows.list(user).stream().filter(x -> x.kind() == kind).map(Follow::text).toList();
    }

    private Set<String> stems(String text) {
        Map<String, Integer> terms = f.search.terms(new Paper("check", text, "", List.of(), List.of(), null, null, 0, ""));
        return terms.keySet();
    }

    private static List<String> reasonWords(String topic) {
        return List.of(topic.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"));
    }

    private LocalDate today() {
        return LocalDate.now(f.clock.withZone(ZoneOffset.UTC));
    }

    /** Names as a person reads them: case, accents and punctuation aside. */
    private static String name(String s) {
        String plain = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
