package org.paperscout.follows;

/**
 * Checks that a topic parses with the same safe query parser as /search, throwing
 * {@link org.paperscout.search.QueryRejected} with the parser's friendly message when it does not.
 * The composition root passes {@code searchService::checkQuery}.
 */
@FunctionalInterface
public interface TopicValidator {

    void check(String topic);
}
