package org.paperscout.search;

import org.paperscout.config.Settings;

/**
 * Semantic search settings.
 *
 * @param enabled        fuse vector neighbours into /search and /similar and embed papers in the background;
 *                       off means BM25 only and no model loaded
 * @param model          which bundled model embeds (vectors of another model are not comparable: changing it
 *                       needs a fresh index)
 * @param window         how a text longer than the model's 128 word pieces is represented
 * @param queryCacheSize how many query embeddings are kept
 * @param batchSize      papers per backfill batch
 */
public record SemanticConfig(boolean enabled, OnnxEmbedder.Model model, OnnxEmbedder.Window window,
                             int queryCacheSize, int batchSize) {

    /**
     * Off unless configured: config/paperscout.properties turns it on for the bot, while tests and tools that
     * build settings in code do not load a model they do not ask for.
     */
    public static SemanticConfig from(Settings s) {
        OnnxEmbedder.Model model;
        try {
            model = OnnxEmbedder.Model.parse(s.string("search.semantic-model", "minilm"));
        } catch (IllegalArgumentException e) {
            throw s.invalid("search.semantic-model", "minilm or bge_small");
        }
        String window = s.string("search.semantic-window", "first").strip().toLowerCase(java.util.Locale.ROOT);
        if (!window.equals("first") && !window.equals("chunks")) {
            throw s.invalid("search.semantic-window", "first or chunks");
        }
        return new SemanticConfig(
                s.bool("search.semantic", false),
                model,
                window.equals("first") ? OnnxEmbedder.Window.FIRST : OnnxEmbedder.Window.CHUNKS,
                s.integer("search.semantic-query-cache-size", 10_000, 1, 10_000_000),
                s.integer("search.semantic-batch", 256, 1, 10_000));
    }
}
