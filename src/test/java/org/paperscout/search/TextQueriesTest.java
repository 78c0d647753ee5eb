package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Papers like this text": which key terms a long text keeps, and how much each weighs. */
class TextQueriesTest {

    private final Analyzer analyzer = PaperAnalyzers.create();
    private final Directory dir = new ByteBuffersDirectory();

    @BeforeEach
    void index() throws IOException {
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
            add(w, "a", "Paging in virtual memory", "Paging policies for memory hierarchies.");
            add(w, "b", "Memory allocation", "Allocation of memory to programs.");
            add(w, "c", "Memory protection", "Protection keys guard memory.");
            add(w, "d", "Compilers", "Parsing and memory use of compilers.");
            add(w, "e", "Memory-resident compilers", "A compiler kept in memory between programs.");
        }
    }

    private static void add(IndexWriter w, String id, String title, String abs) throws IOException {
        Document d = new Document();
        d.add(new StringField(Fields.ID, id, Field.Store.YES));
        d.add(new TextField(Fields.TITLE, title, Field.Store.NO));
        d.add(new TextField(Fields.ABSTRACT, abs, Field.Store.NO));
        w.addDocument(d);
    }

    /** Each kept term's boost on the abstract; checks that its title clause carries it times the title weight. */
    private Map<String, Float> boosts(String text) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
            Query q = new TextQueries(analyzer).likeText(text, reader);
            Map<String, Float> title = new HashMap<>();
            Map<String, Float> abs = new HashMap<>();
            for (BooleanClause c : ((BooleanQuery) q).clauses()) {
                assertThat(c.getOccur()).isEqualTo(BooleanClause.Occur.SHOULD);
                BoostQuery b = (BoostQuery) c.getQuery();
                TermQuery t = (TermQuery) b.getQuery();
                (t.getTerm().field().equals(Fields.TITLE) ? title : abs).put(t.getTerm().text(), b.getBoost());
            }
            assertThat(title.keySet()).isEqualTo(abs.keySet());
            abs.forEach((term, boost) ->
                    assertThat(title.get(term)).isCloseTo(TextQueries.TITLE_WEIGHT * boost, within(1e-6f)));
            return abs;
        }
    }

    @Test
    void aRareWordTheTextRepeatsWeighsMostAndACommonOneLess() throws IOException {
        Map<String, Float> boosts = boosts("Paging, paging and more paging: how memory is shared by programs.");

        // paging: in 1 of 5 papers, used 3 times; memory: in all 5, once; programs: in 2, once
        assertThat(boosts.get("page")).isEqualTo(1f);
        double idfPaging = Math.log(1 + (5 - 1 + 0.5) / 1.5);
        double idfMemory = Math.log(1 + (5 - 5 + 0.5) / 5.5);
        double idfPrograms = Math.log(1 + (5 - 2 + 0.5) / 2.5);
        double strongest = (1 + Math.log(3)) * idfPaging;
        assertThat(boosts.get("memori")).isCloseTo((float) (idfMemory / strongest), within(1e-6f));
        assertThat(boosts.get("program")).isCloseTo((float) (idfPrograms / strongest), within(1e-6f));
        // words no paper uses ("shared", "how") and stop words ("and", "is", "by") are left out
        assertThat(boosts).containsOnlyKeys("page", "memori", "program");
    }

    @Test
    void theWeightsDecideBetweenPapersThatEachMatchOneWord() throws IOException {
        // "compilers" is the text's subject (six times; in two papers), "protection" an aside (once; in one paper, so
        // rarer): with every key term weighing alike, the aside's paper (c) came first
        String text = "Compilers, compilers, compilers, compilers, compilers and compilers: the protection they need.";
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
            Query q = new TextQueries(analyzer).likeText(text, reader);
            List<String> ranked = ids(new IndexSearcher(reader), q);
            assertThat(ranked.get(0)).isEqualTo("d");
            assertThat(ranked).contains("c", "e");
        }
    }

    private static List<String> ids(IndexSearcher searcher, Query q) throws IOException {
        return Arrays.stream(searcher.search(q, 10).scoreDocs).map(sd -> {
            try {
                return searcher.storedFields().document(sd.doc).get(Fields.ID);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
