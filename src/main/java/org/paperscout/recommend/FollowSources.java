package org.paperscout.recommend;

import java.util.List;
import java.util.Map;
import org.paperscout.search.QueryRejected;
import org.paperscout.search.RecentWindow;
import org.paperscout.search.ScoredId;
import org.paperscout.follows.Follow;
import org.paperscout.follows.FollowKind;

/** The candidate sources from follows: topics (every word in the paper), authors and categories. */
final class FollowSources {

    static final double AUTHOR_BOOST = 0.5;
    static final double CATEGORY_BOOST = 0.25;

    private FollowSources() {
    }

    /** Papers with all of a topic's words; the part is BM25 normalised by the topic's best paper. */
    static final class Topics implements CandidateSource {
        @Override
        public void collect(RecentWindow.Snapshot window, Profile profile, Map<String, Candidate> candidates) {
            for (Follow f : of(profile, FollowKind.TOPIC)) {
                List<ScoredId> hits;
                try {
                    hits = window.topic(f.text(), Recommender.PER_SOURCE);
                } catch (QueryRejected e) {
                    continue; // a follow saved before the query rules changed; /following still lists it
                }
                float top = hits.isEmpty() ? 0 : hits.get(0).score();
                for (ScoredId s : hits) {
                    double v = s.score() / top;
                    Candidate c = candidates.computeIfAbsent(s.id(), Candidate::new);
                    if (v > c.topic) {
                        c.topic = v;
                        c.topicName = f.text();
                    }
                }
            }
        }
    }

    /** Papers by a followed author; the first followed author found is the one named. */
    static final class Authors implements CandidateSource {
        @Override
        public void collect(RecentWindow.Snapshot window, Profile profile, Map<String, Candidate> candidates) {
            for (Follow f : of(profile, FollowKind.AUTHOR)) {
                for (ScoredId s : window.author(f.text(), Recommender.PER_SOURCE)) {
                    Candidate c = candidates.computeIfAbsent(s.id(), Candidate::new);
                    if (c.author == 0) {
                        c.author = AUTHOR_BOOST;
                        c.authorName = f.text();
                    }
                }
            }
        }
    }

    /** Papers in a followed category. */
    static final class Categories implements CandidateSource {
        @Override
        public void collect(RecentWindow.Snapshot window, Profile profile, Map<String, Candidate> candidates) {
            for (Follow f : of(profile, FollowKind.CATEGORY)) {
                for (ScoredId s : window.category(f.text(), Recommender.PER_SOURCE)) {
                    Candidate c = candidates.computeIfAbsent(s.id(), Candidate::new);
                    if (c.category == 0) {
                        c.category = CATEGORY_BOOST;
                        c.categoryName = f.text();
                    }
                }
            }
        }
    }

    private static List<Follow> of(Profile profile, FollowKind kind) {
        return profile.follows().stream().filter(f -> f.kind() == kind).toList();
    }
}
