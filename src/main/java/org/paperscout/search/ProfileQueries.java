package org.paperscout.search;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;

/**
 * The index reads recommendations and trending need: per-paper signals (date, upvotes) from doc values, the
 * papers of a date window, and which of some papers match a topic. Ids come from the id doc values, so no
 * stored document is loaded on these paths.
 */
final class ProfileQueries {

    private final PaperIndex index;
    private final QueryParsing parsing;
    private final Analyzer analyzer;

    ProfileQueries(PaperIndex index, QueryParsing parsing) {
        this.index = index;
        this.parsing = parsing;
        this.analyzer = index.analyzer();
    }

    /** Which of {@code ids} match {@code query} (parsed like /search). */
    Set<String> matchingAmong(String query, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Query parsed = parsing.parse(QueryParsing.normalise(query));
        Query q = new BooleanQuery.Builder()
                .add(parsed, BooleanClause.Occur.MUST)
                .add(idsQuery(ids), BooleanClause.Occur.FILTER)
                .build();
        return index.search(s -> {
            Set<String> out = new HashSet<>();
            forEachMatch(s, q, (leaf, doc) -> out.add(leaf.id(doc)));
            return out;
        });
    }

    /**
     * Which of {@code subset}'s papers match {@code query} (parsed like /search): the same as
     * {@link #matchingAmong(String, Collection)} with its ids, without looking them up again.
     */
    Set<String> matchingAmong(String query, PaperSubset subset) {
        if (subset.isEmpty()) {
            return Set.of();
        }
        Query parsed = parsing.parse(QueryParsing.normalise(query));
        Query q = new BooleanQuery.Builder()
                .add(parsed, BooleanClause.Occur.MUST)
                .add(subset.query(), BooleanClause.Occur.FILTER)
                .build();
        return index.search(s -> {
            Set<String> out = new HashSet<>();
            forEachMatch(s, q, (leaf, doc) -> out.add(leaf.id(doc)));
            return out;
        });
    }

    /** Signals of every paper published on or after {@code since}, at most {@code limit}, newest first. */
    List<PaperStats> publishedSince(LocalDate since, int limit) {
        Query q = LongPoint.newRangeQuery(Fields.PUBLISHED, since.toEpochDay(), Long.MAX_VALUE);
        return index.search(s -> {
            List<PaperStats> out = new ArrayList<>();
            forEachMatch(s, q, (leaf, doc) -> out.add(leaf.stats(doc)));
            out.sort(java.util.Comparator.comparing(PaperStats::published).reversed()
                    .thenComparing(PaperStats::id));
            return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
        });
    }

    /**
     * Papers matching {@code query} (parsed like /search) published from {@code first} to {@code last}
     * inclusive, read from doc values, with their authors counted from the stored names. The published point
     * field narrows the topic query, so a five-year span costs the topic's papers, not the index's.
     */
    TopicActivity topicActivity(String query, LocalDate first, LocalDate last, int cap, int topAuthors) {
        Query q = new BooleanQuery.Builder()
                .add(parsing.parse(QueryParsing.normalise(query)), BooleanClause.Occur.MUST)
                .add(LongPoint.newRangeQuery(Fields.PUBLISHED, first.toEpochDay(), last.toEpochDay()),
                        BooleanClause.Occur.FILTER)
                .build();
        return index.search(s -> {
            List<PaperStats> papers = new ArrayList<>();
            Map<String, Integer> authors = new HashMap<>();
            boolean[] truncated = {false};
            java.util.Set<String> nameField = Set.of(Fields.AUTHOR_NAME);
            forEachMatch(s, q, (leaf, doc) -> {
                if (papers.size() >= cap) {
                    truncated[0] = true;
                    return;
                }
                papers.add(leaf.stats(doc));
                for (org.apache.lucene.index.IndexableField f : leaf.document(doc, nameField).getFields(Fields.AUTHOR_NAME)) {
                    authors.merge(f.stringValue(), 1, Integer::sum);
                }
            });
            List<TopicActivity.AuthorCount> top = authors.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(topAuthors)
                    .map(e -> new TopicActivity.AuthorCount(e.getKey(), e.getValue()))
                    .toList();
            return new TopicActivity(papers, top, truncated[0]);
        });
    }

