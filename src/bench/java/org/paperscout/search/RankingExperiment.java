package org.paperscout.search;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.paperscout.catalog.Paper;
import org.paperscout.eval.JudgedCollection;
import org.paperscout.eval.JudgedCollections;
import org.paperscout.eval.Metrics;

/**
 * Ranking experiments on a judged collection (not a test): each variant of analysis, BM25 parameters, field
 * weights and query shape is scored by nDCG@10 over all and over short queries. Run with
 * {@code bench ranking DIR} (README, "Benchmarks").
 */
public final class RankingExperiment {

    static final String ALL = "all_text";

    record Variant(String name, String analysis, float k1, float b, float titleWeight, int keyTerms,
                   float phraseBoost, boolean combined, int prfDocs, int prfTerms, float prfWeight) {
        Variant with(String n, Function<Variant, Variant> f) {
            Variant v = f.apply(this);
            return new Variant(n, v.analysis, v.k1, v.b, v.titleWeight, v.keyTerms, v.phraseBoost, v.combined,
                    v.prfDocs, v.prfTerms, v.prfWeight);
        }
    }

    public static void main(String[] args) throws IOException {
        JudgedCollection c = JudgedCollections.read(Path.of(args[0]));
        Variant base = new Variant("today (English, k1 1.2 b 0.75, title 2, 40 key terms)", "english", 1.2f, 0.75f,
                2f, 40, 0, false, 0, 0, 0);
        List<Variant> variants = new ArrayList<>();
        variants.add(base);
        String only = args.length > 1 ? args[1] : "";
        for (float k1 : new float[] {0.6f, 0.9f, 1.5f, 2.0f}) {
            variants.add(base.with("k1 " + k1, v -> new Variant("", v.analysis, k1, v.b, v.titleWeight, v.keyTerms,
                    v.phraseBoost, v.combined, v.prfDocs, v.prfTerms, v.prfWeight)));
        }
        for (float b : new float[] {0.3f, 0.5f, 0.9f}) {
            variants.add(base.with("b " + b, v -> new Variant("", v.analysis, v.k1, b, v.titleWeight, v.keyTerms,
                    v.phraseBoost, v.combined, v.prfDocs, v.prfTerms, v.prfWeight)));
        }
        for (float tw : new float[] {1f, 1.5f, 3f}) {
            variants.add(base.with("title " + tw, v -> new Variant("", v.analysis, v.k1, v.b, tw, v.keyTerms,
                    v.phraseBoost, v.combined, v.prfDocs, v.prfTerms, v.prfWeight)));
        }
        for (String a : new String[] {"kstem", "minimal", "porter-nostop", "english-nostop"}) {
            variants.add(base.with("analysis " + a, v -> new Variant("", a, v.k1, v.b, v.titleWeight, v.keyTerms,
                    v.phraseBoost, v.combined, v.prfDocs, v.prfTerms, v.prfWeight)));
        }
        for (int n : new int[] {20, 1000}) {
            variants.add(base.with("key terms " + n, v -> new Variant("", v.analysis, v.k1, v.b, v.titleWeight, n,
                    v.phraseBoost, v.combined, v.prfDocs, v.prfTerms, v.prfWeight)));
        }
        for (float pb : new float[] {0.5f, 1f}) {
            variants.add(base.with("phrase pairs " + pb, v -> new Variant("", v.analysis, v.k1, v.b, v.titleWeight,
                    v.keyTerms, pb, v.combined, v.prfDocs, v.prfTerms, v.prfWeight)));
        }
        variants.add(base.with("combined field", v -> new Variant("", v.analysis, v.k1, v.b, v.titleWeight,
                v.keyTerms, v.phraseBoost, true, v.prfDocs, v.prfTerms, v.prfWeight)));
        variants.add(base.with("RM3 10 docs 20 terms 0.5", v -> new Variant("", v.analysis, v.k1, v.b,
                v.titleWeight, v.keyTerms, v.phraseBoost, v.combined, 10, 20, 0.5f)));
        variants.add(base.with("RM3 5 docs 10 terms 0.3", v -> new Variant("", v.analysis, v.k1, v.b,
                v.titleWeight, v.keyTerms, v.phraseBoost, v.combined, 5, 10, 0.3f)));
        variants.add(new Variant("combo kstem + phrase pairs 0.5", "kstem", 1.2f, 0.75f, 2f, 40, 0.5f, false, 0, 0,
                0));
        variants.add(new Variant("combo kstem + phrase pairs 0.5 + b 0.9", "kstem", 1.2f, 0.9f, 2f, 40, 0.5f, false,
                0, 0, 0));
        variants.add(new Variant("combo kstem + b 0.9", "kstem", 1.2f, 0.9f, 2f, 40, 0, false, 0, 0, 0));
        variants.add(new Variant("combo english + phrase pairs 0.5 + b 0.9", "english", 1.2f, 0.9f, 2f, 40, 0.5f,
                false, 0, 0, 0));
        Map<String, IndexSearcher> indexes = new HashMap<>();
        for (Variant v : variants) {
            if (!only.isEmpty() && !v.name().startsWith(only) && v != base) {
                continue;
            }
            IndexSearcher s = indexes.computeIfAbsent(v.analysis(), a -> build(c, analyzer(a)));
            s.setSimilarity(new BM25Similarity(v.k1(), v.b()));
            double[] r = score(c, s, analyzer(v.analysis()), v);
            System.out.printf(Locale.ROOT, "%-55s all %.3f  short %.3f  long %.3f%n", v.name(), r[0], r[1], r[2]);
        }
    }

