package org.paperscout.recommend;

import java.util.Locale;
import java.util.Set;

/** Words in paper titles that carry no topic ("via", "towards", "study"): never part of a suggested topic. */
final class TitleWords {

    private static final Set<String> FILLER = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "beyond", "by", "can", "do", "does", "for", "from", "how",
            "in", "into", "is", "it", "its", "new", "not", "of", "on", "or", "our", "over", "the", "their", "through",
            "to", "towards", "toward", "under", "using", "via", "vs", "we", "what", "when", "where", "which", "why",
            "with", "without", "study", "approach", "method", "methods", "based", "analysis", "case", "use",
            "paper", "work", "improving", "improves", "improved", "lessons", "short", "long", "better");

    private TitleWords() {
    }

    static boolean isFiller(String word) {
        return FILLER.contains(word.toLowerCase(Locale.ROOT));
    }
}
