package org.paperscout.search;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/** The analysis chain per field: English with stemming for text, plain words for names and suggestions. */
final class PaperAnalyzers {

    private PaperAnalyzers() {
    }

    static Analyzer create() {
        Analyzer english = new EnglishAnalyzer();
        Analyzer words = new StandardAnalyzer();
        return new PerFieldAnalyzerWrapper(english, Map.of(
                Fields.AUTHORS, words,
                Fields.TITLE_WORDS, words,
                Fields.ID, new KeywordAnalyzer(),
                Fields.TITLE_NORM, new KeywordAnalyzer()));
    }
}
