package org.paperscout.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * A fixed set of papers (by id) that many topic queries are restricted to, found in the index once per segment
 * instead of once per query: a digest run asks whether each of about a thousand topics matches the same day's
 * trending papers, and looking their ids up in a million-paper index again for every topic was most of composing a
 * channel digest. Ask {@link SearchService#matchingAmong(String, PaperSubset)}.
 *
 * <p>A segment's documents never change (deletions are a separate bitset, applied where the matches are read), so
 * what an id resolves to in a segment stays true for the segment's life; a segment written since is resolved when
 * first met. Safe for concurrent use.
 */
public final class PaperSubset {

    /** Distinct ids, sorted: term dictionary seeks in order. */
    private final List<BytesRef> ids;
    /** Documents per segment core, with how many there are. */
    private final Map<Object, Resolved> segments = new ConcurrentHashMap<>();

    private record Resolved(FixedBitSet docs, int count) {
    }

    PaperSubset(Collection<String> ids) {
        List<BytesRef> sorted = new ArrayList<>();
        for (String id : new HashSet<>(ids)) {
            sorted.add(new BytesRef(id));
        }
        sorted.sort(null);
        this.ids = List.copyOf(sorted);
    }

    boolean isEmpty() {
        return ids.isEmpty();
    }

    private Resolved docs(LeafReader reader) throws IOException {
        IndexReader.CacheHelper core = reader.getCoreCacheHelper();
        if (core == null) {
            return resolve(reader);
        }
        Resolved r = segments.get(core.getKey());
        if (r == null) {
            r = resolve(reader); // a racing thread resolves the same documents
            segments.putIfAbsent(core.getKey(), r);
        }
        return r;
    }

    private Resolved resolve(LeafReader reader) throws IOException {
        FixedBitSet docs = new FixedBitSet(Math.max(1, reader.maxDoc()));
        int count = 0;
        Terms terms = reader.terms(Fields.ID);
        if (terms != null) {
            TermsEnum te = terms.iterator();
            PostingsEnum postings = null;
            for (BytesRef id : ids) {
                if (te.seekExact(id)) {
                    postings = te.postings(postings, PostingsEnum.NONE);
                    for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
                        if (!docs.getAndSet(d)) {
                            count++;
                        }
                    }
                }
            }
        }
        return new Resolved(docs, count);
    }

    /** A filter matching this subset's documents (deleted ones too, as a term query would). */
    Query query() {
        return new SubsetQuery(this);
    }

    /** Never cached by Lucene's query cache: the subset keeps its own documents, and equality is identity. */
    private static final class SubsetQuery extends Query {
        private final PaperSubset subset;

        SubsetQuery(PaperSubset subset) {
            this.subset = subset;
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
            return new ConstantScoreWeight(this, boost) {
                @Override
                public Scorer scorer(LeafReaderContext context) throws IOException {
                    Resolved r = subset.docs(context.reader());
                    if (r.count() == 0) {
                        return null;
                    }
                    return new ConstantScoreScorer(this, score(), scoreMode, new BitSetIterator(r.docs(), r.count()));
                }

                @Override
                public boolean isCacheable(LeafReaderContext ctx) {
                    return false;
                }
            };
        }

        @Override
        public void visit(QueryVisitor visitor) {
            visitor.visitLeaf(this);
        }

        @Override
        public String toString(String field) {
            return "PaperSubset(" + subset.ids.size() + " ids)";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SubsetQuery q && q.subset == subset;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(subset);
        }
    }
}
