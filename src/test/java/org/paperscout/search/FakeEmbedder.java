package org.paperscout.search;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic stand-in for the model: a hashed bag of crudely stemmed words in 64 dimensions, unit length.
 * Texts sharing words are close; it knows nothing of meaning, so tests of paraphrases use the real model.
 */
public final class FakeEmbedder implements Embedder {

    public static final int DIMENSIONS = 64;
    private final AtomicInteger embedded = new AtomicInteger();

    @Override
    public float[][] embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(texts.get(i));
        }
        embedded.addAndGet(texts.size());
        return out;
    }

    /** How many texts were embedded so far. */
    public int embeddedCount() {
        return embedded.get();
    }

    public static float[] vector(String text) {
        float[] v = new float[DIMENSIONS];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() < 3) {
                continue;
            }
            String stem = word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
            v[Math.floorMod(stem.hashCode(), DIMENSIONS)] += 1;
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            v[0] = 1;
            return v;
        }
        for (int d = 0; d < DIMENSIONS; d++) {
            v[d] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public String modelName() {
        return "fake-hashed-words-64";
    }
}
