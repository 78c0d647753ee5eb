package org.paperscout.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperIds;
import org.paperscout.ops.Telemetry;

/**
 * Search as commands use it: safe parsing of untrusted queries, paging, snippets, paper lookup, more-like-this
 * and title suggestions, with a bounded cache of result pages that is emptied whenever the index changes.
 */
public final class SearchService {

    /** Paging deeper than this is refused: nobody reads page 200, and deep pages cost memory. */
    static final int MAX_OFFSET = 1_000;
    static final Sort NEWEST = new Sort(
            new SortField(Fields.PUBLISHED, SortField.Type.LONG, true),
            new SortField(Fields.ID_SORT, SortField.Type.STRING));
    private static final Sort BY_ID = new Sort(new SortField(Fields.ID_SORT, SortField.Type.STRING));

    private final PaperIndex index;
    private final QueryParsing parsing;
    private final TextQueries textQueries;
    private final ProfileQueries profile;
    private final Analyzer wordAnalyzer = new StandardAnalyzer();
    private final Cache<SearchRequest, SearchPage> cache;
    private final PageRunner pages;
    /** Null when semantic search is off: BM25 only. */
    private final SemanticSearch semantic;
    /** For /similar: the vectors rank, more-like-this only nudges near-ties (and answers when there is no vector). */
    private static final HybridRanker SIMILAR_RANKER = new HybridRanker(60, 0.25f, 1.0f);

    private volatile Telemetry telemetry = Telemetry.OFF;

    public SearchService(PaperIndex index, SearchConfig config) {
        this(index, config, null);
    }

