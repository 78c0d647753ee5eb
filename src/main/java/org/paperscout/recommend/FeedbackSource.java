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
     * a few typed words. k is 20, not the usual 60: with 50 papers a list and k 60, any paper both lists hold beat
     * the best of either alone, and on Cranfield relevant papers the words ranked first were lost to papers both
     * held halfway down; at 20 a list's leader beats agreement below about rank 22 (README, "Four more
     * collections": p@5 up on Cranfield, CACM and CISI, MEDLINE within its noise).
     */
    static final HybridRanker BY_WORDS_AND_MEANING = new HybridRanker(20, 1.0f, 1.0f);

    private final SearchService search;

    FeedbackSource(SearchService search) {
        this.search = search;
    }

    @Override
    public void collect(RecentWindow.Snapshot window, Profile profile, Map<String, Candidate> candidates) {
        List<Paper> positives = papers(window, profile.positives().keySet());
        List<Paper> negatives = papers(window, profile.negatives());
        List<ScoredId> like = window.likeThese(positives, negatives, Recommender.PER_SOURCE);
        ByMeaning meaning = ByMeaning.of(search, window, positives, profile);
        Set<String> byWords = new HashSet<>();
        like.forEach(s -> byWords.add(s.id()));
        List<ScoredId> ranked = meaning.nearest().isEmpty() ? like : BY_WORDS_AND_MEANING.fuse(
                like.stream().map(ScoredId::id).toList(), meaning.nearest().stream().map(ScoredId::id).toList());
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
