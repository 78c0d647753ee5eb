package org.paperscout.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperscout.catalog.Paper;

/**
 * Tunes the cosine above which a paper counts as "close in meaning" to a followed topic: on CACM's judged queries
 * that fit /search's short limits (the nearest a topic follow comes in a judged collection), for each threshold,
 * how many of the papers among each query's nearest {@code depth} at or above it are judged relevant (precision)
 * and how many of the relevant ones it reaches (recall), beside BM25 /search's precision@10 on the same queries, the
 * bar a meaning match must clear to be as trustworthy as a first page of results. Run by hand.
 */
public final class TopicMeaningMeasurement {

    public static void main(String[] args) throws Exception {
        int depth = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        CacmCollection cacm = CacmCollection.read(CacmCollection.DEFAULT_DIR);
        List<Paper> papers = cacm.papers();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cacm-topic");
        double bm25P10 = 0;
        int shortQueries = 0;
        Map<String, String> queries = new java.util.LinkedHashMap<>();
        try (PaperIndex index = PaperIndex.open(dir)) {
            index.upsert(papers);
            SearchService search = new SearchService(index, SearchConfig.defaults());
            for (Map.Entry<String, String> q : cacm.queries().entrySet()) {
                if (!SearchService.isShortQuery(q.getValue())) {
                    continue;
                }
                queries.put(q.getKey(), q.getValue());
                Set<String> rel = cacm.relevant().get(q.getKey());
                long hits = search.search(SearchRequest.of(q.getValue(), 10)).hits().stream()
                        .filter(h -> rel.contains(h.paper().id())).count();
                bm25P10 += hits / 10.0;
                shortQueries++;
            }
        }
        System.out.printf("%d short judged queries; BM25 /search precision@10 %.3f%n", shortQueries,
                bm25P10 / shortQueries);
        try (OnnxEmbedder embedder = OnnxEmbedder.load(OnnxEmbedder.Model.MINILM, OnnxEmbedder.Window.FIRST)) {
            float[][] docs = new float[papers.size()][];
            for (int from = 0; from < papers.size(); from += 256) {
                List<Paper> slice = papers.subList(from, Math.min(papers.size(), from + 256));
                float[][] v = embedder.embed(slice.stream().map(Embedder::paperText).toList());
                System.arraycopy(v, 0, docs, from, v.length);
            }
            double[] thresholds = {0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65};
            long[] above = new long[thresholds.length];
            long[] relevantAbove = new long[thresholds.length];
            long relevantTotal = 0;
            for (Map.Entry<String, String> q : queries.entrySet()) {
                Set<String> rel = cacm.relevant().get(q.getKey());
                relevantTotal += rel.size();
                float[] qv = embedder.embedQuery(q.getValue());
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < docs.length; i++) {
                    order.add(i);
                }
                order.sort(Comparator.comparingDouble((Integer i) -> -Embedder.cosine(qv, docs[i])));
                for (int i : order.subList(0, depth)) {
                    double c = Embedder.cosine(qv, docs[i]);
                    for (int t = 0; t < thresholds.length; t++) {
                        if (c >= thresholds[t]) {
                            above[t]++;
                            if (rel.contains(papers.get(i).id())) {
                                relevantAbove[t]++;
                            }
                        }
                    }
                }
            }
            System.out.printf("nearest %d per query:%n", depth);
            for (int t = 0; t < thresholds.length; t++) {
                System.out.printf("  cosine >= %.2f: %5d papers (%.1f a query), precision %.3f, recall %.3f%n",
                        thresholds[t], above[t], (double) above[t] / shortQueries,
                        above[t] == 0 ? 0 : (double) relevantAbove[t] / above[t],
                        (double) relevantAbove[t] / relevantTotal);
            }
        }
    }
}
