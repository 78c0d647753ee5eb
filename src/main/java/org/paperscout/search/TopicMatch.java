package org.paperscout.search;

import java.util.List;

/**
 * Why a paper matches a followed topic: each of the topic's words found in the paper (as the user typed it;
 * the index compares stems, so "models" also finds "model"), and where.
 */
public record TopicMatch(List<Word> words) {

    public TopicMatch {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a topic match without a word");
        }
    }

    /** One topic word and the parts of the paper that contain it (at least one). */
    public record Word(String word, boolean inTitle, boolean inAbstract) {
        public Word {
            if (!inTitle && !inAbstract) {
                throw new IllegalArgumentException("'" + word + "' is in neither the title nor the abstract");
            }
        }
    }
}
