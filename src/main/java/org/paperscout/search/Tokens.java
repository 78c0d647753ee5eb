package org.paperscout.search;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Text as an analyzer reduces it to terms: the one token loop that term lists, counts and profiles share. */
public final class Tokens {

    private Tokens() {
    }

    /** The terms of {@code text} (null is empty) analysed as {@code field}, in order, at most {@code max}. */
    public static List<String> list(Analyzer analyzer, String field, String text, int max) {
        List<String> out = new ArrayList<>();
        each(analyzer, field, text, out::add, () -> out.size() < max);
        return out;
    }

    /** Adds the count of each term of {@code text} (null is empty), analysed as {@code field}, to {@code counts}. */
    public static void count(Analyzer analyzer, String field, String text, Map<String, Integer> counts) {
        each(analyzer, field, text, term -> counts.merge(term, 1, Integer::sum), () -> true);
    }

    private static void each(Analyzer analyzer, String field, String text, java.util.function.Consumer<String> sink,
                             java.util.function.BooleanSupplier more) {
        try (TokenStream ts = analyzer.tokenStream(field, new StringReader(text == null ? "" : text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (more.getAsBoolean() && ts.incrementToken()) {
                sink.accept(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
