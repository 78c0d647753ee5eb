package org.paperscout.recommend;

import java.util.HashMap;
import java.util.Map;

/** Cosine similarity of analysed term counts, sub-linear in frequency; enough to spot near-duplicates. */
final class TextSimilarity {

    private TextSimilarity() {
    }

    /** Unit-length vector with weights 1 + ln(count). */
    static Map<String, Double> vector(Map<String, Integer> counts) {
        Map<String, Double> v = new HashMap<>(counts.size() * 2);
        double norm = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            double w = 1 + Math.log(e.getValue());
            v.put(e.getKey(), w);
            norm += w * w;
        }
        double length = Math.sqrt(norm);
        if (length > 0) {
            v.replaceAll((k, w) -> w / length);
        }
        return v;
    }

    static double cosine(Map<String, Double> a, Map<String, Double> b) {
        if (a == null || b == null) {
            return 0;
        }
        Map<String, Double> small = a.size() <= b.size() ? a : b;
        Map<String, Double> large = small == a ? b : a;
        double dot = 0;
        for (Map.Entry<String, Double> e : small.entrySet()) {
            Double w = large.get(e.getKey());
            if (w != null) {
                dot += e.getValue() * w;
            }
        }
        return dot;
    }
}
