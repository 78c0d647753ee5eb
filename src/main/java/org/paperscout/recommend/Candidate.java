package org.paperscout.recommend;

import java.time.LocalDate;

/** Everything known about one candidate while ranking: each source's part, then the scores. */
final class Candidate {
    final String id;
    double topic;
    String topicName;
    /** The topic part came from the embeddings (no paper with all the topic's words scored higher). */
    boolean topicByMeaning;
    /** Cosine of the embeddings of {@link #topicName} and this paper, when found by meaning. */
    double topicCosine;
    double author;
    String authorName;
    double category;
    String categoryName;
    double similar;
    String similarTo;
    String similarHow;
    /** Found only by meaning (the embedding centroid of liked papers), not by their words. */
    boolean similarByMeaning;
    /** Cosine of the embeddings of this paper and {@link #similarTo}, when found by meaning. */
    double meaningCosine;
    double penalty;
    double relevanceNorm;
    TrendingPaper trending;
    double trendNorm;
    double recency;
    LocalDate published;
    /**
     * The paper as the window scored holds it, null when it is not in that window: set by {@link Scoring}, so the
     * diversifier and the page read it without looking it up again (a lookup per pool candidate per user).
     */
    org.paperscout.catalog.Paper paper;
    double finalScore;
    /** The trending part of {@link #finalScore}. */
    double trendPart;

    Candidate(String id) {
        this.id = id;
    }

    double relevance() {
        return topic + author + category + similar - penalty;
    }
}
