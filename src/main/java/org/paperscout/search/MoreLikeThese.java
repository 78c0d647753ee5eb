package org.paperscout.search;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.paperscout.catalog.Paper;

/** More-like-this over the paper index: a paper's or a text's heaviest words as one query, best first. */
final class MoreLikeThese {

    private MoreLikeThese() {
    }

    /** Papers most like the paper {@code id} (never itself). */
    static List<Paper> paper(IndexSearcher s, Analyzer analyzer, String id, int limit) throws IOException {
        TopDocs self = s.search(new TermQuery(new Term(Fields.ID, id)), 1);
        if (self.scoreDocs.length == 0) {
            return List.of();
        }
        Query like = moreLikeThis(s, analyzer).like(self.scoreDocs[0].doc);
        return papers(s, excluding(like, id), limit);
    }

    /** Papers most like a piece of free text (a message, a draft abstract), never {@code excludeId}. */
    static List<Paper> text(IndexSearcher s, Analyzer analyzer, String text, String excludeId, int limit)
            throws IOException {
        MoreLikeThis mlt = moreLikeThis(s, analyzer);
        Query title = mlt.like(Fields.TITLE, new StringReader(text));
        Query abs = mlt.like(Fields.ABSTRACT, new StringReader(text));
        Query both = new BooleanQuery.Builder()
                .add(title, BooleanClause.Occur.SHOULD)
                .add(abs, BooleanClause.Occur.SHOULD)
                .build();
        return papers(s, excludeId == null ? both : excluding(both, excludeId), limit);
    }

    private static Query excluding(Query query, String id) {
        return new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(Fields.ID, id)), BooleanClause.Occur.MUST_NOT)
                .build();
    }

    private static MoreLikeThis moreLikeThis(IndexSearcher s, Analyzer analyzer) throws IOException {
        return over(s.getIndexReader(), analyzer, 2, 30);
    }

    /**
     * More-like-this over title and abstract of {@code reader}: words of 3 letters or more, in at least
     * {@code minDocFreq} papers, the {@code maxTerms} heaviest.
     */
    static MoreLikeThis over(IndexReader reader, Analyzer analyzer, int minDocFreq, int maxTerms) throws IOException {
        MoreLikeThis mlt = new MoreLikeThis(reader);
        mlt.setAnalyzer(analyzer);
        mlt.setFieldNames(new String[] {Fields.TITLE, Fields.ABSTRACT});
        mlt.setMinTermFreq(1);
        mlt.setMinDocFreq(minDocFreq);
        mlt.setMaxQueryTerms(maxTerms);
        mlt.setMinWordLen(3);
        return mlt;
    }

    private static List<Paper> papers(IndexSearcher s, Query q, int limit) throws IOException {
        TopDocs top = s.search(q, Math.max(1, limit), PaperIndex.RELEVANCE, false);
        List<Paper> out = new ArrayList<>();
        for (ScoreDoc sd : top.scoreDocs) {
            out.add(PaperDocuments.toPaper(s.storedFields().document(sd.doc)));
        }
        return out;
    }
}
