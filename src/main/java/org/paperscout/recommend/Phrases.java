package org.paperscout.recommend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Candidate topic phrases of a text: two- and three-word runs of content words, keyed by their singular forms so
 * "diffusion model" and "diffusion models" count as one phrase. Runs break at punctuation, numbers and words
 * that carry no topic, which stands in for noun-phrase chunking without a tagger.
 */
final class Phrases {

    /** Words common in abstracts that never start or end a topic ("we propose", "results show"). */
    private static final Set<String> PROSE = Set.of(
            "this", "that", "these", "those", "has", "have", "had", "been", "was", "were", "also", "more", "most",
            "than", "such", "both", "each", "all", "only", "while", "however", "between", "among", "other", "then",
            "there", "they", "them", "thus", "here", "show", "shows", "shown", "propose", "proposes", "proposed",
            "present", "presents", "introduce", "introduces", "demonstrate", "demonstrates", "results", "result",
            "paper", "experiments", "experimental", "performance", "existing", "first", "well", "may", "many",
            "much", "very", "some", "any", "no", "one", "two", "three", "further", "large-scale", "state-of-the-art",
            "significantly", "achieves", "achieve", "outperforms", "across", "often", "even", "still", "without",
            "within", "up", "out", "so", "if", "but", "i", "ii", "e", "g", "et", "al", "yet", "us");

    private Phrases() {
    }

    /** Each phrase key of {@code text} (singular words joined by spaces) once, with how the text wrote it. */
    static Map<String, String> of(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (List<String> run : runs(text)) {
            for (int len = 2; len <= 3; len++) {
                for (int i = 0; i + len <= run.size(); i++) {
                    List<String> words = run.subList(i, i + len);
                    if (words.get(0).equals(words.get(len - 1))) {
                        continue;
                    }
                    StringBuilder key = new StringBuilder();
                    for (String w : words) {
                        key.append(key.isEmpty() ? "" : " ").append(singular(w));
                    }
                    out.putIfAbsent(key.toString(), String.join(" ", words));
                }
            }
        }
        return out;
    }

    /** Runs of content words: lower case, split at anything but letters, digits and inner hyphens. */
    static List<List<String>> runs(String text) {
        List<List<String>> runs = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String raw : (text == null ? "" : text).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}-]+")) {
            String w = raw.replaceAll("^-+|-+$", "");
            if (w.length() < 2 || TitleWords.isFiller(w) || PROSE.contains(w) || w.chars().allMatch(Character::isDigit)) {
                if (!current.isEmpty()) {
                    runs.add(current);
                    current = new ArrayList<>();
                }
                continue;
            }
            current.add(w);
        }
        if (!current.isEmpty()) {
            runs.add(current);
        }
        return runs;
    }

    /** The singular of an English plural, conservatively: "models" to "model", "queries" to "query". */
    static String singular(String w) {
        int n = w.length();
        if (n <= 3 || w.endsWith("ss") || w.endsWith("us") || w.endsWith("is")) {
            return w;
        }
        if (w.endsWith("ies") && n > 4) {
            return w.substring(0, n - 3) + "y";
        }
        if (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes")) {
            return w.substring(0, n - 2);
        }
        if (w.endsWith("s") && !w.endsWith("'s")) {
            return w.substring(0, n - 1);
        }
        return w;
    }
}
