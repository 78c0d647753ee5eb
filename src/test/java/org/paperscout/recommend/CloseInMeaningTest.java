package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;
import org.paperscout.follows.FollowKind;
import org.paperscout.search.OnnxEmbedder;
import org.paperscout.store.TestClock;
import org.paperscout.store.Verdict;

/**
 * The meaning side of feedback with the real model: after three likes on memorization in language models, a paper
 * on the same subject in other words (no word in common) is recommended, says "close in meaning to ...", and every
 * reason on the page is true ({@link ReasonCheck}).
 */
class CloseInMeaningTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 9);

    @TempDir
    Path dir;

    private static List<Paper> papers() {
        return List.of(
                Fixture.paper("2603.00001", "Memorization in large language models", "Large language models memorize"
                        + " parts of their pretraining corpora, which raises privacy concerns about memorized sequences.",
                        DAY, 0),
                Fixture.paper("2603.00002", "Quantifying memorization across model scales", "We measure how"
                        + " memorization grows with model size in language models and with data duplication.", DAY, 0),
                Fixture.paper("2603.00003", "Mitigating memorization of language models", "Methods that reduce the"
                        + " memorization of sequences by language models without hurting their quality.", DAY, 0),
                Fixture.paper("2603.00004", "Verbatim regurgitation of training text by neural text generators",
                        "Neural text generators can reproduce long verbatim passages seen during training, exposing"
                        + " private information.", DAY, 0),
                Fixture.paper("2603.00005", "Spectroscopy of exoplanet atmospheres", "Transit spectra reveal water"
                        + " vapour and clouds on distant worlds.", DAY, 0),
                Fixture.paper("2603.00006", "Slow fermentation of sourdough bread", "Longer proofing at cold"
                        + " temperatures deepens flavour and crumb.", DAY, 0),
                Fixture.paper("2603.00007", "Groundwater recharge in karst aquifers", "Tracer dyes follow rainfall"
                        + " into springs through fissured limestone.", DAY, 0));
    }

    private static List<Paper> withLlms() {
        List<Paper> papers = new java.util.ArrayList<>(papers());
        papers.add(Fixture.paper("2603.00008", "Memorization in LLMs", "LLMs memorize training data verbatim and"
                + " memorization grows with scale.", DAY, 0));
        return papers;
    }

    @Test
    void aPaperOnTheSameSubjectInOtherWordsIsFoundAndSaysCloseInMeaning() throws Exception {
        List<Paper> papers = papers();
        try (OnnxEmbedder embedder = OnnxEmbedder.load(OnnxEmbedder.Model.MINILM, OnnxEmbedder.Window.FIRST);
             Fixture f = Fixture.semanticPapers(dir, TestClock.at("2026-03-10T12:00:00Z"), embedder, papers)) {
            for (String id : List.of("2603.00001", "2603.00002", "2603.00003")) {
                f.feedback.set("u1", id, Verdict.UP);
            }
            List<Recommendation> page = f.recommender.rank("u1", true, 5).items();
            ReasonCheck check = new ReasonCheck(f);
            page.forEach(r -> check.check("u1", r));
            Recommendation first = page.get(0);
            assertThat(first.paper().id()).isEqualTo("2603.00004");
            assertThat(first.why()).first().isInstanceOf(Reason.CloseInMeaning.class);
            assertThat(first.reasons().get(0)).startsWith("close in meaning to '");
        }
    }

    @Test
    void aFollowedTopicFindsAPaperWithoutItsWordsAndSaysSoTruthfully() throws Exception {
        try (OnnxEmbedder embedder = OnnxEmbedder.load(OnnxEmbedder.Model.MINILM, OnnxEmbedder.Window.FIRST);
             Fixture f = Fixture.semanticPapers(dir, TestClock.at("2026-03-10T12:00:00Z"), embedder,
                     withLlms())) {
            f.follows.add("u1", FollowKind.TOPIC, "memorization in language models");
            List<Recommendation> page = f.recommender.rank("u1", true, 5).items();
            ReasonCheck check = new ReasonCheck(f);
            page.forEach(r -> check.check("u1", r));
            java.util.Map<String, Recommendation> byId = new java.util.HashMap<>();
            page.forEach(r -> byId.put(r.paper().id(), r));
            // The three with every word of the topic are there by words; "LLMs" is not "language models" to the
            // words rule, but the embeddings see the same subject (cosine 0.57).
            assertThat(page.subList(0, 4)).extracting(r -> r.paper().id())
                    .containsExactlyInAnyOrder("2603.00001", "2603.00002", "2603.00003", "2603.00008");
            for (String byWords : List.of("2603.00001", "2603.00002", "2603.00003")) {
                assertThat(byId.get(byWords).why()).first().isInstanceOf(Reason.Topic.class);
            }
            Recommendation other = byId.get("2603.00008");
            assertThat(other).as("found by meaning").isNotNull();
            assertThat(other.why()).first().isInstanceOf(Reason.TopicInMeaning.class);
            assertThat(other.reasons().get(0)).startsWith("close in meaning to your topic 'memorization in language models' (0.");
            // Nothing off the subject is said to be on it.
            for (String off : List.of("2603.00005", "2603.00006", "2603.00007")) {
                if (byId.containsKey(off)) {
                    assertThat(byId.get(off).why()).noneMatch(r -> r instanceof Reason.Topic || r instanceof Reason.TopicInMeaning);
                }
            }
        }
    }

    @Test
    void onTheSeedsNoTransformerPaperIsSaidToBeAboutDiffusionModels() throws Exception {
        try (OnnxEmbedder embedder = OnnxEmbedder.load(OnnxEmbedder.Model.MINILM, OnnxEmbedder.Window.FIRST);
             Fixture f = Fixture.semanticSeeds(dir, TestClock.at("2026-03-10T12:00:00Z"), embedder)) {
            f.follows.add("u1", FollowKind.TOPIC, "diffusion models");
            List<Recommendation> page = f.recommender.rank("u1", true, 10).items();
            ReasonCheck check = new ReasonCheck(f);
            page.forEach(r -> check.check("u1", r));
            assertThat(page).filteredOn(r -> r.paper().title().startsWith("Modifying Memories in Transformer Models")
                    || r.paper().title().startsWith("Localizing Paragraph Memorization"))
                    .allSatisfy(r -> assertThat(r.why()).noneMatch(
                            x -> x instanceof Reason.Topic || x instanceof Reason.TopicInMeaning));
        }
    }
}
