package org.paperscout.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;

/**
 * Turns untrusted text into a safe Lucene query. Only phrases ({@code "..."}), {@code +}, {@code -} and
 * {@code |} are operators; everything else ({@code field:}, {@code *}, {@code ~}, regex slashes, ranges,
 * brackets) is plain text that the analyzer reduces to words. So no field targeting, regex, fuzzy, range or
 * wildcard query can be built, and no parser error text ever reaches a user. {@link QueryClauses} reads the
 * operators; each word or phrase is then analysed here, over every searched field with its weight.
 */
final class QueryParsing {

    static final int MAX_LENGTH = 300;
    static final int MAX_TERMS = 32;

    /** Per word or phrase: the operators between them are already read by {@link QueryClauses}. */
    private static final int FLAGS = SimpleQueryParser.PHRASE_OPERATOR | SimpleQueryParser.WHITESPACE_OPERATOR;
    private static final Map<String, Float> WEIGHTS = Map.of(
            Fields.TITLE, 1.0f, Fields.ABSTRACT, 1.0f, Fields.AUTHORS, 0.5f);

    /** Followed topics are about a paper's content: a word in an author's name is not a match. */
    private static final Map<String, Float> TOPIC_WEIGHTS = Map.of(Fields.TITLE, 2.0f, Fields.ABSTRACT, 1.0f);
    /** A topic is parsed with every word required, so the parser's own operators keep their meaning there. */
    private static final int TOPIC_FLAGS = SimpleQueryParser.PHRASE_OPERATOR | SimpleQueryParser.AND_OPERATOR
            | SimpleQueryParser.NOT_OPERATOR | SimpleQueryParser.OR_OPERATOR | SimpleQueryParser.WHITESPACE_OPERATOR;

    private final Analyzer analyzer;

    QueryParsing(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * Removes control characters and invisible direction marks, and splits {@code field:word} (Unicode word
     * breaking would otherwise keep it as one token that matches nothing); collapses whitespace.
     */
    static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        return SPACES.matcher(INVISIBLE_OR_COLON.matcher(raw).replaceAll(" ")).replaceAll(" ").strip();
    }

    // Compiled once: String.replaceAll compiles its pattern on every call, and a digest run normalises each
    // user's topics several times per user.
    private static final java.util.regex.Pattern INVISIBLE_OR_COLON = java.util.regex.Pattern
            .compile("[\\p{Cc}\\p{Cf}:]");
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");
    private static final java.util.regex.Pattern WORD_BREAKS = java.util.regex.Pattern.compile("[\\s+|\"-]+");

    /** Whether a normalised query is within the length limits a search is answered under. */
    static boolean withinLimits(String normalised) {
        return normalised.length() <= MAX_LENGTH && words(normalised) <= MAX_TERMS;
    }

    private static long words(String normalised) {
        return java.util.Arrays.stream(WORD_BREAKS.split(normalised)).filter(w -> !w.isEmpty()).count();
    }

    /** Parses the normalised query or throws a {@link QueryRejected} that says what to type instead. */
    Query parse(String normalised) {
        if (normalised.isEmpty()) {
            throw QueryRejected.keyed("query.empty");
        }
        if (normalised.length() > MAX_LENGTH) {
            throw QueryRejected.keyed("query.too-long", "length", String.valueOf(normalised.length()),
                    "max", String.valueOf(MAX_LENGTH)); // ungrouped, as always
        }
        if (words(normalised) > MAX_TERMS) {
            throw tooManyTerms();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        List<Query> positive = new ArrayList<>();
        int excluded = 0;
        try {
            for (QueryClauses.Clause clause : QueryClauses.split(normalised)) {
                Query q = clause(clause);
                if (q == null) {
                    continue; // only common words or symbols: ignored, as they are in a plain search
                }
                query.add(q, clause.occur());
                if (clause.occur() == BooleanClause.Occur.MUST_NOT) {
                    excluded++;
                } else {
                    positive.add(q);
                }
            }
        } catch (BooleanQuery.TooManyClauses e) {
            throw tooManyTerms();
        } catch (QueryRejected e) {
            throw e;
        } catch (RuntimeException e) {
            // SimpleQueryParser is documented never to throw on syntax; anything here is a bug, not user input.
            throw QueryRejected.keyed("query.unreadable");
        }
        if (positive.isEmpty() && excluded > 0) {
            throw QueryRejected.keyed("query.only-excludes");
        }
        if (positive.isEmpty()) {
            throw QueryRejected.keyed("query.no-words");
        }
        // A lone word, phrase or group keeps the plain shape, so its scores are those of the words alone.
        return positive.size() == 1 && excluded == 0 ? positive.get(0) : query.build();
    }

    /** One clause over every searched field, its alternatives OR-ed; null when no word of it is searchable. */
    private Query clause(QueryClauses.Clause clause) {
        List<Query> alternatives = new ArrayList<>();
        for (String text : clause.texts()) {
            Query q = fieldQuery(text);
            if (q != null) {
                alternatives.add(q);
            }
        }
        if (alternatives.size() <= 1) {
            return alternatives.isEmpty() ? null : alternatives.get(0);
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        alternatives.forEach(q -> any.add(q, BooleanClause.Occur.SHOULD));
        return any.build();
    }

    /** One word or {@code "phrase"} analysed into each searched field with its weight; null when nothing is left. */
    private Query fieldQuery(String text) {
        SimpleQueryParser parser = new SimpleQueryParser(analyzer, WEIGHTS, FLAGS);
        parser.setDefaultOperator(BooleanClause.Occur.SHOULD);
        Query q = parser.parse(text);
        return q == null || q instanceof MatchNoDocsQuery || countTerms(q) == 0 ? null : q;
    }

    /**
     * A followed topic: checked like a search, but every word is required (a topic "diffusion models" is not
     * about every paper that says "models"), in the title or the abstract. Operators keep their meaning, so
     * {@code a | b} still means either.
     */
    Query parseTopic(String normalised) {
        parse(normalised);
        SimpleQueryParser parser = new SimpleQueryParser(analyzer, TOPIC_WEIGHTS, TOPIC_FLAGS);
        parser.setDefaultOperator(BooleanClause.Occur.MUST);
        try {
            return parser.parse(normalised);
        } catch (BooleanQuery.TooManyClauses e) {
            throw tooManyTerms();
        }
    }

    private static QueryRejected tooManyTerms() {
        return QueryRejected.keyed("query.too-many-words", "max", MAX_TERMS);
    }

    private static int countTerms(Query q) {
        int[] count = {0};
        q.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query query, org.apache.lucene.index.Term... terms) {
                count[0] += terms.length;
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        if (q instanceof TermQuery) {
            return Math.max(count[0], 1);
        }
        return count[0];
    }
}
