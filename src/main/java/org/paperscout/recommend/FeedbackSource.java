package org.paperscout.recommend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.paperscout.catalog.Paper;
import org.paperscout.search.RecentWindow;
import org.paperscout.search.ScoredId;
import org.paperscout.search.SearchService;

/**
 * Rocchio from feedback: papers like what the user liked or saved, taken together, gain a part (one profile
 * query, see {@code RecentWindow.Snapshot#likeThese}); papers like what they voted down or dismissed lose one
 * (a penalty only; a disliked paper's neighbours never become candidates).
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
        List<Paper> positives = papers(window, profile.positives().keySet());
        List<Paper> negatives = papers(window, profile.negatives());
        List<ScoredId> like = window.likeThese(positives, negatives, Recommender.PER_SOURCE);
        float top = like.isEmpty() ? 0 : like.get(0).score();
        TextSimilarity words = new TextSimilarity();
        List<TextSimilarity.Vector> vectors = positives.stream().map(p -> words.vector(search.terms(p))).toList();
        for (ScoredId s : like) {
            Candidate c = candidates.computeIfAbsent(s.id(), Candidate::new);
            c.similar = SIMILAR_BOOST * s.score() / top;
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
