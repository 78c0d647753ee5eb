package org.paperscout.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.paperscout.catalog.Paper;

/**
 * A reader's taste as one query (Rocchio): the mean of the tf-idf vectors of the papers they liked, minus a
 * share of the mean of those they disliked, cut to its heaviest terms and run as weighted BM25 clauses over
 * title and abstract. One query for all liked papers finds what they share, where a query per paper finds
 * what each happens to say. The lexical half of a profile; a semantic one can sit beside it.
 */
final class LexicalProfile {

    /** Terms kept from the centroid; more than a paper's own query, since the centroid spreads over papers. */
    static final int TERMS = 100;
    /** Rocchio's gamma: how far a disliked paper pushes its words down. */
    static final double NEGATIVE_SHARE = 0.25;
    static final float TITLE_BOOST = 2.0f;

    private LexicalProfile() {
    }

    /** The profile query, or null when the papers have no word the window knows. */
    static Query query(IndexReader reader, Map<Paper, Map<String, Integer>> positives,
                       Map<Paper, Map<String, Integer>> negatives) {
        Map<String, Double> idf = new HashMap<>();
        Map<String, Double> centroid = new HashMap<>();
        add(reader, idf, centroid, positives, 1.0 / Math.max(1, positives.size()));
        add(reader, idf, centroid, negatives, -NEGATIVE_SHARE / Math.max(1, negatives.size()));
        List<Map.Entry<String, Double>> terms = new ArrayList<>();
        centroid.forEach((t, w) -> {
            if (w > 0) {
                terms.add(Map.entry(t, w));
            }
        });
        if (terms.isEmpty()) {
            return null;
        }
        terms.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (Map.Entry<String, Double> t : terms.subList(0, Math.min(TERMS, terms.size()))) {
            float w = t.getValue().floatValue();
            q.add(new BoostQuery(new TermQuery(new Term(Fields.TITLE, t.getKey())), w * TITLE_BOOST),
                    BooleanClause.Occur.SHOULD);
            q.add(new BoostQuery(new TermQuery(new Term(Fields.ABSTRACT, t.getKey())), w), BooleanClause.Occur.SHOULD);
        }
        return q.build();
    }

    /** Adds {@code share} times each paper's unit-length tf-idf vector (weights {@code (1 + ln tf) * idf}). */
    private static void add(IndexReader reader, Map<String, Double> idf, Map<String, Double> centroid,
                            Map<Paper, Map<String, Integer>> papers, double share) {
        for (Map<String, Integer> counts : papers.values()) {
            Map<String, Double> v = new HashMap<>();
            double norm = 0;
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                double w = (1 + Math.log(e.getValue())) * idf.computeIfAbsent(e.getKey(), t -> idf(reader, t));
                if (w > 0) {
                    v.put(e.getKey(), w);
                    norm += w * w;
                }
            }
            double length = Math.sqrt(norm);
            v.forEach((t, w) -> centroid.merge(t, share * w / length, Double::sum));
        }
    }

    /**
     * BM25's idf of a word over title and abstract (the larger document frequency); 0 for a word the index does not
     * hold, which cannot find a paper in it. Shared with a long question's key terms ({@link TextQueries}).
     */
    static double idf(IndexReader reader, String term) {
        try {
            int df = Math.max(reader.docFreq(new Term(Fields.ABSTRACT, new BytesRef(term))),
                    reader.docFreq(new Term(Fields.TITLE, new BytesRef(term))));
            return df == 0 ? 0 : Math.log(1 + (reader.numDocs() - df + 0.5) / (df + 0.5));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