    static double[] score(JudgedCollection c, IndexSearcher s, Analyzer analyzer, Variant v) {
        double all = 0;
        double shortSum = 0;
        double longSum = 0;
        int nShort = 0;
        int nLong = 0;
        for (JudgedCollection.JudgedQuery q : c.judgedQueries()) {
            List<String> ranked = run(s, analyzer, v, q.text());
            double n = Metrics.ndcg(ranked, c.judgements().get(q.id()), 10);
            all += n;
            if (SearchService.isShortQuery(q.text())) {
                shortSum += n;
                nShort++;
            } else {
                longSum += n;
                nLong++;
            }
        }
        int total = c.judgedQueries().size();
        return new double[] {all / total, shortSum / Math.max(1, nShort), longSum / Math.max(1, nLong)};
    }

    static List<String> run(IndexSearcher s, Analyzer analyzer, Variant v, String text) {
        try {
            boolean isShort = SearchService.isShortQuery(text);
            List<String> terms = terms(analyzer, text);
            Map<String, Double> weights = new LinkedHashMap<>();
            for (String t : terms) {
                weights.merge(t, 1.0, Double::sum);
            }
            if (!isShort) {
                weights = keyTerms(s.getIndexReader(), weights, v.keyTerms());
            }
            Query q = query(weights, v);
            if (v.phraseBoost() > 0) {
                BooleanQuery.Builder b = new BooleanQuery.Builder().add(q, BooleanClause.Occur.SHOULD);
                for (int i = 0; i + 1 < terms.size(); i++) {
                    if (!weights.containsKey(terms.get(i)) || !weights.containsKey(terms.get(i + 1))) {
                        continue;
                    }
                    for (String f : new String[] {Fields.TITLE, Fields.ABSTRACT}) {
                        b.add(new BoostQuery(new PhraseQuery(3, f, terms.get(i), terms.get(i + 1)), v.phraseBoost()),
                                BooleanClause.Occur.SHOULD);
                    }
                }
                q = b.build();
            }
            if (v.prfDocs() > 0) {
                q = rm3(s, analyzer, q, weights, v);
            }
            List<String> out = new ArrayList<>();
            for (ScoreDoc sd : s.search(q, 100).scoreDocs) {
                out.add(s.storedFields().document(sd.doc).get(Fields.ID));
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Query query(Map<String, Double> weights, Variant v) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            float w = e.getValue().floatValue();
            if (v.combined()) {
                b.add(new BoostQuery(new TermQuery(new Term(ALL, e.getKey())), w), BooleanClause.Occur.SHOULD);
                b.add(new BoostQuery(new TermQuery(new Term(Fields.TITLE, e.getKey())), w * (v.titleWeight() - 1)),
                        BooleanClause.Occur.SHOULD);
            } else {
                b.add(new BoostQuery(new TermQuery(new Term(Fields.TITLE, e.getKey())), w * v.titleWeight()),
                        BooleanClause.Occur.SHOULD);
                b.add(new BoostQuery(new TermQuery(new Term(Fields.ABSTRACT, e.getKey())), w),
                        BooleanClause.Occur.SHOULD);
            }
        }
        return b.build();
    }

    /** RM3: relevance model from the top documents' term weights, interpolated with the original query. */
    static Query rm3(IndexSearcher s, Analyzer analyzer, Query first, Map<String, Double> original, Variant v)
            throws IOException {
        ScoreDoc[] top = s.search(first, v.prfDocs()).scoreDocs;
        if (top.length == 0) {
            return first;
        }
        double maxScore = top[0].score;
        Map<String, Double> model = new HashMap<>();
        for (ScoreDoc sd : top) {
            Document d = s.storedFields().document(sd.doc);
            List<String> t = terms(analyzer, d.get(Fields.TITLE) + " " + d.get(Fields.ABSTRACT));
            double weight = Math.exp(sd.score - maxScore); // query likelihood stand-in
            Map<String, Integer> tf = new HashMap<>();
            t.forEach(x -> tf.merge(x, 1, Integer::sum));
            for (Map.Entry<String, Integer> e : tf.entrySet()) {
                model.merge(e.getKey(), weight * e.getValue() / t.size(), Double::sum);
            }
        }
        int n = s.getIndexReader().numDocs();
        // Down-weight common words the way a background model would.
        model.replaceAll((term, p) -> p * Math.log(1 + n / (1.0 + df(s.getIndexReader(), term))));
        List<Map.Entry<String, Double>> best = new ArrayList<>(model.entrySet());
        best.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        double origSum = original.values().stream().mapToDouble(Double::doubleValue).sum();
        double expSum = best.stream().limit(v.prfTerms()).mapToDouble(Map.Entry::getValue).sum();
        Map<String, Double> mixed = new LinkedHashMap<>();
        original.forEach((t, w) -> mixed.merge(t, (1 - v.prfWeight()) * w / origSum, Double::sum));
        best.stream().limit(v.prfTerms()).forEach(e -> mixed.merge(e.getKey(), v.prfWeight() * e.getValue() / expSum,
                Double::sum));
        return query(mixed, v);
    }

    static int df(IndexReader r, String term) {
        try {
            return Math.max(r.docFreq(new Term(Fields.TITLE, term)), r.docFreq(new Term(Fields.ABSTRACT, term)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Map<String, Double> keyTerms(IndexReader r, Map<String, Double> tf, int max) {
        int n = r.numDocs();
        List<Map.Entry<String, Double>> weighted = new ArrayList<>();
        for (Map.Entry<String, Double> e : tf.entrySet()) {
            int df = df(r, e.getKey());
            if (df == 0) {
                continue;
            }
            double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            weighted.add(Map.entry(e.getKey(), (1 + Math.log(e.getValue())) * idf));
        }
        weighted.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        Map<String, Double> out = new LinkedHashMap<>();
        weighted.stream().limit(max).forEach(e -> out.put(e.getKey(), 1.0));
        return out;
    }

    static List<String> terms(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(Fields.ABSTRACT, new StringReader(text == null ? "" : text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    static Analyzer analyzer(String kind) {
        if (kind.equals("english")) {
            return new EnglishAnalyzer();
        }
        CharArraySet stop = kind.endsWith("nostop") ? CharArraySet.EMPTY_SET : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream t = new EnglishPossessiveFilter(source);
                t = new LowerCaseFilter(t);
                t = new StopFilter(t, stop);
                t = switch (kind) {
                    case "kstem" -> new KStemFilter(t);
                    case "minimal" -> new EnglishMinimalStemFilter(t);
                    default -> new PorterStemFilter(t);
                };
                return new TokenStreamComponents(source, t);
            }
        };
    }

    static IndexSearcher build(JudgedCollection c, Analyzer analyzer) {
        try {
            ByteBuffersDirectory dir = new ByteBuffersDirectory();
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
                for (JudgedCollection.Document d : c.documents()) {
                    Paper p = new Paper(d.id(), d.title().isBlank() ? "[" + d.id() + "]" : d.title(), d.text(),
                            d.authors(), List.of(), d.published(), null, 0, "judged");
                    Document doc = PaperDocuments.toDocument(p);
                    doc.add(new TextField(ALL, p.title() + " " + p.abstractText(), Field.Store.NO));
                    w.addDocument(doc);
                }
            }
            return new IndexSearcher(DirectoryReader.open(dir));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
