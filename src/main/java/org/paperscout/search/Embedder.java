package org.paperscout.search;

import java.util.List;
import java.util.Optional;
import org.paperscout.catalog.Paper;

/**
 * Turns texts into unit-length vectors whose dot product says how close two texts are in meaning. One real
 * implementation ({@link OnnxEmbedder}); tests use a small deterministic fake so most of them never load a model.
 */
public interface Embedder {

    /** One unit vector of {@link #dimensions()} floats per text, in order. Safe to call from several threads. */
    float[][] embed(List<String> texts);

    /**
     * A search query's vector. Asymmetric models (BGE) prefix queries with an instruction; symmetric ones embed
     * the text as it is.
     */
    default float[] embedQuery(String query) {
        return embed(List.of(query))[0];
    }

    int dimensions();

    /** False while the model is still loading: a search then answers without vectors rather than wait. */
    default boolean ready() {
        return true;
    }

    /**
     * Why the model will never answer, in a few words ("UnsatisfiedLinkError: no onnxruntime in java.library.path"),
     * once loading has failed; empty while it loads and once it works. A failed model is a state callers check,
     * so semantic search turns off cleanly instead of throwing at every call.
     */
    default Optional<String> failure() {
        return Optional.empty();
    }

    /** The model's name, for logs and benchmarks. */
    String modelName();

    /**
     * The cosine of two vectors. Vectors read back from the index are quantized and no longer exactly unit length,
     * so the norms are divided out rather than assumed; 0 when either is all zeros.
     */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** The text a paper is represented by: its title, then its abstract. */
    static String paperText(Paper paper) {
        String abs = paper.abstractText() == null ? "" : paper.abstractText().strip();
        return abs.isEmpty() ? paper.title() : paper.title() + ". " + abs;
    }
}
