package org.paperscout.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.UserError;

/**
 * Measures the embedding models and fusion settings on CACM and prints nDCG@10: BM25 alone (today's /search),
 * vectors alone (exact cosine over every document) and fused, for each model and window mode, with embedding
 * throughput. Run by hand: {@code java -cp ... org.paperscout.search.SemanticQualityMeasurement}.
 */
public final class SemanticQualityMeasurement {

    /** Candidates from each side, as /search fuses them ({@link SemanticSearch#CANDIDATES}). */
    private static final int DEPTH = Integer.getInteger("depth", SemanticSearch.CANDIDATES);

    public static void main(String[] args) throws Exception {
        CacmCollection cacm = CacmCollection.read(CacmCollection.DEFAULT_DIR);
        System.out.printf("CACM: %d documents, %d judged queries%n", cacm.papers().size(), cacm.queries().size());
        Path dir = Files.createTempDirectory("cacm-index");
        Map<String, List<String>> lexical = new LinkedHashMap<>();
        try (PaperIndex index = PaperIndex.open(dir)) {
            index.upsert(cacm.papers());
            SearchService search = new SearchService(index, SearchConfig.defaults());
            for (Map.Entry<String, String> q : cacm.queries().entrySet()) {
                List<String> ids = new ArrayList<>();
                try {
                    search.search(SearchRequest.of(q.getValue(), DEPTH)).hits().forEach(h -> ids.add(h.paper().id()));
                } catch (UserError refused) {
                    // today's /search refuses long questions: BM25 contributes nothing for them
                }
                lexical.put(q.getKey(), ids);
            }
        }
        System.out.printf("BM25 /search           nDCG@10 %.4f%n", mean(cacm, lexical));
        String only = args.length > 0 ? args[0] : "";
        for (OnnxEmbedder.Model model : OnnxEmbedder.Model.values()) {
            for (OnnxEmbedder.Window window : OnnxEmbedder.Window.values()) {
                if (!only.isEmpty() && !only.equalsIgnoreCase(model.name() + "/" + window.name())) {
                    continue;
                }
                try (OnnxEmbedder embedder = new OnnxEmbedder(model, window, 2)) {
                    measure(cacm, lexical, embedder);
                }
            }
        }
    }

    private static void measure(CacmCollection cacm, Map<String, List<String>> lexical, OnnxEmbedder embedder) {
        List<Paper> papers = cacm.papers();
        embedder.embed(papers.subList(0, 64).stream().map(Embedder::paperText).toList()); // warm-up
        long start = System.nanoTime();
        float[][] docs = new float[papers.size()][];
        for (int from = 0; from < papers.size(); from += 256) {
            List<Paper> slice = papers.subList(from, Math.min(papers.size(), from + 256));
            float[][] v = embedder.embed(slice.stream().map(Embedder::paperText).toList());
            System.arraycopy(v, 0, docs, from, v.length);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, List<String>> vector = new LinkedHashMap<>();
        for (Map.Entry<String, String> q : cacm.queries().entrySet()) {
            float[] qv = embedder.embedQuery(q.getValue());
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < docs.length; i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingDouble((Integer i) -> -dot(qv, docs[i])).thenComparing(i -> i));
            vector.put(q.getKey(), order.subList(0, DEPTH).stream().map(i -> papers.get(i).id()).toList());
        }
        System.out.printf("%-40s %6.1f papers/s  vector nDCG@10 %.4f%n", embedder.modelName(),
                papers.size() / seconds, mean(cacm, vector));
        for (int k : new int[] {10, 30, 60}) {
            for (float wv : new float[] {0.5f, 1f, 1.5f, 2f}) {
                HybridRanker ranker = new HybridRanker(k, 1f, wv);
                Map<String, List<String>> fused = new LinkedHashMap<>();
                for (String q : cacm.queries().keySet()) {
                    fused.put(q, ranker.fuse(lexical.get(q), vector.get(q)).stream().map(ScoredId::id).toList());
                }
                System.out.printf("    hybrid k=%-3d vectorWeight=%.1f  nDCG@10 %.4f%n", k, wv, mean(cacm, fused));
            }
        }
    }

    private static double mean(CacmCollection cacm, Map<String, List<String>> rankings) {
        return rankings.entrySet().stream()
                .mapToDouble(e -> CacmCollection.ndcg10(e.getValue(), cacm.relevant().get(e.getKey())))
                .sum() / cacm.queries().size();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
