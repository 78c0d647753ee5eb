package org.paperscout.store;

import java.util.Locale;

/** A user's feedback on a paper: 👍, 👎, or "not interested" (keep it out of my feed). */
public enum Verdict {
    UP, DOWN, NOT_INTERESTED;

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Verdict of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
