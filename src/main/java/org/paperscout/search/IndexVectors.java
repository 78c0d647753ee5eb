package org.paperscout.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.paperscout.catalog.Paper;

/** Reads of the vector field: which papers have one, their vectors, and nearest neighbours. */
final class IndexVectors {

    /**
     * HNSW (16 links, beam 100) over 7-bit scalar-quantized vectors: the part searched in memory is a quarter
     * of float32 (384 dims: about 0.4 GB of vectors and 0.1 GB of graph per 1,000,000 papers). The float
     * vectors stay on disk for merges and exact reads. Only the per-field format differs from the default
     * codec, and segments record that format's name, so the default codec reads the index back (segments written
     * during a whole-index backfill name {@link FlatVectorsDuringBackfill}, found through Lucene's SPI).
     */
    private static final KnnVectorsFormat QUANTIZED_HNSW = new Lucene99HnswScalarQuantizedVectorsFormat(16, 100, 1, 7,
            false, null, null);
    private static final KnnVectorsFormat QUANTIZED_FLAT = new FlatVectorsDuringBackfill();

    static final Codec CODEC = codec(() -> false);

    /**
     * The codec, writing segments without a graph ({@link FlatVectorsDuringBackfill}) while {@code flat} says so.
     * Lucene asks for the format when a segment's vector field is first written (a flush) and when segments merge.
     */
    static Codec codec(BooleanSupplier flat) {
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return flat.getAsBoolean() ? QUANTIZED_FLAT : QUANTIZED_HNSW;
            }
        };
    }

    static final int MIN_BEAM = 50;
    private static final Sort BY_ID = new Sort(new SortField(Fields.ID_SORT, SortField.Type.STRING));

    private IndexVectors() {
    }

    static Query hasVector() {
        return new FieldExistsQuery(Fields.VECTOR);
    }

    /** How many papers have a vector, and how many there are. */
    static SemanticProgress progress(IndexSearcher s) throws IOException {
        return new SemanticProgress(s.count(hasVector()), s.getIndexReader().numDocs());
    }

    /** Up to {@code limit} papers without a vector whose id sorts after {@code afterId} (null: from the start). */
    static List<Paper> missing(IndexSearcher s, String afterId, int limit) throws IOException {
        BooleanQuery.Builder q = new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                .add(hasVector(), BooleanClause.Occur.MUST_NOT);
        if (afterId != null) {
            q.add(TermRangeQuery.newStringRange(Fields.ID, afterId, null, false, true), BooleanClause.Occur.FILTER);
        }
        TopDocs top = s.search(q.build(), limit, BY_ID, false);
        List<Paper> out = new ArrayList<>();
        for (ScoreDoc sd : top.scoreDocs) {
            out.add(PaperDocuments.toPaper(s.storedFields().document(sd.doc)));
        }
        return out;
    }

    /** The stored vectors of the given papers; papers without one are absent. */
    static Map<String, float[]> read(IndexSearcher s, Collection<String> ids) throws IOException {
        Map<Integer, String> idOf = new HashMap<>();
        List<String> sorted = ids.stream().sorted().distinct().toList();
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            Terms terms = leaf.reader().terms(Fields.ID);
            if (terms == null || sorted.isEmpty()) {
                continue;
            }
            TermsEnum te = terms.iterator();
            Bits live = leaf.reader().getLiveDocs();
            PostingsEnum postings = null;
            for (String id : sorted) {
                if (!te.seekExact(new BytesRef(id))) {
                    continue;
                }
                postings = te.postings(postings, PostingsEnum.NONE);
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        idOf.put(leaf.docBase + doc, id);
                    }
                }
            }
        }
        Map<String, float[]> out = new HashMap<>();
        readDocs(s, idOf.keySet()).forEach((doc, vector) -> out.put(idOf.get(doc), vector));
        return out;
    }

    /** The stored vectors of the given Lucene doc ids (top-level); docs without one are absent. */
    static Map<Integer, float[]> readDocs(IndexSearcher s, Collection<Integer> docs) throws IOException {
        Map<Integer, float[]> out = new HashMap<>();
        List<Integer> sorted = docs.stream().sorted().distinct().toList();
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        int at = 0;
        while (at < sorted.size()) {
            LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(sorted.get(at), leaves));
            int end = leaf.docBase + leaf.reader().maxDoc();
            FloatVectorValues values = leaf.reader().getFloatVectorValues(Fields.VECTOR);
            // Vector values only move forward: the leaf's docs are visited in order.
            for (; at < sorted.size() && sorted.get(at) < end; at++) {
                int doc = sorted.get(at) - leaf.docBase;
                if (values != null && (values.docID() >= doc ? values.docID() : values.advance(doc)) == doc) {
                    out.put(sorted.get(at), values.vectorValue().clone());
                }
            }
        }
        return out;
    }

    /**
     * The {@code k} papers nearest to {@code vector} among those matching {@code filter} (null: all), best
     * first, as Lucene doc ids with scores ({@code (1 + cosine) / 2}).
     */
    static TopDocs nearest(IndexSearcher s, float[] vector, int k, Query filter) throws IOException {
        // Lucene's k is also the HNSW search beam: a beam of 5 misses true neighbours often, so the graph is
        // always searched with a beam of at least MIN_BEAM and the answer cut to k.
        int beam = Math.max(MIN_BEAM, k);
        TopDocs top = s.search(new KnnFloatVectorQuery(Fields.VECTOR, vector, beam, filter), beam);
        if (top.scoreDocs.length > k) {
            top = new TopDocs(top.totalHits, java.util.Arrays.copyOf(top.scoreDocs, Math.max(1, k)));
        }
        return top;
    }

    /**
     * A hit's paper id from the id's doc values: a fusion looks up 200 candidates per search, and reading
     * stored fields would decompress a block for each.
     */
    static String id(IndexSearcher s, int doc) throws IOException {
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
        org.apache.lucene.index.SortedDocValues ids = leaf.reader().getSortedDocValues(Fields.ID_SORT);
        if (ids == null || !ids.advanceExact(doc - leaf.docBase)) {
            return s.storedFields().document(doc, java.util.Set.of(Fields.ID)).get(Fields.ID);
        }
        return ids.lookupOrd(ids.ordValue()).utf8ToString();
    }

}
