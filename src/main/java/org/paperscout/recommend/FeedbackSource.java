package org.paperscout.recommend;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.search.HybridRanker;
import org.paperscout.search.RecentWindow;
import org.paperscout.search.ScoredId;
import org.paperscout.search.SearchService;

/**
 * Rocchio from feedback: papers like what the user liked or saved, taken together, gain a part (one profile
 * query, see {@code RecentWindow.Snapshot#likeThese}); papers like what they voted down or dismissed lose one
 * (a penalty only; a disliked paper's neighbours never become candidates). With semantic search on, the papers
 * nearest the centroid of the liked papers' embeddings are fused with that list by reciprocal rank, so a paper
 * on the same subject in other words is found too.
 */
final class FeedbackSource implements CandidateSource {

    static final double SIMILAR_BOOST = 0.6;
    static final double DISLIKE_PENALTY = 0.6;
    /**
     * Words and meaning weigh alike here (on CACM, p@5 after three likes: 0.351 at the /search weights 1 : 0.5,
     * 0.357 at 1 : 0.75 and 1 : 1, 0.351 at 1 : 1.5): a centroid of whole liked abstracts is a steadier query than
     * a few typed words.
     */
    static final HybridRanker BY_WORDS_AND_MEANING = new HybridRanker(60, 1.0f, 1.0f);

    private final SearchService search;

    FeedbackSource(SearchService search) {
        this.search = search;
    }

    @Override
    public void collect(RecentWindow.Snapshot window, Profile profile, Map<String, Candidate> candidates) {
        List<Paper> positives = papers(window, profile.positives().keySet());
        List<Paper> negatives = papers(window, profile.negatives());
        int depth = Integer.getInteger("x.depth", Recommender.PER_SOURCE);
        String mode = System.getProperty("x.dense", "c");
        double tfidfWeight = Double.parseDouble(System.getProperty("x.tfidf", "0"));
        String fusion = System.getProperty("x.fusion", "rrf");
        double denseWeight = Double.parseDouble(System.getProperty("x.densew", "1"));
        double lexWeight = Double.parseDouble(System.getProperty("x.lexw", "1"));
        List<ScoredId> like = window.likeThese(positives, negatives, depth);
        ByMeaning meaning = ByMeaning.of(search, window, positives, profile, depth, mode);
        Set<String> byWords = new HashSet<>();
        like.forEach(s -> byWords.add(s.id()));
        List<ScoredId> ranked;
        if (meaning.nearest().isEmpty() && tfidfWeight == 0) {
            ranked = like;
        } else {
            Set<String> union = new java.util.LinkedHashSet<>();
            like.forEach(s -> union.add(s.id()));
            meaning.nearest().forEach(s -> union.add(s.id()));
            Map<String, Double> tfidf = tfidfWeight > 0 || !fusion.equals("rrf")
                    ? window.profileCosines(positives, union) : Map.of();
            if (fusion.equals("rrf")) {
                Map<String, Double> fused = new java.util.HashMap<>();
                rrf(fused, like.stream().map(ScoredId::id).toList(), lexWeight);
                rrf(fused, meaning.nearest().stream().map(ScoredId::id).toList(), denseWeight);
                if (tfidfWeight > 0) {
                    rrf(fused, union.stream().sorted(java.util.Comparator.comparing((String id) -> -tfidf.get(id))
                            .thenComparing(id -> id)).toList(), tfidfWeight);
                }
                ranked = sorted(fused);
            } else {
                // every union member gets all three signals: BM25 (missing: the list's lowest), cosine, tf-idf
                Map<String, Double> bm25 = new java.util.HashMap<>();
                like.forEach(s -> bm25.put(s.id(), (double) s.score()));
                double low = like.isEmpty() ? 0 : like.get(like.size() - 1).score();
                Map<String, Double> cos = meaning.nearest().isEmpty() ? Map.of() : meaning.centroidCosines(union);
                Map<String, Double> fused = new java.util.HashMap<>();
                Map<String, Double> lexAll = new java.util.HashMap<>();
                union.forEach(id -> lexAll.put(id, bm25.getOrDefault(id, low)));
                norm(fused, lexAll, fusion, lexWeight);
                if (!cos.isEmpty()) {
                    norm(fused, cos, fusion, denseWeight);
                }
                if (tfidfWeight > 0) {
                    norm(fused, tfidf, fusion, tfidfWeight);
                }
                double min = fused.values().stream().mapToDouble(d -> d).min().orElse(0);
                double max = fused.values().stream().mapToDouble(d -> d).max().orElse(1);
                fused.replaceAll((id, v) -> 0.01 + (v - min) / Math.max(1e-9, max - min));
                ranked = sorted(fused);
            }
        }
        float top = ranked.isEmpty() ? 0 : ranked.get(0).score();
        TextSimilarity words = new TextSimilarity();
        List<TextSimilarity.Vector> vectors = positives.stream().map(p -> words.vector(search.terms(p))).toList();
        for (ScoredId s : ranked) {
            Candidate c = candidates.computeIfAbsent(s.id(), Candidate::new);
            c.similar = SIMILAR_BOOST * s.score() / top;
            if (!byWords.contains(s.id())) {
                ByMeaning.Closest closest = meaning.closest(s.id());
                c.similarTo = closest.paperId();
                c.similarHow = profile.positives().get(c.similarTo);
                c.similarByMeaning = true;
                c.meaningCosine = closest.cosine();
                continue;
            }
            // The card names the liked paper closest to this one; the profile is all of them together.
            TextSimilarity.Vector v = words.vector(window.terms(s.id()));
            int closest = 0;
            for (int i = 1; i < vectors.size(); i++) {
                if (TextSimilarity.cosine(v, vectors.get(i)) > TextSimilarity.cosine(v, vectors.get(closest))) {
                    closest = i;
                }
            }
            c.similarTo = positives.get(closest).id();
            c.similarHow = profile.positives().get(c.similarTo);
        }
        for (String id : profile.negatives()) {
            List<ScoredId> unlike = moreLike(window, id);
            float worst = unlike.isEmpty() ? 0 : unlike.get(0).score();
            for (ScoredId s : unlike) {
                Candidate c = candidates.get(s.id());
                if (c != null) {
                    c.penalty = Math.max(c.penalty, DISLIKE_PENALTY * s.score() / worst);
                }
            }
        }
    }

