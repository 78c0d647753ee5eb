package org.paperscout.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * The vector half of search: query embeddings (cached), kNN under the lexical query's constraints, and the
 * fusion settings. {@link SearchService} runs it beside BM25 when semantic search is on.
 */
public final class SemanticSearch {

    /** How many candidates each side contributes to the fusion: deeper than any page anyone reads. */
    static final int CANDIDATES = 50;
    /**
     * A vector-only hit must be at least this close ({@code (1 + cosine) / 2}); below it the nearest papers to a
     * query that means nothing (typos, gibberish) would still fill the page.
     */
    static final float MIN_VECTOR_SCORE = 0.62f;

    private final Embedder embedder;
    private final ScoreFusion fusion;
    private final Cache<String, float[]> queryVectors;

    /**
     * @param queryCacheSize how many query embeddings to keep; a repeated query (paging, the same topic in many
     *                       digests) costs no model run
     */
    public SemanticSearch(Embedder embedder, ScoreFusion fusion, int queryCacheSize) {
        this.embedder = embedder;
        this.fusion = fusion;
        this.queryVectors = Caffeine.newBuilder().maximumSize(queryCacheSize).build();
    }

    /** Whether a query can be embedded now, without waiting for the model to load. */
    boolean ready() {
        return embedder.ready();
    }

    /** Why the model will never answer, once it failed to load: semantic search is then off for good. */
    java.util.Optional<String> failure() {
        return embedder.failure();
    }

    Embedder embedder() {
        return embedder;
    }

    ScoreFusion fusion() {
        return fusion;
    }

    /** The embedding of a search query (normalised text), from the cache when asked before. */
    public float[] queryVector(String query) {
        return queryVectors.get(query, embedder::embedQuery);
    }

    /** The embedding of a document-like text (a pasted abstract, a message), not cached. */
    public float[] textVector(String text) {
        return embedder.embed(List.of(text))[0];
    }

    /**
     * The filter the kNN search runs under: the parsed query's required ({@code +word}, phrases with +) and
     * excluded ({@code -word}) clauses, and {@code extra} (dates, ids), so vector results obey the same
     * operators as BM25 ones. Null when there is nothing to filter.
     */
    static Query constraints(Query parsed, List<Query> extra) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean positive = false;
        boolean any = false;
        if (parsed instanceof BooleanQuery bq) {
            for (BooleanClause c : bq.clauses()) {
                switch (c.getOccur()) {
                    case MUST, FILTER -> {
                        b.add(c.getQuery(), BooleanClause.Occur.FILTER);
                        positive = true;
                        any = true;
                    }
                    case MUST_NOT -> {
                        b.add(c.getQuery(), BooleanClause.Occur.MUST_NOT);
                        any = true;
                    }
                    default -> {
                        Query negated = negated(c.getQuery());
                        if (negated != null) {
                            b.add(negated, BooleanClause.Occur.MUST_NOT);
                            any = true;
                        }
                    }
                }
            }
        }
        for (Query q : extra) {
            b.add(q, BooleanClause.Occur.FILTER);
            positive = true;
            any = true;
        }
        if (!any) {
            return null;
        }
        if (!positive) {
            b.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    /**
     * The query {@code q} excludes, when it is a pure negation: the simple query parser turns "-word" in an
     * OR query into an optional clause {@code (-word *:*)}, which excludes nothing by itself.
     */
    private static Query negated(Query q) {
        if (!(q instanceof BooleanQuery bq)) {
            return null;
        }
        Query excluded = null;
        for (BooleanClause c : bq.clauses()) {
            if (c.getOccur() == BooleanClause.Occur.MUST_NOT && excluded == null) {
                excluded = c.getQuery();
            } else if (!(c.getQuery() instanceof MatchAllDocsQuery)) {
                return null;
            }
        }
        return excluded;
    }

    static Query notId(String id) {
        return new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(Fields.ID, id)), BooleanClause.Occur.MUST_NOT)
                .build();
    }

    /** kNN hits as paper ids, best first; with {@code minScore}, hits below it are dropped. */
    static List<ScoredId> nearest(IndexSearcher s, float[] vector, int k, Query filter, float minScore)
            throws IOException {
        TopDocs top = IndexVectors.nearest(s, vector, k, filter);
        List<ScoredId> out = new ArrayList<>();
        for (ScoreDoc sd : top.scoreDocs) {
            if (sd.score >= minScore) {
                out.add(new ScoredId(IndexVectors.id(s, sd.doc), sd.score));
            }
        }
        return out;
    }
}
