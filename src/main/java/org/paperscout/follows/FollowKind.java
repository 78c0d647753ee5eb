package org.paperscout.follows;

import java.util.Locale;
import java.util.Optional;

/** What a follow matches: a topic query, an author name, an arXiv category, or a topic to keep out. */
public enum FollowKind {
    TOPIC, AUTHOR, CATEGORY, EXCLUDE;

    /** The lower-case word used in SQL, commands and exports. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FollowKind> parse(String word) {
        for (FollowKind k : values()) {
            if (k.word().equalsIgnoreCase(word == null ? "" : word.strip())) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
