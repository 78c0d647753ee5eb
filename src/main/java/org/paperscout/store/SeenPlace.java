package org.paperscout.store;

import java.util.Locale;

/** Where a paper was shown to a user; search results deliberately have no place here. */
public enum SeenPlace {
    DIGEST, RECOMMEND, DM;

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
