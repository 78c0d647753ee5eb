package org.paperscout.store;

import java.util.Locale;

/** Engagement that feeds trending: a save, an upvote, an expanded abstract, a followed link. */
public enum EngagementKind {
    SAVE, VOTE, EXPAND, CLICK;

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static EngagementKind of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