    private static void rrf(Map<String, Double> fused, List<String> ids, double w) {
        for (int i = 0; i < ids.size(); i++) {
            fused.merge(ids.get(i), w / (60 + i + 1), Double::sum);
        }
    }

    private static void norm(Map<String, Double> fused, Map<String, Double> scores, String how, double w) {
        double mean = scores.values().stream().mapToDouble(d -> d).average().orElse(0);
        double sd = Math.sqrt(scores.values().stream().mapToDouble(d -> (d - mean) * (d - mean)).average().orElse(0));
        double min = scores.values().stream().mapToDouble(d -> d).min().orElse(0);
        double max = scores.values().stream().mapToDouble(d -> d).max().orElse(1);
        scores.forEach((id, v) -> fused.merge(id, w * (how.equals("z") ? (v - mean) / Math.max(1e-9, sd)
                : (v - min) / Math.max(1e-9, max - min)), Double::sum));
    }

    private static List<ScoredId> sorted(Map<String, Double> fused) {
        List<ScoredId> out = new ArrayList<>();
        fused.forEach((id, v) -> out.add(new ScoredId(id, v.floatValue())));
        out.sort(java.util.Comparator.comparing(ScoredId::score).reversed().thenComparing(ScoredId::id));
        return out;
    }

    private List<Paper> papers(RecentWindow.Snapshot window, java.util.Collection<String> ids) {
        List<Paper> out = new ArrayList<>();
        for (String id : ids) {
            window.paper(id).or(() -> search.paper(id)).ifPresent(out::add);
        }
        return out;
    }

    /** More-like-this over the window for a liked or disliked paper, which may itself be older. */
    private List<ScoredId> moreLike(RecentWindow.Snapshot window, String paperId) {
        return window.paper(paperId).or(() -> search.paper(paperId))
                .map(p -> window.moreLike(p, Recommender.PER_SOURCE)).orElse(List.of());
    }
}
