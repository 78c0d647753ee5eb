package org.paperscout.recommend;

import java.util.List;
import java.util.Map;
import org.paperscout.search.RecentWindow;
import org.paperscout.search.ScoredId;
import org.paperscout.search.SearchService;

/**
 * Rocchio from feedback: papers like what the user liked or saved gain a part, papers like what they voted
 * down or dismissed lose one (a penalty only; a disliked paper's neighbours never become candidates).
 */
final class FeedbackSource implements CandidateSource {

    static final double SIMILAR_BOOST = 0.6;
    static final double DISLIKE_PENALTY = 0.6;

    private final SearchService search;

    FeedbackSource(SearchService search) {
        this.search = search;
    }

    @Override
    public void collect(RecentWindow.Snapshot window, Profile profile, Map<String, Candidate> candidates) {
        for (Map.Entry<String, String> p : profile.positives().entrySet()) {
            List<ScoredId> like = moreLike(window, p.getKey());
            float top = like.isEmpty() ? 0 : like.get(0).score();
            for (ScoredId s : like) {
                double v = SIMILAR_BOOST * s.score() / top;
                Candidate c = candidates.computeIfAbsent(s.id(), Candidate::new);
                if (v > c.similar) {
                    c.similar = v;
                    c.similarTo = p.getKey();
                    c.similarHow = p.getValue();
                }
            }
        }
        for (String id : profile.negatives()) {
            List<ScoredId> like = moreLike(window, id);
            float top = like.isEmpty() ? 0 : like.get(0).score();
            for (ScoredId s : like) {
                Candidate c = candidates.get(s.id());
                if (c != null) {
                    c.penalty = Math.max(c.penalty, DISLIKE_PENALTY * s.score() / top);
                }
            }
        }
    }

    /** More-like-this over the window for a liked or disliked paper, which may itself be older. */
    private List<ScoredId> moreLike(RecentWindow.Snapshot window, String paperId) {
        return window.paper(paperId).or(() -> search.paper(paperId))
                .map(p -> window.moreLike(p, Recommender.PER_SOURCE)).orElse(List.of());
    }
}
