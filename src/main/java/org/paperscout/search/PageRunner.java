package org.paperscout.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.paperscout.catalog.Paper;

/**
 * Runs one {@code /search} page on a searcher: BM25 alone (relevance or newest first) or fused with the vectors, then
 * the page's stored fields and snippets. {@link SearchService} parses, caches and counts around it.
 */
final class PageRunner {

    private final PaperIndex index;
    /** Null when semantic search is off: BM25 only. */
    private final SemanticSearch semantic;
    private final long timeoutMillis;

    PageRunner(PaperIndex index, SemanticSearch semantic, long timeoutMillis) {
        this.index = index;
        this.semantic = semantic;
        this.timeoutMillis = timeoutMillis;
    }

    SearchPage run(IndexSearcher shared, Query parsed, SearchRequest request, boolean likeText)
            throws IOException {
        // A private searcher per call, so the timeout applies to this search only.
        IndexSearcher searcher = new IndexSearcher(shared.getIndexReader());
        searcher.setTimeout(new QueryTimeoutImpl(timeoutMillis));
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(parsed, BooleanClause.Occur.MUST);
        if (request.since() != null) {
            query.add(LongPoint.newRangeQuery(Fields.PUBLISHED, request.since().toEpochDay(), Long.MAX_VALUE),
                    BooleanClause.Occur.FILTER);
        }
        Query full = query.build();
        if (semantic != null && semantic.ready() && request.sort() == SortOrder.RELEVANCE) {
            return runHybrid(searcher, parsed, full, request, likeText);
        }
        Sort sort = request.sort() == SortOrder.NEWEST ? SearchService.NEWEST : PaperIndex.RELEVANCE;
        TopDocs top = searcher.search(full, request.offset() + request.limit(), sort, true);
        ScoreDoc[] all = top.scoreDocs;
        int from = Math.min(request.offset(), all.length);
        int[] docIds = new int[all.length - from];
        for (int i = from; i < all.length; i++) {
            docIds[i - from] = all[i].doc;
        }
        float[] scores = new float[docIds.length];
        for (int i = 0; i < docIds.length; i++) {
            scores[i] = all[from + i].score;
        }
        return new SearchPage(hits(searcher, parsed, docIds, scores), top.totalHits.value,
                top.totalHits.relation == TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO, likeText);
    }

    /**
     * BM25 top candidates and kNN top candidates (under the query's +/- constraints and date filter) fused by
     * rank; snippets still come from the highlighter, so a vector-only hit shows its abstract's opening.
     */
    private SearchPage runHybrid(IndexSearcher searcher, Query parsed, Query full, SearchRequest request,
            boolean likeText)
            throws IOException {
        int depth = Math.max(SemanticSearch.CANDIDATES, request.offset() + request.limit());
        List<Query> extra = request.since() == null ? List.of()
                : List.of(LongPoint.newRangeQuery(Fields.PUBLISHED, request.since().toEpochDay(), Long.MAX_VALUE));
        Query constraints = SemanticSearch.constraints(parsed, extra);
        // Both sides obey the constraints: in an OR query the parser leaves "-word" optional, so BM25 alone would
        // still return papers containing it.
        Query lexicalQuery = constraints == null ? full : new BooleanQuery.Builder()
                .add(full, BooleanClause.Occur.MUST).add(constraints, BooleanClause.Occur.FILTER).build();
        TopDocs lexical = searcher.search(lexicalQuery, depth, PaperIndex.RELEVANCE, false);
        Map<String, Integer> docOf = new java.util.HashMap<>();
        List<ScoredId> lexicalHits = new ArrayList<>();
        for (ScoreDoc sd : lexical.scoreDocs) {
            String id = IndexVectors.id(searcher, sd.doc);
            // Sorted by relevance without doc scores: the BM25 score is the sort's first field.
            float score = sd instanceof FieldDoc fd && fd.fields[0] instanceof Float f ? f : sd.score;
            lexicalHits.add(new ScoredId(id, score));
            docOf.put(id, sd.doc);
        }
        float[] queryVector = semantic.queryVector(request.query());
        TopDocs knn = IndexVectors.nearest(searcher, queryVector, depth, constraints);
        List<ScoredId> vectorHits = new ArrayList<>();
        for (ScoreDoc sd : knn.scoreDocs) {
            String id = IndexVectors.id(searcher, sd.doc);
            // A paper the words found keeps its closeness in meaning however low; one found by meaning alone
            // must be close enough to be more than noise.
            if (sd.score >= SemanticSearch.MIN_VECTOR_SCORE || docOf.containsKey(id)) {
                vectorHits.add(new ScoredId(id, 2 * sd.score - 1)); // Lucene's COSINE score is (1 + cos) / 2
                docOf.putIfAbsent(id, sd.doc);
            }
        }
        List<ScoredId> fused = withFeedback(searcher, queryVector, lexicalHits, docOf,
                semantic.fusion().fuse(lexicalHits, vectorHits));
        int from = Math.min(request.offset(), fused.size());
        int to = Math.min(fused.size(), request.offset() + request.limit());
        int[] docIds = new int[to - from];
        for (int i = from; i < to; i++) {
            docIds[i - from] = docOf.get(fused.get(i).id());
        }
        float[] scores = new float[docIds.length];
        for (int i = from; i < to; i++) {
            scores[i - from] = fused.get(i).score();
        }
        List<SearchHit> hits = hits(searcher, parsed, docIds, scores);
        long lexicalTotal = lexical.totalHits.value;
        boolean more = lexical.totalHits.relation == TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO;
        return new SearchPage(hits, Math.max(lexicalTotal, fused.size()), more && lexicalTotal >= fused.size(),
                likeText);
    }

