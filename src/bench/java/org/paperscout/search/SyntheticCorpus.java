package org.paperscout.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;

/**
 * Generates papers for benchmarks: a Zipf-distributed vocabulary of real-looking research words (so term
 * statistics resemble real abstracts), titles of 6-14 words, abstracts of about 1,600 characters.
 * Deterministic for a seed.
 */
public final class SyntheticCorpus {

    private static final String[] STEMS = {
        "memor", "transform", "languag", "model", "learn", "network", "neural", "train", "data", "token",
        "attent", "retriev", "generat", "diffus", "image", "graph", "optim", "gradient", "robust", "privac",
        "unlearn", "align", "reason", "agent", "reinforc", "policy", "reward", "embed", "vector", "cluster",
        "classif", "segment", "detect", "speech", "audio", "video", "multimod", "vision", "text", "code",
        "program", "evalu", "benchmark", "dataset", "scal", "effici", "compress", "quantiz", "prun", "distill",
        "contrast", "supervis", "self", "pretrain", "finetun", "prompt", "instruct", "chain", "thought", "memory",
        "recurr", "convolut", "kernel", "bayes", "probabil", "causal", "fair", "bias", "adversari", "attack",
        "defens", "watermark", "copyright", "extract", "leak", "overfit", "general", "loss", "regular", "noise"};
    private static final String[] SUFFIXES = {"", "s", "ing", "ed", "ation", "ity", "al", "er", "ive", "ness"};
    private static final String[] CATEGORIES = {"cs.CL", "cs.LG", "cs.AI", "cs.CV", "stat.ML", "cs.IR", "cs.CR"};

    private final String[] vocabulary;
    private final double[] cumulative;

    public SyntheticCorpus(int vocabularySize) {
        vocabulary = new String[vocabularySize];
        Random r = new Random(7);
        for (int i = 0; i < vocabularySize; i++) {
            String w = STEMS[i % STEMS.length] + SUFFIXES[(i / STEMS.length) % SUFFIXES.length];
            int extra = i / (STEMS.length * SUFFIXES.length);
            vocabulary[i] = extra == 0 ? w : w + (char) ('a' + r.nextInt(26)) + Integer.toString(extra, 36);
        }
        cumulative = new double[vocabularySize];
        double sum = 0;
        for (int i = 0; i < vocabularySize; i++) {
            sum += 1.0 / Math.pow(i + 1, 1.05);
            cumulative[i] = sum;
        }
        for (int i = 0; i < vocabularySize; i++) {
            cumulative[i] /= sum;
        }
    }

    public String word(Random r) {
        int i = java.util.Arrays.binarySearch(cumulative, r.nextDouble());
        return vocabulary[Math.min(vocabulary.length - 1, i < 0 ? -i - 1 : i)];
    }

    /** A query of {@code words} words drawn from the mid-frequency range, as people type them. */
    public String query(Random r, int words) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words; i++) {
            out.add(vocabulary[r.nextInt(Math.min(vocabulary.length, 2_000))]);
        }
        return String.join(" ", out);
    }

    public Paper paper(long n) {
        Random r = new Random(n * 31 + 17);
        StringBuilder title = new StringBuilder();
        int titleWords = 6 + r.nextInt(9);
        for (int i = 0; i < titleWords; i++) {
            String w = word(r);
            title.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w).append(' ');
        }
        title.append('#').append(n);
        StringBuilder abs = new StringBuilder(1_700);
        while (abs.length() < 1_600) {
            int sentence = 12 + r.nextInt(14);
            for (int i = 0; i < sentence; i++) {
                String w = word(r);
                abs.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w)
                        .append(i == sentence - 1 ? ". " : " ");
            }
        }
        String id = String.format("%02d%02d.%05d", 20 + (int) (n / 1_000_000 % 10), 1 + (int) (n / 100_000 % 12),
                (int) (n % 100_000));
        List<String> authors = List.of("Author " + r.nextInt(50_000), "Author " + r.nextInt(50_000));
        return new Paper(id, title.toString().strip(), abs.toString().strip(), authors,
                List.of(CATEGORIES[r.nextInt(CATEGORIES.length)]),
                LocalDate.of(2020, 1, 1).plusDays(r.nextInt(2_500)), PaperLinks.forArxivId(id), r.nextInt(300),
                "synthetic");
    }
}
