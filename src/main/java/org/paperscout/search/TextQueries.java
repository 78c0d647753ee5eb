package org.paperscout.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * "Papers like this text": a pasted abstract or a long question becomes a query of its key terms. No operator
 * in such text is honoured (a hyphen or quote in a paragraph is prose, not syntax); each analysed term is
 * weighted by how often the text uses it and how rare it is in the index ({@code (1 + ln tf) * idf}), and the
 * strongest {@value #MAX_KEY_TERMS} are OR-ed over title and abstract, each boosted by that weight (relative to the
 * strongest), as the feedback profile weighs its terms ({@code LexicalProfile}): a word the text repeats counts for
 * more than one it uses once.
 */
final class TextQueries {

    /** Discord's limit for a string option; longer text is refused. */
    static final int MAX_TEXT = 6_000;
    static final int MAX_KEY_TERMS = 40;
    /**
     * A paragraph's words describe content, so a title sharing one of them is no stronger a sign than the
     * abstract: on CACM's 13 long questions, title weight 1 (not the short search's 2) lifted nDCG@10 from
     * 0.521 to 0.545 (and from 0.570 to 0.605 on the documents with abstracts).
     */
    static final float TITLE_WEIGHT = 1f;

    private final Analyzer analyzer;

    TextQueries(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    static void checkLength(String normalised) {
        if (normalised.length() > MAX_TEXT) {
            throw QueryRejected.keyed("query.text-too-long", "length", String.valueOf(normalised.length()),
                    "max", String.valueOf(MAX_TEXT)); // ungrouped, as this refusal always wrote them
        }
    }

    /** The key-term query for {@code text}, scored against {@code reader}'s statistics. */
    Query likeText(String text, IndexReader reader) throws IOException {
        Map<String, Integer> tf = terms(text);
        if (tf.isEmpty()) {
            throw QueryRejected.keyed("query.text-no-words");
        }
        List<Map.Entry<String, Double>> weighted = new ArrayList<>();
        for (Map.Entry<String, Integer> e : tf.entrySet()) {
            double idf = LexicalProfile.idf(reader, e.getKey());
            if (idf == 0) {
                continue; // a word no paper uses cannot rank anything
            }
            weighted.add(Map.entry(e.getKey(), (1 + Math.log(e.getValue())) * idf));
        }
        weighted.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        double strongest = weighted.isEmpty() ? 1 : weighted.get(0).getValue();
        for (Map.Entry<String, Double> e : weighted.subList(0, Math.min(MAX_KEY_TERMS, weighted.size()))) {
            // Relative weights: BM25 adds the term's idf again, so rare words count about idf squared, as in the
            // feedback profile (README, "Twelfth session": nDCG@10 up on CACM, LISA and ADI, down on CISI and MEDLINE).
            float weight = (float) (e.getValue() / strongest);
            q.add(new BoostQuery(new TermQuery(new Term(Fields.TITLE, e.getKey())), TITLE_WEIGHT * weight),
                    BooleanClause.Occur.SHOULD); // authors are left out: a paragraph's words are not names
            q.add(new BoostQuery(new TermQuery(new Term(Fields.ABSTRACT, e.getKey())), weight),
                    BooleanClause.Occur.SHOULD);
        }
        return q.build();
    }

    private Map<String, Integer> terms(String text) {
        Map<String, Integer> tf = new LinkedHashMap<>();
        Tokens.count(analyzer, Fields.ABSTRACT, text, tf);
        return tf;
    }
}
