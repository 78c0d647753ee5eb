package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;
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

    @Test
    void aPaperOnTheSameSubjectInOtherWordsIsFoundAndSaysCloseInMeaning() throws Exception {
        List<Paper> papers = List.of(
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
}
