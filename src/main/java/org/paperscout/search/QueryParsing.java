package org.paperscout.search;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.paperscout.commands.UserError;

/**
 * Turns untrusted text into a safe Lucene query. Only phrases ({@code "..."}), {@code +}, {@code -} and
 * {@code |} are operators; everything else ({@code field:}, {@code *}, {@code ~}, regex slashes, ranges,
 * brackets) is plain text that the analyzer reduces to words. So no field targeting, regex, fuzzy, range or
 * wildcard query can be built, and no parser error text ever reaches a user.
 */
final class QueryParsing {

    static final int MAX_LENGTH = 300;
    static final int MAX_TERMS = 32;
    static final String EXAMPLE = "Try a few words from a title or abstract, e.g. /search goldfish loss";

    private static final int FLAGS = SimpleQueryParser.PHRASE_OPERATOR | SimpleQueryParser.AND_OPERATOR
            | SimpleQueryParser.NOT_OPERATOR | SimpleQueryParser.OR_OPERATOR | SimpleQueryParser.WHITESPACE_OPERATOR;
    private static final Map<String, Float> WEIGHTS = Map.of(
            Fields.TITLE, 2.0f, Fields.ABSTRACT, 1.0f, Fields.AUTHORS, 0.5f);

    /** Followed topics are about a paper's content: a word in an author's name is not a match. */
    private static final Map<String, Float> TOPIC_WEIGHTS = Map.of(Fields.TITLE, 2.0f, Fields.ABSTRACT, 1.0f);

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
        return raw.replaceAll("[\\p{Cc}\\p{Cf}:]", " ").replaceAll("\\s+", " ").strip();
    }

    /** Parses the normalised query or throws a {@link UserError} that says what to type instead. */
    Query parse(String normalised) {
        if (normalised.isEmpty()) {
            throw new UserError("Your search is empty. " + EXAMPLE + ".");
        }
        if (normalised.length() > MAX_LENGTH) {
            throw new UserError("Your search is " + normalised.length() + " characters long; the limit is "
                    + MAX_LENGTH + ". Shorten it to the key words.");
        }
        long words = java.util.Arrays.stream(normalised.split("[\\s+|\"-]+")).filter(w -> !w.isEmpty()).count();
        if (words > MAX_TERMS) {
            throw tooManyTerms();
        }
        SimpleQueryParser parser = new SimpleQueryParser(analyzer, WEIGHTS, FLAGS);
        parser.setDefaultOperator(BooleanClause.Occur.SHOULD);
        Query query;
        try {
            query = parser.parse(normalised);
        } catch (BooleanQuery.TooManyClauses e) {
            throw tooManyTerms();
        } catch (RuntimeException e) {
            // SimpleQueryParser is documented never to throw on syntax; anything here is a bug, not user input.
            throw new UserError("I couldn't read that search. " + EXAMPLE + ".");
        }
        int terms = countTerms(query);
        if (query instanceof MatchNoDocsQuery || terms == 0) {
            throw new UserError("Your search has no words I can look for (very common words and symbols are "
                    + "ignored). " + EXAMPLE + ".");
        }
        return query;
    }

    /**
     * A followed topic: checked like a search, but every word is required (a topic "diffusion models" is not
     * about every paper that says "models"), in the title or the abstract. Operators keep their meaning, so
     * {@code a | b} still means either.
     */
    Query parseTopic(String normalised) {
        parse(normalised);
        SimpleQueryParser parser = new SimpleQueryParser(analyzer, TOPIC_WEIGHTS, FLAGS);
        parser.setDefaultOperator(BooleanClause.Occur.MUST);
        try {
            return parser.parse(normalised);
        } catch (BooleanQuery.TooManyClauses e) {
            throw tooManyTerms();
        }
    }

    private static UserError tooManyTerms() {
        return new UserError("Your search has too many words; the limit is " + MAX_TERMS
                + ". Keep the ones that matter most.");
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
