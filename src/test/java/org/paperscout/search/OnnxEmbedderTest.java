package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real model, loaded from the classpath (no network). */
class OnnxEmbedderTest {

    static OnnxEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = OnnxEmbedder.load(OnnxEmbedder.Model.MINILM, OnnxEmbedder.Window.FIRST);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void embedsASentenceAsA384DimensionalUnitVector() {
        float[] v = embedder.embed(List.of("Transformers memorize their training data."))[0];
        assertThat(embedder.dimensions()).isEqualTo(384);
        assertThat(v).hasSize(384);
        assertThat(dot(v, v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(embedder.modelName()).isEqualTo("all-minilm-l6-v2-q (first 128 pieces)");
    }

    @Test
    void sentencesCloseInMeaningScoreHigherThanUnrelatedOnes() {
        float[][] v = embedder.embed(List.of(
                "Large language models can reproduce passages of their training text word for word.",
                "Neural chatbots sometimes recite memorized sentences from the data they learned from.",
                "The recipe needs two eggs, flour and a pinch of salt."));
        assertThat(dot(v[0], v[1])).isGreaterThan(dot(v[0], v[2]) + 0.2);
        assertThat(dot(v[1], v[0])).isGreaterThan(dot(v[1], v[2]) + 0.2);
    }

    /**
     * Nearly, not exactly: the quantized model scales its int8 activations over the whole batch tensor, so a
     * text's neighbours in the batch move its vector a little (measured: cosine 0.97 for a one-word text batched
     * with longer ones). Sorting by length keeps neighbours alike; the CACM figures were measured batched.
     */
    @Test
    void aBatchGivesNearlyTheSameVectorsAsOneTextAtATime() {
        List<String> texts = List.of("short", "a somewhat longer sentence about graph neural networks",
                "memorization");
        float[][] batch = embedder.embed(texts);
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = embedder.embed(List.of(texts.get(i)))[0];
            assertThat(dot(batch[i], alone)).as(texts.get(i)).isGreaterThan(0.95);
        }
    }

    /**
     * The first window is tokenised from a long text's opening only: its pieces, so its vector, must be those of the
     * whole text's first window, on the seeds and on texts made to need many pieces per character or to have no
     * space to cut at.
     */
    @Test
    void theFirstWindowFromATextsOpeningHasTheWholeTextsPieces(@TempDir Path dir) throws Exception {
        List<String> texts = new ArrayList<>();
        try (PaperIndex index = SeedIndex.open(dir.resolve("index"))) {
            new SearchService(index, SearchConfig.defaults()).allPapers(100).forEach(p -> texts.add(Embedder.paperText(p)));
        }
        texts.add("Graph neural networks. " + "We study message passing on large graphs and its limits. ".repeat(40));
        texts.add("A, b; c: d! e? f. g (h) [i] {j} 1-2-3 4/5 ".repeat(60)); // several pieces per few characters
        texts.add("Tokenisation " + "x".repeat(1_200) + " tail words after the long one"); // no space near the cut
        texts.add("Überprüfung der Ergebnisse mit naïve Bayes und Schrödinger-Gleichungen. ".repeat(30));
        texts.add("量子计算 的 研究 与 应用 ".repeat(200));
        texts.add("Immunohistochemical electroencephalographic pseudopseudohypoparathyroidism ".repeat(40));
        assertThat(texts).hasSizeGreaterThan(60);
        assertThat(texts.stream().filter(t -> t.length() > OnnxEmbedder.FIRST_WINDOW_CHARS)).hasSizeGreaterThan(5);
        try (OnnxEmbedder chunks = new OnnxEmbedder(OnnxEmbedder.Model.MINILM, OnnxEmbedder.Window.CHUNKS, 1)) {
            long[][] first = embedder.pieces(texts);
            long[][] whole = chunks.pieces(texts);
            int window = OnnxEmbedder.MAX_TOKENS - 2;
            for (int t = 0; t < texts.size(); t++) {
                int n = Math.min(window, whole[t].length);
                assertThat(Arrays.copyOf(first[t], Math.min(first[t].length, n))).as(texts.get(t))
                        .isEqualTo(Arrays.copyOf(whole[t], n));
            }
        }
    }

    @Test
    void aTextLongerThanTheWindowIsCutInFirstModeAndPooledInChunksMode() {
        String opening = "Memorization in language models is studied with extraction attacks. ";
        String tail = "Cooking pasta requires boiling salted water and stirring often. ".repeat(40);
        try (OnnxEmbedder chunks = new OnnxEmbedder(OnnxEmbedder.Model.MINILM, OnnxEmbedder.Window.CHUNKS, 2)) {
            float[] first = embedder.embed(List.of(opening + tail))[0];
            float[] pooled = chunks.embed(List.of(opening + tail))[0];
            float[] cooking = embedder.embed(List.of(tail))[0];
            // the pooled vector is dominated by the long cooking tail; the first window still has the opening
            assertThat(dot(pooled, cooking)).isGreaterThan(dot(first, cooking));
            assertThat(dot(pooled, cooking)).isGreaterThan(0.9);
        }
    }

    @Test
    void closingWaitsForTheRunInFlightAndLaterRunsSaySoInsteadOfCrashing() throws Exception {
        OnnxEmbedder own = new OnnxEmbedder(OnnxEmbedder.Model.MINILM, OnnxEmbedder.Window.FIRST, 1);
        List<String> many = java.util.Collections.nCopies(256,
                "Memorization in language models is studied with extraction attacks on training data.");
        java.util.concurrent.CompletableFuture<float[][]> run =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> own.embed(many));
        while (!run.isDone() && own.running.getReadLockCount() == 0) {
            Thread.onSpinWait();
        }
        own.close();
        // the run that was in flight when close was called finished with real vectors
        float[][] done = run.get();
        assertThat(done.length).isEqualTo(256);
        assertThat(dot(done[0], done[255])).isGreaterThan(0.99);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> own.embed(List.of("after")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        own.close(); // twice is harmless
    }

    /**
     * Neither the session option that stops worker threads spinning nor running a call's batches side by side on
     * one thread each may change what the model computes: 70 texts make three batches, run at once.
     */
    @Test
    void batchesRunSideBySideWithoutSpinningGiveTheVectorsOfOneRunAtATime() {
        List<String> texts = new java.util.ArrayList<>(List.of("Transformers memorize their training data.",
                "A survey of retrieval-augmented generation for question answering over long documents.",
                "graph"));
        for (int i = 0; texts.size() < 70; i++) {
            texts.add("Sparse attention variant " + i + " for protein folding " + "and long contexts ".repeat(i % 9));
        }
        try (OnnxEmbedder spinning = new OnnxEmbedder(OnnxEmbedder.Model.MINILM, OnnxEmbedder.Window.FIRST, 2, 1, 32,
                java.util.Map.of());
             OnnxEmbedder sideBySide = new OnnxEmbedder(OnnxEmbedder.Model.MINILM, OnnxEmbedder.Window.FIRST, 2)) {
            float[][] before = spinning.embed(texts);
            float[][] now = sideBySide.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(dot(before[i], now[i])).as(texts.get(i)).isGreaterThan(0.9999);
            }
        }
    }
}
