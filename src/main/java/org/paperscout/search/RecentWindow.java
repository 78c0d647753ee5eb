package org.paperscout.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.Closeable;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.paperscout.catalog.Paper;
import org.paperscout.util.DaemonThreads;

/**
 * The recent papers recommendations are drawn from, copied into a small in-memory Lucene index with the same
 * fields and analysis as the main one. Dozens of profile queries per /recommend then run over thousands of
 * documents instead of a million: on the main index each topic would be a conjunction with a date filter whose
 * cost grows with the index, here it is a plain query on a tiny one. BM25 statistics are the window's own, so
 * a word is distinctive when it is rare among recent papers.
 *
 * <p>The window is papers published on or after a day; when that holds fewer than asked (undated seeds, a
 * quiet fortnight) it is widened to the newest papers of the whole index, up to the size limit. A snapshot is
 * rebuilt when the main index changes or the day moves: in the background while an older one keeps serving,
 * or at once when there is none.
 */
public final class RecentWindow implements Closeable {

    /** Query results cached per snapshot (topics, authors, categories, more-like-this). */
    static final int RESULT_CACHE_SIZE = 20_000;
    /**
     * Topic matches (a card's "why") cached per snapshot: a digest run explains the same few hundred topics on the
     * same few thousand papers for 100,000 users, and each match re-analyses a whole abstract. An entry is a few
     * words.
     */
    static final int TOPIC_MATCH_CACHE_SIZE = 200_000;
    /** How often a snapshot at most reads the vectors its papers gained (during a backfill, every second or so). */
    static final long VECTOR_REFRESH_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    /** Result-cache keys of lists found by meaning, dropped when the snapshot gains vectors. */
    private static final String MEANING_KEY = "v";

    private final PaperIndex index;
    private final ProfileQueries main;
    private final int maxPapers;
    private final AtomicLong generation = new AtomicLong();
    /** Bumped when vectors are added without a text change (the backfill embedding papers a moment after ingest). */
    private final AtomicLong vectorGeneration = new AtomicLong();
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    private final ExecutorService builder = Executors.newSingleThreadExecutor(
            DaemonThreads.named("recent-window"));
    private volatile Snapshot current;

    /** @param maxPapers the most papers a window holds (a month on a million-paper index is about 12,000) */
    public RecentWindow(SearchService search, int maxPapers) {
        this.index = search.index();
        this.main = search.profileQueries();
        this.maxPapers = maxPapers;
        index.onChange(generation::incrementAndGet);
        index.onVectorsAdded(vectorGeneration::incrementAndGet);
    }

    /**
     * The window of papers published on or after {@code since}, widened to the newest papers when it holds
     * fewer than {@code minPapers}. May be a slightly stale snapshot while a newer one is being built.
     */
    public Snapshot snapshot(LocalDate since, int minPapers) {
        Snapshot s = current;
        long gen = generation.get();
        if (s == null || s.minPapers != minPapers) {
            s = build(since, minPapers, gen);
            current = s;
            return s;
        }
        // A new day or a changed index: yesterday's window keeps serving for the second a rebuild takes.
        if ((s.generation != gen || !s.since.equals(since)) && rebuilding.compareAndSet(false, true)) {
            builder.execute(() -> {
                try {
                    current = build(since, minPapers, generation.get());
                } finally {
                    rebuilding.set(false);
                }
            });
        } else if (s.vectorsDue(vectorGeneration.get()) && rebuilding.compareAndSet(false, true)) {
            // Papers embedded since the snapshot was built (a new paper's vector comes a moment after it): only
            // their vectors are read, at most every VECTOR_REFRESH_NANOS.
            Snapshot stale = s;
            builder.execute(() -> {
                try {
                    stale.addVectors(index, vectorGeneration.get());
                } finally {
                    rebuilding.set(false);
                }
            });
        }
        return s;
    }

    /** Builds the snapshot now, waiting for it (tests, and the benchmark's build-time figure). */
    public Snapshot rebuild(LocalDate since, int minPapers) {
        Snapshot s = build(since, minPapers, generation.get());
        current = s;
        return s;
    }

