package org.paperscout.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/** Exposes the highlighter's object-valued results, so passages become {@link Snippet}s, not HTML. */
final class SnippetHighlighter extends UnifiedHighlighter {
    /** The abstract of each document to highlight, by doc id; the only field highlighted. */
    private final Map<Integer, String> abstracts;

    SnippetHighlighter(Map<Integer, String> abstracts, Builder builder) {
        super(builder);
        this.abstracts = abstracts;
    }

    /**
     * Stored fields are decompressed a block at a time, so reading a card's paper and then its abstract again
     * for the snippet cost two decompressions per result; the papers are read first and their abstracts
     * handed over here.
     */
    @Override
    protected List<CharSequence[]> loadFieldValues(String[] fields, org.apache.lucene.search.DocIdSetIterator docs,
            int cacheCharsThreshold) throws IOException {
        List<CharSequence[]> values = new ArrayList<>();
        for (int doc = docs.nextDoc(); doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                doc = docs.nextDoc()) {
            values.add(new CharSequence[] {abstracts.getOrDefault(doc, "")});
        }
        return values;
    }

    /**
     * Abstracts are indexed without offsets or term vectors ({@link PaperDocuments}), so snippets always come from
     * re-analysing the text; the highlighter would otherwise merge the field infos of every segment on each page
     * to find that out.
     */
    @Override
    protected OffsetSource getOffsetSource(String field) {
        return OffsetSource.ANALYSIS;
    }

    Map<String, Object[]> highlight(String[] fields, Query query, int[] docIds, int[] maxPassages)
            throws IOException {
        return highlightFieldsAsObjects(fields, query, docIds, maxPassages);
    }
}