    /** With {@code semantic} not null, relevance searches and /similar fuse BM25 with vector neighbours. */
    public SearchService(PaperIndex index, SearchConfig config, SemanticSearch semantic) {
        this.index = index;
        this.semantic = semantic;
        this.parsing = new QueryParsing(index.analyzer());
        this.textQueries = new TextQueries(index.analyzer());
        this.profile = new ProfileQueries(index, parsing);
        this.pages = new PageRunner(index, semantic, config.timeout().toMillis());
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.cacheSize())
                .expireAfterWrite(config.cacheTtl())
                .build();
        index.onChange(cache::invalidateAll);
    }

    /**
     * Runs one relevance search (ranking, the five cards' stored fields, snippets) for nobody: no cache entry, no
     * metrics. Started on a thread of its own while the rest of the bot is built, it loads and initialises the search
     * path's classes and reads the index structures every query touches, which the first user's query otherwise
     * waits for (on a 1,000,000-paper index that first query took a third of the start-up).
     */
    public void warmUp() {
        try {
            Query parsed = parsing.parse(QueryParsing.normalise("learning model data"));
            SearchRequest request = new SearchRequest("learning model data", null, SortOrder.RELEVANCE, 0, 5);
            index.search(s -> pages.run(s, parsed, request, false));
        } catch (RuntimeException e) {
            // nothing to warm (an empty index, a closed one): the first real query pays as before
        }
    }

    /** Throws a {@link QueryRejected} with a friendly message when {@code query} is not a valid search. */
    public void checkQuery(String query) {
        String normalised = QueryParsing.normalise(query);
        if (QueryParsing.withinLimits(normalised)) {
            parsing.parse(normalised);
        } else {
            TextQueries.checkLength(normalised);
        }
    }

    /** Whether {@code query} is within the limits of a short search (300 characters, 32 words). */
    public static boolean isShortQuery(String query) {
        return QueryParsing.withinLimits(QueryParsing.normalise(query));
    }

    /** Runs a search; bad queries throw a {@link QueryRejected} saying what to type instead. */
    /** Times every search into {@code metrics} from now on (off until called). */
    public void observe(Telemetry metrics) {
        this.telemetry = metrics;
    }

    public SearchPage search(SearchRequest request) {
        long start = System.nanoTime();
        String normalised = QueryParsing.normalise(request.query());
        if (request.offset() > MAX_OFFSET) {
            throw QueryRejected.keyed("query.page-too-far");
        }
        SearchRequest key = new SearchRequest(normalised, request.since(), request.sort(), request.offset(),
                request.limit());
        SearchPage cached = cache.getIfPresent(key);
        if (cached != null) {
            telemetry.search(System.nanoTime() - start, true);
            return cached;
        }
        // A page answered while the model still loads lacks the vector half: it must not outlive the loading. Once
        // the model is known to be gone, BM25 pages are final again.
        boolean cacheable = vectorsOff() || semantic.ready();
        boolean likeText = !QueryParsing.withinLimits(normalised);
        // Parsed before the searcher is acquired, so a bad query costs nothing.
        Query parsed = likeText ? null : parsing.parse(normalised);
        if (likeText) {
            TextQueries.checkLength(normalised);
        }
        SearchPage page = index.search(s -> pages.run(s, parsed != null ? parsed : lexicalQuery(normalised, s), key,
                likeText));
        if (cacheable) {
            cache.put(key, page);
        }
        telemetry.search(System.nanoTime() - start, false);
        return page;
    }

    /**
     * The lexical (BM25) query for a normalised query: a short one parsed with its operators, a long one as
     * "papers like this text" from its key terms. A ranked list from it can be fused with other retrievers.
     */
    Query lexicalQuery(String normalised, IndexSearcher searcher) throws IOException {
        if (QueryParsing.withinLimits(normalised)) {
            return parsing.parse(normalised);
        }
        TextQueries.checkLength(normalised);
        return textQueries.likeText(normalised, searcher.getIndexReader());
    }

    /** A paper by arXiv id (bare, versioned or as a link), by PaperScout id, or by exact title. */
    public Optional<Paper> paper(String idOrTitle) {
        String text = QueryParsing.normalise(idOrTitle);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.startsWith(PaperIds.TITLE_HASH_PREFIX)) {
            Optional<Paper> byId = index.get(text);
            if (byId.isPresent()) {
                return byId;
            }
        }
        Optional<String> arxiv = PaperIds.findArxivId(text);
        if (arxiv.isPresent() && text.length() <= 80) {
            Optional<Paper> byArxiv = index.get(arxiv.get());
            if (byArxiv.isPresent()) {
                return byArxiv;
            }
        }
        return index.findByTitle(text);
    }

    /**
     * Papers most like the given one, never itself: its nearest vectors, with more-like-this as tie-breaker, or
     * more-like-this alone while the paper has no vector yet, or when semantic search is off (configured so, or its
     * model failed to load).
     */
    public List<Paper> similar(String paperId, int limit) {
        if (vectorsOff()) {
            return index.similar(paperId, limit);
        }
        float[] vector = vectors(List.of(paperId)).get(paperId);
        if (vector == null) {
            return index.similar(paperId, limit);
        }
        return fuseWithMoreLikeThis(vector, paperId, index.similar(paperId, similarDepth(limit)), limit);
    }

    /**
     * Papers most like a piece of free text (a message, a pasted abstract), vectors and more-like-this fused; by
     * the text's key terms alone (more-like-this) when semantic search is off.
     */
    public List<Paper> similarToText(String text, String excludeId, int limit) {
        Optional<float[]> vector = vectorsOff() ? Optional.empty() : withModel(() -> semantic.textVector(text));
        if (vector.isEmpty()) {
            return index.similarToText(text, excludeId, limit);
        }
        return fuseWithMoreLikeThis(vector.get(), excludeId,
                index.similarToText(text, excludeId, similarDepth(limit)), limit);
    }

    /**
     * True when nothing may ask the model for a vector: semantic search is configured off, or its model failed to
     * load. Both are the same words-only path, so every caller checks this one place.
     */
    private boolean vectorsOff() {
        return semantic == null || semantic.failure().isPresent();
    }

    /**
     * Runs {@code embedding}, which may wait for a model still loading; empty when that load fails meanwhile or is
     * still not done after the embedder's longest wait, so the caller answers with words instead of an error.
     * Failures of a working model still throw.
     */
    private Optional<float[]> withModel(java.util.function.Supplier<float[]> embedding) {
        try {
            return Optional.of(embedding.get());
        } catch (RuntimeException e) {
            if (semantic.failure().isPresent() || !semantic.ready()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Up to this many excluded papers are dropped from a larger kNN answer rather than filtered out. */
    private static final int UNFILTERED_EXCLUDES = 10;

    private static int similarDepth(int limit) {
        return Math.max(30, limit * 3);
    }

    private List<Paper> fuseWithMoreLikeThis(float[] vector, String excludeId, List<Paper> moreLikeThis, int limit) {
        List<ScoredId> near = nearest(vector, similarDepth(limit), null,
                excludeId == null ? List.of() : List.of(excludeId));
        List<ScoredId> fused = SIMILAR_RANKER.fuse(moreLikeThis.stream().map(Paper::id).toList(),
                near.stream().map(ScoredId::id).toList());
        return papers(fused.stream().limit(limit).map(ScoredId::id).toList());
    }

    // --- Vectors, for recommendations and semantic profiles -------------------------------------------

    /**
     * True when /search, /similar and recommendations use vectors: semantic search is configured on and its model
     * has not failed to load (it may still be loading).
     */
    public boolean semanticEnabled() {
        return !vectorsOff();
    }

    /**
     * Why semantic search is off although configured on (its model failed to load, in a few words); empty when it
     * is on, still loading, or configured off.
     */
    public Optional<String> semanticFailure() {
        return semantic == null ? Optional.empty() : semantic.failure();
    }

    /**
     * The embedding of a query as /search would compute it (cached), when semantic search is on; waits for a model
     * still loading, and is empty when that load fails.
     */
    public Optional<float[]> queryVector(String query) {
        return vectorsOff() ? Optional.empty()
                : withModel(() -> semantic.queryVector(QueryParsing.normalise(query)));
    }

    /** The stored vectors of the given papers (unit length); papers without one yet are absent. */
    public Map<String, float[]> vectors(java.util.Collection<String> ids) {
        return index.search(s -> IndexVectors.read(s, ids));
    }

    /**
     * The {@code k} papers whose vectors are nearest to {@code vector} (a unit vector, e.g. a profile centroid),
     * best first, scored {@code (1 + cosine) / 2}; only papers published on or after {@code since} (when not
     * null), never those in {@code excludeIds}.
     */
    public List<ScoredId> nearest(float[] vector, int k, LocalDate since, java.util.Collection<String> excludeIds) {
        if (since == null && !excludeIds.isEmpty() && excludeIds.size() <= UNFILTERED_EXCLUDES) {
            // A few papers left out (/similar's own paper): ask for that many more and drop them. A filter would
            // make Lucene build a bit set by visiting every document of the index, per query: at 1,000,000
            // papers that was 4.5-7.5 ms against 1.3-1.6 ms for the whole graph search (README).
            java.util.Set<String> skip = java.util.Set.copyOf(excludeIds);
            List<ScoredId> near = index.search(s -> SemanticSearch.nearest(s, vector, k + skip.size(), null, 0f));
            return near.stream().filter(h -> !skip.contains(h.id())).limit(k).toList();
        }
        List<Query> extra = new ArrayList<>();
        if (since != null) {
            extra.add(LongPoint.newRangeQuery(Fields.PUBLISHED, since.toEpochDay(), Long.MAX_VALUE));
        }
        Query dates = SemanticSearch.constraints(null, extra);
        BooleanQuery.Builder filter = new BooleanQuery.Builder()
                .add(dates == null ? new MatchAllDocsQuery() : dates, BooleanClause.Occur.FILTER);
        if (!excludeIds.isEmpty()) {
            filter.add(new org.apache.lucene.search.TermInSetQuery(Fields.ID,
                    excludeIds.stream().map(org.apache.lucene.util.BytesRef::new).toList()),
                    BooleanClause.Occur.MUST_NOT);
        }
        Query built = filter.build();
        return index.search(s -> SemanticSearch.nearest(s, vector, k, built, 0f));
    }

    /** How many papers have vectors, when semantic search is on (see {@link #semanticFailure()} when it is not). */
    public Optional<SemanticProgress> semanticProgress() {
        return vectorsOff() ? Optional.empty() : Optional.of(index.search(IndexVectors::progress));
    }

    /**
     * Titles for autocomplete: every typed word must appear in the title, the last one as a prefix, so both
     * "memoriz" and "goldfish mem" find their papers; titles that start with the typed text come first.
     */
    public List<Paper> suggestTitles(String partial, int limit) {
        String norm = PaperIds.normaliseTitle(partial == null ? "" : partial);
        List<String> words = words(norm);
        if (words.isEmpty()) {
            return index.search(s -> papers(s, new MatchAllDocsQuery(), NEWEST, limit));
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (int i = 0; i < words.size() - 1; i++) {
            q.add(new TermQuery(new Term(Fields.TITLE_WORDS, words.get(i))), BooleanClause.Occur.MUST);
        }
        q.add(new PrefixQuery(new Term(Fields.TITLE_WORDS, words.get(words.size() - 1))), BooleanClause.Occur.MUST);
        q.add(new BoostQuery(new PrefixQuery(new Term(Fields.TITLE_NORM, norm)), 10f), BooleanClause.Occur.SHOULD);
        Query query = q.build();
        return index.search(s -> papers(s, query, PaperIndex.RELEVANCE, limit));
    }

    PaperIndex index() {
        return index;
    }

    ProfileQueries profileQueries() {
        return profile;
    }

    public int paperCount() {
        return index.size();
    }

    /** All papers, in id order, {@code limit} at most (for evaluation and digests over small indexes). */
    public List<Paper> allPapers(int limit) {
        return index.search(s -> papers(s, new MatchAllDocsQuery(), BY_ID, limit));
    }

    // --- Reads for recommendations and trending (ids and scores, no stored documents) -----------------

    /** The ids among {@code ids} that match {@code query} (parsed like /search). */
    public java.util.Set<String> matchingAmong(String query, java.util.Collection<String> ids) {
        return profile.matchingAmong(query, ids);
    }

    /**
     * Papers to ask {@link #matchingAmong(String, PaperSubset)} about many times (a day's trending papers, one topic
     * after another): their ids are found in the index once, not once per question.
     */
    public PaperSubset subset(java.util.Collection<String> ids) {
        return new PaperSubset(ids);
    }

    /** The papers of {@code subset} that match {@code query} (parsed like /search). */
    public java.util.Set<String> matchingAmong(String query, PaperSubset subset) {
        return profile.matchingAmong(query, subset);
    }

    /** Date and upvotes of every paper published on or after {@code since}, newest first, at most {@code limit}. */
    public List<PaperStats> publishedSince(LocalDate since, int limit) {
        return profile.publishedSince(since, limit);
    }

    /**
     * The papers matching {@code topic} published from {@code first} to {@code last} inclusive (at most
     * {@code cap}) and their {@code topAuthors} most frequent authors.
     */
    public TopicActivity topicActivity(String topic, LocalDate first, LocalDate last, int cap, int topAuthors) {
        return profile.topicActivity(topic, first, last, cap, topAuthors);
    }

    /** The papers with the most upstream votes, ties by id. */
    public List<PaperStats> mostUpvoted(int limit) {
        return profile.mostUpvoted(limit);
    }

    /** Date and upvotes of the given papers, by id; ids not in the index are absent. */
    public Map<String, PaperStats> stats(java.util.Collection<String> ids) {
        return profile.stats(ids);
    }

    /** The given papers in the given order; ids not in the index are skipped. */
    public List<Paper> papers(java.util.Collection<String> ids) {
        List<Paper> out = new ArrayList<>();
        for (String id : ids) {
            index.get(id).ifPresent(out::add);
        }
        return out;
    }

    /** Analysed term counts of a paper's title and abstract (stemmed, stop words out), for text similarity. */
    public Map<String, Integer> terms(Paper paper) {
        return profile.terms(paper.title(), paper.abstractText());
    }

    private static List<Paper> papers(IndexSearcher s, Query q, Sort sort, int limit) throws IOException {
        TopDocs top = s.search(q, Math.max(1, limit), sort, false);
        List<Paper> out = new ArrayList<>();
        for (ScoreDoc sd : top.scoreDocs) {
            out.add(PaperDocuments.toPaper(s.storedFields().document(sd.doc)));
        }
        return out;
    }

    private List<String> words(String text) {
        return Tokens.list(wordAnalyzer, Fields.TITLE_WORDS, text, QueryParsing.MAX_TERMS);
    }
}
