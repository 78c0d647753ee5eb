package org.paperscout.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.paperscout.catalog.Paper;

/**
 * The evidence behind a topic match, read from the paper's own text with the index's analysis, so a card
 * names only words the paper really contains.
 */
final class TopicWords {

    private TopicWords() {
    }

    /** The topic's wanted words found in the paper, or empty when none is (the paper does not match). */
    static Optional<TopicMatch> match(Analyzer analyzer, Query topic, String normalisedTopic, Paper paper) {
        Set<String> title = new LinkedHashSet<>(stems(analyzer, Fields.TITLE, paper.title()));
        Set<String> abstractStems = new LinkedHashSet<>(stems(analyzer, Fields.ABSTRACT, paper.abstractText()));
        Map<String, String> surface = surfaceWords(analyzer, normalisedTopic);
        List<TopicMatch.Word> found = new ArrayList<>();
        // In the order the user typed the words (the parsed query's own order is not theirs).
        Set<String> ordered = new LinkedHashSet<>(surface.keySet());
        ordered.retainAll(wanted(topic));
        ordered.addAll(wanted(topic));
        for (String stem : ordered) {
            boolean t = title.contains(stem);
            boolean a = abstractStems.contains(stem);
            if (t || a) {
                found.add(new TopicMatch.Word(surface.getOrDefault(stem, stem), t, a));
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(new TopicMatch(found));
    }

    /** Title and abstract terms the topic asks for, in order; words after {@code -} are not wanted. */
    static Set<String> wanted(Query topic) {
        Set<String> out = new LinkedHashSet<>();
        topic.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query query, Term... terms) {
                for (Term term : terms) {
                    if (term.field().equals(Fields.TITLE) || term.field().equals(Fields.ABSTRACT)) {
                        out.add(term.text());
                    }
                }
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
            }
        });
        return out;
    }

    /** Stem to the word the user typed, so a card says "models", not "model". */
    private static Map<String, String> surfaceWords(Analyzer analyzer, String topic) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String word : topic.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            for (String stem : stems(analyzer, Fields.TITLE, word)) {
                out.putIfAbsent(stem, word);
            }
        }
        return out;
    }

    static List<String> stems(Analyzer analyzer, String field, String text) {
        return Tokens.list(analyzer, field, text, Integer.MAX_VALUE);
    }
}
