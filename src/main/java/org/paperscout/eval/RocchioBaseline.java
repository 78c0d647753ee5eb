package org.paperscout.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.paperscout.search.Tokens;

/**
 * The classic recommendation baseline: tf-idf vectors of title and text ((1 + ln tf) * ln(N / df), unit
 * length, English stemming and stop words), ranked by cosine to the centroid of the liked documents.
 */
final class RocchioBaseline {

    private final List<String> ids = new ArrayList<>();
    private final List<Map<String, Double>> vectors = new ArrayList<>();
    private final Map<String, Integer> position = new HashMap<>();

    RocchioBaseline(List<JudgedCollection.Document> documents) {
        List<Map<String, Integer>> counts = new ArrayList<>();
        Map<String, Integer> df = new HashMap<>();
        try (Analyzer analyzer = new EnglishAnalyzer()) {
            for (JudgedCollection.Document d : documents) {
                Map<String, Integer> tf = terms(analyzer, d.title() + " " + d.text());
                counts.add(tf);
                tf.keySet().forEach(t -> df.merge(t, 1, Integer::sum));
            }
        }
        int n = documents.size();
        for (int i = 0; i < n; i++) {
            Map<String, Double> v = new HashMap<>();
            double norm = 0;
            for (Map.Entry<String, Integer> e : counts.get(i).entrySet()) {
                double w = (1 + Math.log(e.getValue())) * Math.log(n / (double) df.get(e.getKey()));
                v.put(e.getKey(), w);
                norm += w * w;
            }
            double len = Math.sqrt(norm);
            if (len > 0) {
                v.replaceAll((t, w) -> w / len);
            }
            ids.add(documents.get(i).id());
            position.put(documents.get(i).id(), i);
            vectors.add(v);
        }
    }

    /** The {@code limit} documents closest to the centroid of {@code liked}, never one of the liked. */
    List<String> recommend(Collection<String> liked, int limit) {
        Map<String, Double> centroid = new HashMap<>();
        for (String id : liked) {
            Integer i = position.get(id);
            if (i != null) {
                vectors.get(i).forEach((t, w) -> centroid.merge(t, w / liked.size(), Double::sum));
            }
        }
        Set<String> skip = Set.copyOf(liked);
        List<Map.Entry<String, Double>> scored = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (skip.contains(ids.get(i))) {
                continue;
            }
            double dot = 0;
            for (Map.Entry<String, Double> e : vectors.get(i).entrySet()) {
                Double c = centroid.get(e.getKey());
                if (c != null) {
                    dot += c * e.getValue();
                }
            }
            scored.add(Map.entry(ids.get(i), dot));
        }
        // The centroid's length is the same for every document, so the dot product ranks like the cosine.
        scored.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        return scored.stream().limit(limit).map(Map.Entry::getKey).toList();
    }

    private static Map<String, Integer> terms(Analyzer analyzer, String text) {
        Map<String, Integer> tf = new HashMap<>();
        Tokens.count(analyzer, "text", text, tf);
        return tf;
    }
}
