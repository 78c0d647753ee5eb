package org.paperscout.eval;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The figures of one judged run.
 *
 * @param merged    documents the index took for another one with the same title (its dedupe), so never found
 * @param mergedRelevant how many of those are judged relevant to some query
 * @param all       over every judged query
 * @param shortOnes over the judged queries within /search's short-query limits
 * @param recommend null when recommendations were not measured
 */
public record JudgedReport(String collection, int documents, int withoutText, int untitled, int merged,
                           int mergedRelevant, Scores all, Scores shortOnes, Recommend recommend) {

    /** Averages over a set of queries, for PaperScout's /search and for FTS5. */
    public record Scores(int queries, int refused, Figures paperScout, Figures fts5) {
    }

    public record Figures(double ndcg10, double recall10, double recall100, double mrr10) {
    }

    /** Precision@5 of /recommend and of Rocchio after 3 likes, averaged over {@code users}. */
    public record Recommend(int users, double paperScout, double rocchio) {
    }

    static JudgedReport of(String name, int documents, int withoutText, int untitled, int merged,
                           int mergedRelevant, List<JudgedEvaluation.QueryRun> runs, JudgedCollection c, Recommend recommend) {
        return new JudgedReport(name, documents, withoutText, untitled, merged, mergedRelevant, scores(runs, c, r -> true),
                scores(runs, c, JudgedEvaluation.QueryRun::isShort), recommend);
    }

    private static Scores scores(List<JudgedEvaluation.QueryRun> runs, JudgedCollection c,
                                 Predicate<JudgedEvaluation.QueryRun> which) {
        double[] ours = new double[4];
        double[] fts = new double[4];
        int n = 0;
        int refused = 0;
        for (JudgedEvaluation.QueryRun r : runs) {
            if (!which.test(r)) {
                continue;
            }
            n++;
            Map<String, Integer> grades = c.judgements().get(r.query().id());
            List<String> mine = r.paperScout() == null ? List.of() : r.paperScout();
            refused += r.paperScout() == null ? 1 : 0;
            add(ours, mine, grades);
            add(fts, r.fts5(), grades);
        }
        return new Scores(n, refused, average(ours, n), average(fts, n));
    }

    private static void add(double[] sums, List<String> ranked, Map<String, Integer> grades) {
        sums[0] += Metrics.ndcg(ranked, grades, 10);
        sums[1] += Metrics.recall(ranked, grades, 10);
        sums[2] += Metrics.recall(ranked, grades, 100);
        sums[3] += Metrics.reciprocalRank(ranked, grades, 10);
    }

    private static Figures average(double[] sums, int n) {
        double d = Math.max(1, n);
        return new Figures(sums[0] / d, sums[1] / d, sums[2] / d, sums[3] / d);
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "Judged collection %s: %,d documents (%,d without an abstract, indexed with their"
                + " title%s), %d judged queries (%d within /search's short limits).%n", collection, documents,
                withoutText, untitled == 0 ? "" : "; " + untitled + " untitled, titled by their id", all.queries(),
                shortOnes.queries());
        if (merged > 0) {
            out.printf(Locale.ROOT, "The index merged %,d documents into another with the same title (its dedupe);"
                    + " /search cannot return those (%,d of them judged relevant).%n", merged, mergedRelevant);
        }
        out.println();
        out.println("                        queries  refused  nDCG@10  recall@10  recall@100  MRR@10");
        row(out, "all", all);
        row(out, "short", shortOnes);
        out.println();
        if (recommend == null) {
            return;
        }
        if (recommend.users() > 0) {
            out.printf(Locale.ROOT, "/recommend after 3 likes (%d users: queries with at least %d relevant; a user"
                    + " likes the 3 most relevant, follows nothing; all documents are candidates):%n",
                    recommend.users(), JudgedEvaluation.MIN_RELEVANT_FOR_USER);
            out.printf(Locale.ROOT, "  precision@5  PaperScout %.3f   Rocchio (tf-idf centroid) %.3f   ratio x%.2f%n",
                    recommend.paperScout(), recommend.rocchio(), ratio(recommend.paperScout(), recommend.rocchio()));
        } else {
            out.printf(Locale.ROOT, "/recommend: no judged query has at least %d relevant documents.%n",
                    JudgedEvaluation.MIN_RELEVANT_FOR_USER);
        }
    }

    private static void row(PrintStream out, String label, Scores s) {
        Figures p = s.paperScout();
        Figures f = s.fts5();
        out.printf(Locale.ROOT, "  %-5s PaperScout  %7d  %7d  %7.3f  %9.3f  %10.3f  %6.3f%n", label, s.queries(),
                s.refused(), p.ndcg10(), p.recall10(), p.recall100(), p.mrr10());
        out.printf(Locale.ROOT, "  %-5s FTS5 BM25   %7d  %7s  %7.3f  %9.3f  %10.3f  %6.3f%n", label, s.queries(), "-",
                f.ndcg10(), f.recall10(), f.recall100(), f.mrr10());
        out.printf(Locale.ROOT, "  %-5s ratio                        x%.2f  %9s  %10s  x%.2f%n", label,
                ratio(p.ndcg10(), f.ndcg10()), String.format(Locale.ROOT, "x%.2f", ratio(p.recall10(), f.recall10())),
                String.format(Locale.ROOT, "x%.2f", ratio(p.recall100(), f.recall100())), ratio(p.mrr10(), f.mrr10()));
    }

    static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }
}
