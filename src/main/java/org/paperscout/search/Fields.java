package org.paperscout.search;

/** Every Lucene field name, in one place. */
final class Fields {

    /** The paper id: keyword, stored; the upsert key. */
    static final String ID = "id";
    /** Sorted doc values of the id, the deterministic tie-break. */
    static final String ID_SORT = "id_sort";
    /** Title text, English analysis, boosted over the abstract. */
    static final String TITLE = "title";
    /** Title words without stemming, for prefix/infix title suggestions. */
    static final String TITLE_WORDS = "title_words";
    /** Normalised title as one keyword: dedupe, exact-title lookup and whole-title prefix suggestions. */
    static final String TITLE_NORM = "title_norm";
    /** Abstract text, English analysis, offsets in postings for snippets. */
    static final String ABSTRACT = "abstract";
    /** Author names as text (searchable by words). */
    static final String AUTHORS = "authors";
    /** Author names normalised as keywords, one per author, stored in order. */
    static final String AUTHOR_KEY = "author_key";
    /** arXiv categories as keywords, stored in order. */
    static final String CATEGORY = "category";
    /** Publication day as epoch days: point for filters, doc values for sorting, stored. */
    static final String PUBLISHED = "published";
    /** Upstream votes: doc values and stored. */
    static final String UPVOTES = "upvotes";
    static final String LINK_ABS = "link_abs";
    static final String LINK_PDF = "link_pdf";
    static final String LINK_HF = "link_hf";
    static final String SOURCE = "source";
    /** Stored author display names in order (the keyword field holds normalised ones). */
    static final String AUTHOR_NAME = "author_name";

    /**
     * The paper's sentence embedding (title and abstract): HNSW graph over 7-bit scalar-quantized vectors, dot
     * product of unit vectors. Derived data: absent until the backfill or an ingest embeds the paper.
     */
    static final String VECTOR = "vector";

    private Fields() {
    }
}
