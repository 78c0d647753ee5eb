package org.paperscout.recommend;

/**
 * A user's ranking mix for /recommend: relative weights from 0 to 100, at least one above 0.
 *
 * @param trending  how much what the server and upstream engage with counts
 * @param relevance how much matching the user's follows and feedback counts
 * @param recency   how much newness counts
 */
public record Tune(int trending, int relevance, int recency) {

    public Tune {
        if (out(trending) || out(relevance) || out(recency)) {
            throw new IllegalArgumentException("tune weights are 0-100");
        }
        if (trending + relevance + recency == 0) {
            throw new IllegalArgumentException("at least one tune weight must be above 0");
        }
    }

    private static boolean out(int v) {
        return v < 0 || v > 100;
    }

    double trendingShare() {
        return trending / (double) (trending + relevance + recency);
    }

    double relevanceShare() {
        return relevance / (double) (trending + relevance + recency);
    }

    double recencyShare() {
        return recency / (double) (trending + relevance + recency);
    }

    public String describe() {
        return "trending " + trending + " · relevance " + relevance + " · recency " + recency;
    }
}