    /** Papers with the most upstream votes, at most {@code limit}, ties by id (the fresh-install fallback). */
    List<PaperStats> mostUpvoted(int limit) {
        return index.search(s -> {
            TopDocs top = s.search(new MatchAllDocsQuery(), Math.max(1, limit), new org.apache.lucene.search.Sort(
                    new org.apache.lucene.search.SortField(Fields.UPVOTES, org.apache.lucene.search.SortField.Type.LONG,
                            true),
                    new org.apache.lucene.search.SortField(Fields.ID_SORT,
                            org.apache.lucene.search.SortField.Type.STRING)));
            List<PaperStats> out = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                LeafReaderContext leaf = leaf(s, sd.doc);
                out.add(new LeafSignals(leaf.reader()).stats(sd.doc - leaf.docBase));
            }
            return out;
        });
    }

    /** Signals of the given papers; ids not in the index are left out. */
    Map<String, PaperStats> stats(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Query q = idsQuery(ids);
        return index.search(s -> {
            Map<String, PaperStats> out = new HashMap<>();
            forEachMatch(s, q, (leaf, doc) -> {
                PaperStats p = leaf.stats(doc);
                out.put(p.id(), p);
            });
            return out;
        });
    }

    /** Term counts of a paper's title and abstract as the index analyses them (stems, no stop words). */
    Map<String, Integer> terms(String title, String abstractText) {
        return terms(analyzer, title, abstractText);
    }

    static Map<String, Integer> terms(Analyzer analyzer, String title, String abstractText) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Tokens.count(analyzer, Fields.TITLE, title, out);
        Tokens.count(analyzer, Fields.ABSTRACT, abstractText, out);
        return out;
    }

    static List<ScoredId> run(IndexSearcher s, Query query, LocalDate since, int limit) throws IOException {
        Query q = query;
        if (since != null) {
            q = new BooleanQuery.Builder()
                    .add(query, BooleanClause.Occur.MUST)
                    .add(LongPoint.newRangeQuery(Fields.PUBLISHED, since.toEpochDay(), Long.MAX_VALUE),
                            BooleanClause.Occur.FILTER)
                    .build();
        }
        TopDocs top = s.search(q, Math.max(1, limit), PaperIndex.RELEVANCE, true);
        List<ScoredId> out = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
            LeafReaderContext leaf = leaf(s, sd.doc);
            out.add(new ScoredId(new LeafSignals(leaf.reader()).id(sd.doc - leaf.docBase), sd.score));
        }
        return out;
    }

    private static Query idsQuery(Collection<String> ids) {
        List<BytesRef> terms = new ArrayList<>(ids.size());
        for (String id : new HashSet<>(ids)) {
            terms.add(new BytesRef(id));
        }
        return new TermInSetQuery(Fields.ID, terms);
    }

    @FunctionalInterface
    private interface DocConsumer {
        void accept(LeafSignals leaf, int doc) throws IOException;
    }

    private static void forEachMatch(IndexSearcher s, Query q, DocConsumer consumer) throws IOException {
        Weight w = s.createWeight(s.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            org.apache.lucene.search.Scorer scorer = w.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
            DocIdSetIterator it = scorer.iterator();
            LeafSignals signals = new LeafSignals(leaf.reader());
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                if (live == null || live.get(doc)) {
                    consumer.accept(signals, doc);
                }
            }
        }
    }

    private static LeafReaderContext leaf(IndexSearcher s, int globalDoc) {
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        return leaves.get(ReaderUtil.subIndex(globalDoc, leaves));
    }

    /** Doc values of one segment, read in increasing doc order (a fresh instance per out-of-order read). */
    private static final class LeafSignals {
        private final SortedDocValues ids;
        private final NumericDocValues published;
        private final NumericDocValues upvotes;
        private final LeafReader reader;
        private org.apache.lucene.index.StoredFields stored;

        LeafSignals(LeafReader r) throws IOException {
            this.reader = r;
            this.ids = r.getSortedDocValues(Fields.ID_SORT);
            this.published = r.getNumericDocValues(Fields.PUBLISHED);
            this.upvotes = r.getNumericDocValues(Fields.UPVOTES);
        }

        String id(int doc) throws IOException {
            if (ids == null || !ids.advanceExact(doc)) {
                throw new IllegalStateException("a paper without an id");
            }
            return ids.lookupOrd(ids.ordValue()).utf8ToString();
        }

        org.apache.lucene.document.Document document(int doc, Set<String> fields) throws IOException {
            if (stored == null) {
                stored = reader.storedFields();
            }
            return stored.document(doc, fields);
        }

        PaperStats stats(int doc) throws IOException {
            LocalDate day = published != null && published.advanceExact(doc)
                    ? LocalDate.ofEpochDay(published.longValue()) : null;
            int votes = upvotes != null && upvotes.advanceExact(doc) ? (int) upvotes.longValue() : 0;
            return new PaperStats(id(doc), day, votes);
        }
    }
}
