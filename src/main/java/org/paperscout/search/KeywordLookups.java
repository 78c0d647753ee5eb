package org.paperscout.search;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.paperscout.catalog.Paper;

/** Papers found by an exact keyword (id, normalised title) straight from the postings: no query, no scoring. */
final class KeywordLookups {

    private KeywordLookups() {
    }

    /**
     * The stored papers holding each of {@code values} in a keyword field. Values are looked up in sorted order
     * with one terms enumerator per segment, so consecutive seeks reuse the term dictionary blocks already
     * loaded (a fresh enumerator per lookup decompresses the same blocks again and again).
     */
    static Map<String, Paper> findAll(IndexSearcher s, String field, List<String> values)
            throws IOException {
        Map<String, Paper> found = new HashMap<>();
        if (values.isEmpty() || s.getIndexReader().leaves().isEmpty()) {
            return found; // an empty index (the first batch of a first ingest) needs no sorting either
        }
        List<String> sorted = values.stream().sorted().distinct().toList();
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            Terms terms = leaf.reader().terms(field);
            if (terms == null) {
                continue;
            }
            TermsEnum te = terms.iterator();
            Bits live = leaf.reader().getLiveDocs();
            PostingsEnum postings = null;
            for (String value : sorted) {
                if (found.containsKey(value) || !te.seekExact(new BytesRef(value))) {
                    continue;
                }
                postings = te.postings(postings, PostingsEnum.NONE);
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        found.put(value, PaperDocuments.toPaper(leaf.reader().storedFields().document(doc)));
                        break;
                    }
                }
            }
        }
        return found;
    }

    /** The live document holding a keyword term, read straight from the postings (no query, no scoring). */
    static Optional<Paper> find(IndexSearcher s, Term term) throws IOException {
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            Terms terms = leaf.reader().terms(term.field());
            if (terms == null) {
                continue;
            }
            TermsEnum te = terms.iterator();
            if (!te.seekExact(term.bytes())) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            PostingsEnum postings = te.postings(null, PostingsEnum.NONE);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (live == null || live.get(doc)) {
                    Document d = leaf.reader().storedFields().document(doc);
                    return Optional.of(PaperDocuments.toPaper(d));
                }
            }
        }
        return Optional.empty();
    }
}
