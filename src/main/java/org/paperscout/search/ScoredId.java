package org.paperscout.search;

/** A paper id with the score a query gave it (BM25 or more-like-this; comparable only within one query). */
public record ScoredId(String id, float score) {
}
