package org.paperscout.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperIds;
import org.paperscout.catalog.PaperLinks;

/** Converts papers to Lucene documents and back. */
final class PaperDocuments {

    /**
     * Abstracts keep positions (for phrases) but no offsets: re-analysing the five stored abstracts of a page
     * for snippets costs less than offsets cost at indexing time.
     */
    private static final FieldType ABSTRACT_TYPE = new FieldType(TextField.TYPE_STORED);

    static {
        ABSTRACT_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        ABSTRACT_TYPE.freeze();
    }

    private PaperDocuments() {
    }

    static Document toDocument(Paper p) {
        return toDocument(p, null);
    }

    /** The paper's document, with its embedding when {@code vector} is not null. */
    static Document toDocument(Paper p, float[] vector) {
        Document d = new Document();
        if (vector != null) {
            d.add(new KnnFloatVectorField(Fields.VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        }
        d.add(new StringField(Fields.ID, p.id(), Field.Store.YES));
        d.add(new SortedDocValuesField(Fields.ID_SORT, new BytesRef(p.id())));
        d.add(new TextField(Fields.TITLE, p.title(), Field.Store.YES));
        d.add(new TextField(Fields.TITLE_WORDS, p.title(), Field.Store.NO));
        d.add(new StringField(Fields.TITLE_NORM, PaperIds.normaliseTitle(p.title()), Field.Store.NO));
        d.add(new Field(Fields.ABSTRACT, p.abstractText(), ABSTRACT_TYPE));
        for (String author : p.authors()) {
            d.add(new TextField(Fields.AUTHORS, author, Field.Store.NO));
            d.add(new StringField(Fields.AUTHOR_KEY, authorKey(author), Field.Store.NO));
            d.add(new StoredField(Fields.AUTHOR_NAME, author));
        }
        for (String category : p.categories()) {
            d.add(new StringField(Fields.CATEGORY, category, Field.Store.YES));
        }
        if (p.published() != null) {
            long day = p.published().toEpochDay();
            d.add(new LongPoint(Fields.PUBLISHED, day));
            d.add(new NumericDocValuesField(Fields.PUBLISHED, day));
            d.add(new StoredField(Fields.PUBLISHED, day));
        }
        d.add(new NumericDocValuesField(Fields.UPVOTES, p.upvotes()));
        d.add(new StoredField(Fields.UPVOTES, p.upvotes()));
        addIfPresent(d, Fields.LINK_ABS, p.links().arxivAbs());
        addIfPresent(d, Fields.LINK_PDF, p.links().arxivPdf());
        addIfPresent(d, Fields.LINK_HF, p.links().hfPage());
        d.add(new StoredField(Fields.SOURCE, p.source()));
        return d;
    }

    static Paper toPaper(Document d) {
        List<String> authors = new ArrayList<>();
        for (IndexableField f : d.getFields(Fields.AUTHOR_NAME)) {
            authors.add(f.stringValue());
        }
        List<String> categories = new ArrayList<>();
        for (IndexableField f : d.getFields(Fields.CATEGORY)) {
            categories.add(f.stringValue());
        }
        IndexableField published = d.getField(Fields.PUBLISHED);
        IndexableField upvotes = d.getField(Fields.UPVOTES);
        return new Paper(
                d.get(Fields.ID),
                d.get(Fields.TITLE),
                d.get(Fields.ABSTRACT),
                authors,
                categories,
                published == null ? null : LocalDate.ofEpochDay(published.numericValue().longValue()),
                new PaperLinks(d.get(Fields.LINK_ABS), d.get(Fields.LINK_PDF), d.get(Fields.LINK_HF)),
                upvotes == null ? 0 : upvotes.numericValue().intValue(),
                d.get(Fields.SOURCE));
    }

    /** Author names compared loosely: case, accents and punctuation do not matter. */
    static String authorKey(String author) {
        return PaperIds.normaliseTitle(author).toLowerCase(Locale.ROOT);
    }

    private static void addIfPresent(Document d, String field, String value) {
        if (value != null) {
            d.add(new StoredField(field, value));
        }
    }
}