    private Snapshot build(LocalDate since, int minPapers, long gen) {
        long vectorGen = vectorGeneration.get();
        List<PaperStats> recent = main.publishedSince(since, maxPapers);
        boolean widened = recent.size() < minPapers;
        List<Paper> papers = widened ? newest() : load(recent.stream().map(PaperStats::id).toList());
        try {
            ByteBuffersDirectory dir = new ByteBuffersDirectory();
            Analyzer analyzer = PaperAnalyzers.create();
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer).setRAMBufferSizeMB(64))) {
                for (Paper p : papers) {
                    w.addDocument(PaperDocuments.toDocument(p));
                }
                w.forceMerge(1); // one segment: per-query overhead is per segment
            }
            // Not closed when replaced: it lives on the heap only (no files), and a request may still be
            // reading it; the garbage collector reclaims it with the snapshot.
            DirectoryReader reader = DirectoryReader.open(dir);
            Map<String, Paper> byId = new HashMap<>();
            papers.forEach(p -> byId.put(p.id(), p));
            // The window's vectors, for exact kNN over it (none while semantic search is off or not yet run).
            WindowVectors vectors = new WindowVectors(index.search(s -> IndexVectors.read(s, byId.keySet())));
            Snapshot snapshot = new Snapshot(since, minPapers, gen, widened, new IndexSearcher(reader), analyzer, byId,
                    vectors);
            snapshot.vectorGeneration = vectorGen;
            return snapshot;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Paper> newest() {
        SortField published = new SortField(Fields.PUBLISHED, SortField.Type.LONG, true);
        published.setMissingValue(Long.MIN_VALUE);
        Sort sort = new Sort(published, new SortField(Fields.ID_SORT, SortField.Type.STRING));
        return index.search(s -> {
            TopDocs top = s.search(new MatchAllDocsQuery(), Math.max(1, maxPapers), sort, false);
            List<Paper> out = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                out.add(PaperDocuments.toPaper(s.storedFields().document(sd.doc)));
            }
            return out;
        });
    }

    private List<Paper> load(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<BytesRef> terms = ids.stream().map(BytesRef::new).toList();
        return index.search(s -> {
            TopDocs top = s.search(new TermInSetQuery(Fields.ID, terms), ids.size());
            List<Paper> out = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                out.add(PaperDocuments.toPaper(s.storedFields().document(sd.doc)));
            }
            return out;
        });
    }

    @Override
    public void close() {
        builder.shutdownNow();
    }

    /** One immutable window: its papers and an index over them. Safe for concurrent use. */
    public static final class Snapshot {
        private final LocalDate since;
        private final int minPapers;
        private final long generation;
        private final boolean widened;
        private final IndexSearcher searcher;
        private final Analyzer analyzer;
        private final QueryParsing parsing;
        private final Map<String, Paper> papers;
        private volatile WindowVectors vectors;
        /** The index's vector generation these vectors were read at, and when. */
        private volatile long vectorGeneration;
        private volatile long vectorsReadAt = System.nanoTime();
        private final Map<String, Map<String, Integer>> terms = new ConcurrentHashMap<>();
        /**
         * Results per query for this snapshot's lifetime: people share topics, and a user's liked papers and
         * follows change far less often than they ask, so most queries are answered from here.
         */
        private final Cache<String, List<ScoredId>> results = Caffeine.newBuilder().maximumSize(RESULT_CACHE_SIZE)
                .build();
        /** Parsed topics (Lucene queries are immutable): every user's follows are parsed on every ranking. */
        private final Cache<String, Query> topics = Caffeine.newBuilder().maximumSize(RESULT_CACHE_SIZE).build();
        private final Cache<String, Optional<TopicMatch>> topicMatches = Caffeine.newBuilder()
                .maximumSize(TOPIC_MATCH_CACHE_SIZE).build();

        Snapshot(LocalDate since, int minPapers, long generation, boolean widened, IndexSearcher searcher,
                 Analyzer analyzer, Map<String, Paper> papers, WindowVectors vectors) {
            this.since = since;
            this.minPapers = minPapers;
            this.generation = generation;
            this.widened = widened;
            this.searcher = searcher;
            this.analyzer = analyzer;
            this.parsing = new QueryParsing(analyzer);
            // Not Map.copyOf: its open addressing puts arXiv ids (near-consecutive hashes) in long runs, about 16
            // probes a lookup over a month's window, and a digest run looks papers up tens of millions of times.
            this.papers = java.util.Collections.unmodifiableMap(new HashMap<>(papers));
            this.vectors = vectors;
        }

        /** Whether the date window held too few papers, so this is the newest of the whole index instead. */
        public boolean widened() {
            return widened;
        }

        public int size() {
            return papers.size();
        }

        /** The first publication day every paper of the window has, or null when the window was widened. */
        public LocalDate publishedFrom() {
            return widened ? null : since;
        }

        public Optional<Paper> paper(String id) {
            return Optional.ofNullable(papers.get(id));
        }

        /**
         * The {@code k} window papers nearest {@code vector} (a unit vector: a topic's or a profile's embedding),
         * best first, scored {@code (1 + cosine) / 2}, never those in {@code exclude}; exact, over the window's
         * vectors in memory ({@link WindowVectors}). Papers without a vector yet are not among them.
         */
        /** Whether vectors were added to the index since this snapshot read its own, long enough ago to look. */
        boolean vectorsDue(long latestGeneration) {
            return latestGeneration != vectorGeneration && System.nanoTime() - vectorsReadAt > VECTOR_REFRESH_NANOS;
        }

        /**
         * Reads the vectors its papers have gained since it was built (a paper is embedded a moment after it is
         * ingested, without a text change that would rebuild the window); lists by meaning are then found again.
         */
        void addVectors(PaperIndex index, long latestGeneration) {
            vectorsReadAt = System.nanoTime();
            List<String> missing = vectors.missing(papers.keySet());
            Map<String, float[]> found = missing.isEmpty() ? Map.of()
                    : index.search(s -> IndexVectors.read(s, missing));
            if (!found.isEmpty()) {
                vectors = vectors.with(found);
                results.asMap().keySet().removeIf(key -> key.startsWith(MEANING_KEY));
            }
            vectorGeneration = latestGeneration;
        }

        public List<ScoredId> nearestByMeaning(float[] vector, int k, Set<String> exclude) {
            return vectors.nearest(vector, k, exclude);
        }

        /** The stored vectors of those of {@code ids} in the window that have one. */
        public Map<String, float[]> vectors(Collection<String> ids) {
            return vectors.get(ids);
        }

        /**
         * The {@code k} papers nearest a topic's embedding, by {@code nearest} ({@link #nearestByMeaning}), once
         * per topic and snapshot: every user following the topic, in every /recommend and digest, asks for the
         * same list.
         */
        public List<ScoredId> nearestToTopic(String topic, int k, Supplier<List<ScoredId>> nearest) {
            return results.get(MEANING_KEY + k + ":" + QueryParsing.normalise(topic),
                    key -> List.copyOf(nearest.get()));
        }

        /**
         * Window papers matching a followed topic, best first: every word of it in the title or abstract
         * (operators as in /search; a bad topic throws {@link QueryRejected}).
         */
        public List<ScoredId> topic(String query, int limit) {
            String normalised = QueryParsing.normalise(query);
            Query parsed = parsedTopic(normalised);
            return results.get("t" + limit + ":" + normalised, k -> top(parsed, limit));
        }

        /** Bad topics throw {@link QueryRejected} every time, and are never cached. */
        private Query parsedTopic(String normalised) {
            return topics.get(normalised, parsing::parseTopic);
        }

        /** Which of the topic's words a paper contains, and where; empty when it has none of them. */
        public Optional<TopicMatch> topicMatch(String query, Paper paper) {
            String normalised = QueryParsing.normalise(query);
            Query parsed = parsedTopic(normalised);
            if (papers.get(paper.id()) != paper) { // another version of the paper than the window's: not cached
                return TopicWords.match(analyzer, parsed, normalised, paper);
            }
            return topicMatches.get(normalised + '\n' + paper.id(),
                    k -> TopicWords.match(analyzer, parsed, normalised, paper));
        }

        /** Window papers by this author (case, accents and punctuation ignored); all score 1. */
        public List<ScoredId> author(String name, int limit) {
            String key = PaperDocuments.authorKey(name);
            return key.isBlank() ? List.of() : results.get("a" + limit + ":" + key,
                    k -> top(new ConstantScoreQuery(new TermQuery(new Term(Fields.AUTHOR_KEY, key))), limit));
        }

        /** Whether {@code name} is one of the paper's authors, compared as {@link #author} compares them. */
        public static boolean hasAuthor(Paper paper, String name) {
            String key = PaperDocuments.authorKey(name);
            return !key.isBlank() && paper.authors().stream().anyMatch(a -> PaperDocuments.authorKey(a).equals(key));
        }

        /** Window papers in this arXiv category; all score 1. */
        public List<ScoredId> category(String code, int limit) {
            return results.get("c" + limit + ":" + code,
                    k -> top(new ConstantScoreQuery(new TermQuery(new Term(Fields.CATEGORY, code))), limit));
        }

        /** Window papers like {@code paper} (which need not be in the window), never the paper itself. */
        public List<ScoredId> moreLike(Paper paper, int limit) {
            return results.get("m" + limit + ":" + paper.id(), k -> computeMoreLike(paper, limit));
        }

        private List<ScoredId> computeMoreLike(Paper paper, int limit) {
            try {
                MoreLikeThis mlt = MoreLikeThese.over(searcher.getIndexReader(), analyzer, 1, 25);
                Query title = mlt.like(Fields.TITLE, new StringReader(paper.title()));
                Query abs = mlt.like(Fields.ABSTRACT, new StringReader(paper.abstractText()));
                Query q = new BooleanQuery.Builder()
                        .add(new BooleanQuery.Builder().add(title, BooleanClause.Occur.SHOULD)
                                .add(abs, BooleanClause.Occur.SHOULD).build(), BooleanClause.Occur.MUST)
                        .add(new TermQuery(new Term(Fields.ID, paper.id())), BooleanClause.Occur.MUST_NOT)
                        .build();
                return top(q, limit);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Window papers like the {@code positives} taken together and unlike the {@code negatives} (which may
         * be empty), never one of them; best first. See {@link LexicalProfile}.
         */
        public List<ScoredId> likeThese(List<Paper> positives, List<Paper> negatives, int limit) {
            if (positives.isEmpty()) {
                return List.of();
            }
            StringBuilder key = new StringBuilder("p" + limit);
            positives.forEach(p -> key.append('+').append(p.id()));
            negatives.forEach(p -> key.append('-').append(p.id()));
            return results.get(key.toString(), k -> {
                Map<Paper, Map<String, Integer>> pos = new java.util.LinkedHashMap<>();
                positives.forEach(p -> pos.put(p, ProfileQueries.terms(analyzer, p.title(), p.abstractText())));
                Map<Paper, Map<String, Integer>> neg = new java.util.LinkedHashMap<>();
                negatives.forEach(p -> neg.put(p, ProfileQueries.terms(analyzer, p.title(), p.abstractText())));
                Query profile = LexicalProfile.query(searcher.getIndexReader(), pos, neg);
                if (profile == null) {
                    return List.of();
                }
                BooleanQuery.Builder q = new BooleanQuery.Builder().add(profile, BooleanClause.Occur.MUST);
                positives.forEach(p -> q.add(new TermQuery(new Term(Fields.ID, p.id())), BooleanClause.Occur.MUST_NOT));
                negatives.forEach(p -> q.add(new TermQuery(new Term(Fields.ID, p.id())), BooleanClause.Occur.MUST_NOT));
                return top(q.build(), limit);
            });
        }

        /**
         * The ids among {@code ids} that match {@code query} like /search does, any word sufficing (an excluded
         * topic keeps out whatever touches it); a bad query throws {@link QueryRejected}.
         */
        public Set<String> matching(String query, Collection<String> ids) {
            String normalised = QueryParsing.normalise(query);
            Query parsed = parsing.parse(normalised);
            int limit = papers.size() + 1;
            Set<String> wanted = new HashSet<>(ids);
            Set<String> out = new HashSet<>();
            for (ScoredId s : results.get("o:" + normalised, k -> top(parsed, limit))) {
                if (wanted.contains(s.id())) {
                    out.add(s.id());
                }
            }
            return out;
        }

        /** Analysed term counts of a window paper's title and abstract (cached), for text similarity. */
        public Map<String, Integer> terms(String id) {
            Paper p = papers.get(id);
            if (p == null) {
                return Map.of();
            }
            Map<String, Integer> counted = terms.get(id); // a plain read first: computeIfAbsent may lock on a hit
            return counted != null ? counted
                    : terms.computeIfAbsent(id, k -> ProfileQueries.terms(analyzer, p.title(), p.abstractText()));
        }

        private List<ScoredId> top(Query q, int limit) {
            try {
                return ProfileQueries.run(searcher, q, null, limit);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
