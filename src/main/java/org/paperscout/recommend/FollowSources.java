package org.paperscout.recommend;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paperscout.search.Embedder;
import org.paperscout.search.QueryRejected;
import org.paperscout.search.RecentWindow;
import org.paperscout.search.ScoredId;
import org.paperscout.search.SearchService;
import org.paperscout.follows.Follow;
import org.paperscout.follows.FollowKind;

/** The candidate sources from follows: topics (every word in the paper), authors and categories. */
final class FollowSources {

    static final double AUTHOR_BOOST = 0.5;
    static final double CATEGORY_BOOST = 0.25;

    private FollowSources() {
    }

    /**
     * Papers with all of a topic's words (the part is BM25 normalised by the topic's best paper); with semantic
     * search on, also papers whose embedding is close to the topic's ({@link Reason.CloseInMeaning#MIN_COSINE}),
     * at {@link #MEANING_WEIGHT} of their cosine normalised by the closest paper's, so a paper on the topic in
     * other words is found; a paper with the words keeps the words' part and reason.
     */
    static final class Topics implements CandidateSource {
        private final SearchService search;

        Topics(SearchService search) {
            this.search = search;
        }

        @Override
        public void collect(RecentWindow.Snapshot window, Profile profile, Map<String, Candidate> candidates) {
            for (Follow f : of(profile, FollowKind.TOPIC)) {
                byMeaning(window, profile, f.text(), candidates);
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
                    if (v > c.topic || c.topicByMeaning) {
                        c.topic = v;
                        c.topicName = f.text();
                        c.topicByMeaning = false;
                    }
                }
            }
        }

        private void byMeaning(RecentWindow.Snapshot window, Profile profile, String topic,
                               Map<String, Candidate> candidates) {
            if (search == null || !search.semanticEnabled()) {
                return;
            }
            Optional<float[]> query = search.queryVector(topic);
            if (query.isEmpty()) {
                return;
            }
            List<ScoredId> near;
            if (profile.negatives().size() <= NEGATIVES_ALLOWANCE) {
                // Shared by every follower of the topic for the window's lifetime: fetched without this user's
                // dislikes, with room for them, which are then dropped, so the list is the one excluding them.
                float[] vector = query.get();
                near = window.nearestToTopic(topic, 2 * Recommender.PER_SOURCE + NEGATIVES_ALLOWANCE,
                        () -> window.nearestByMeaning(vector, 2 * Recommender.PER_SOURCE + NEGATIVES_ALLOWANCE,
                                java.util.Set.of()));
            } else {
                near = window.nearestByMeaning(query.get(), 2 * Recommender.PER_SOURCE,
                        new java.util.HashSet<>(profile.negatives()));
            }
            java.util.Set<String> disliked = new java.util.HashSet<>(profile.negatives());
            List<String> ids = near.stream().map(ScoredId::id)
                    .filter(id -> !disliked.contains(id) && window.paper(id).isPresent())
                    .limit(Recommender.PER_SOURCE).toList();
            Map<String, float[]> vectors = window.vectors(ids);
            double top = 0;
            Map<String, Double> cosines = new java.util.LinkedHashMap<>();
            for (String id : ids) {
                float[] v = vectors.get(id);
                double cos = v == null ? 0 : Embedder.cosine(query.get(), v);
                top = Math.max(top, cos); // the closest paper, whether or not it has the words too
                if (cos >= Reason.CloseInMeaning.MIN_COSINE) {
                    cosines.put(id, cos);
                }
            }
            for (Map.Entry<String, Double> e : cosines.entrySet()) {
                double v = MEANING_WEIGHT * e.getValue() / top;
                Candidate c = candidates.computeIfAbsent(e.getKey(), Candidate::new);
                // Words found by a later topic replace this (see collect); meaning never replaces words.
                if (v > c.topic && (c.topicName == null || c.topicByMeaning)) {
                    c.topic = v;
                    c.topicName = topic;
                    c.topicByMeaning = true;
                    c.topicCosine = e.getValue();
                }
            }
        }
    }

    /** Dislikes a shared topic list leaves room for; a user with more gets a kNN of their own. */
    static final int NEGATIVES_ALLOWANCE = 50;

    /** A topic's closest paper by meaning weighs this much against its best paper by words (1). */
    static final double MEANING_WEIGHT = 0.8;

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