    /**
     * The fusion again with every candidate's closeness to the query moved towards its first papers
     * ({@link MeaningFeedback}): candidates are those either side found, each now with its own cosine. A paper found
     * by meaning alone must still be close enough to be more than noise.
     */
    private List<ScoredId> withFeedback(IndexSearcher searcher, float[] queryVector, List<ScoredId> lexicalHits,
            Map<String, Integer> docOf, List<ScoredId> fused) throws IOException {
        Map<Integer, float[]> vectors = IndexVectors.readDocs(searcher, docOf.values());
        List<float[]> leaders = new ArrayList<>();
        for (ScoredId s : fused.subList(0, Math.min(MeaningFeedback.DEFAULT.top(), fused.size()))) {
            float[] v = vectors.get(docOf.get(s.id()));
            if (v != null) {
                leaders.add(v);
            }
        }
        if (leaders.isEmpty()) {
            return fused;
        }
        float[] moved = MeaningFeedback.DEFAULT.expand(queryVector, leaders);
        java.util.Set<String> byWords = new java.util.HashSet<>();
        lexicalHits.forEach(h -> byWords.add(h.id()));
        float minCosine = 2 * SemanticSearch.MIN_VECTOR_SCORE - 1;
        List<ScoredId> vectorHits = new ArrayList<>();
        for (Map.Entry<String, Integer> e : docOf.entrySet()) {
            float[] v = vectors.get(e.getValue());
            if (v != null) {
                float cosine = (float) Embedder.cosine(moved, v);
                if (cosine >= minCosine || byWords.contains(e.getKey())) {
                    vectorHits.add(new ScoredId(e.getKey(), cosine));
                }
            }
        }
        return semantic.fusion().fuse(lexicalHits, vectorHits);
    }

    /** The page's hits: stored fields, scores and snippets of the given docs, in order. */
    private List<SearchHit> hits(IndexSearcher searcher, Query parsed, int[] docIds, float[] scores)
            throws IOException {
        Paper[] papers = papers(searcher, docIds);
        Object[] snippets = snippets(searcher, parsed, docIds, papers);
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 0; i < docIds.length; i++) {
            Snippet snippet = snippets[i] instanceof Snippet sn ? sn : Snippet.EMPTY;
            hits.add(new SearchHit(papers[i], scores[i], snippet));
        }
        return hits;
    }

    private static Paper[] papers(IndexSearcher searcher, int[] docIds) throws IOException {
        Paper[] papers = new Paper[docIds.length];
        for (int i = 0; i < docIds.length; i++) {
            papers[i] = PaperDocuments.toPaper(searcher.storedFields().document(docIds[i]));
        }
        return papers;
    }

    /** Snippets of the given papers' abstracts, which are already loaded: the highlighter need not read them again. */
    private Object[] snippets(IndexSearcher searcher, Query query, int[] docIds, Paper[] papers) throws IOException {
        if (docIds.length == 0) {
            return new Object[0];
        }
        Map<Integer, String> abstracts = new java.util.HashMap<>();
        for (int i = 0; i < docIds.length; i++) {
            abstracts.put(docIds[i], papers[i].abstractText() == null ? "" : papers[i].abstractText());
        }
        SnippetHighlighter highlighter = new SnippetHighlighter(abstracts, UnifiedHighlighter.builder(searcher,
                index.analyzer())
                .withFormatter(new SnippetFormatter())
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        java.text.BreakIterator.getSentenceInstance(java.util.Locale.ROOT), 160, 0.5f))
                .withMaxNoHighlightPassages(1));
        int[] maxPassages = new int[] {2};
        Map<String, Object[]> byField = highlighter.highlight(new String[] {Fields.ABSTRACT}, query, docIds,
                maxPassages);
        return byField.get(Fields.ABSTRACT);
    }
}
