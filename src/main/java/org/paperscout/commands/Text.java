package org.paperscout.commands;

/** Small text helpers shared by commands and renderers. */
public final class Text {

    public static final String ELLIPSIS = "…";

    private Text() {
    }

    /**
     * Cuts {@code s} to at most {@code max} characters (UTF-16 units), at a word boundary when one is near,
     * ending with an ellipsis when anything was cut. Never splits a surrogate pair.
     */
    public static String truncate(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max) {
            return s;
        }
        if (max <= 0) {
            return "";
        }
        int limit = max - ELLIPSIS.length();
        if (limit <= 0) {
            return ELLIPSIS.substring(0, max);
        }
        int cut = limit;
        if (Character.isLowSurrogate(s.charAt(cut)) && cut > 0) {
            cut--;
        }
        int space = s.lastIndexOf(' ', cut);
        if (space > limit * 2 / 3) {
            cut = space;
        }
        return s.substring(0, cut).stripTrailing() + ELLIPSIS;
    }

    /** The first sentence of a text (up to the first ". " etc.), at most {@code max} characters. */
    public static String firstSentence(String s, int max) {
        if (s == null || s.isBlank()) {
            return "";
        }
        String t = s.strip();
        for (int i = 0; i < t.length() - 1; i++) {
            char c = t.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && Character.isWhitespace(t.charAt(i + 1)) && i > 20) {
                return truncate(t.substring(0, i + 1), max);
            }
        }
        return truncate(t, max);
    }

    /** Collapses runs of whitespace and removes control characters. */
    public static String clean(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").replaceAll("\\s+", " ").strip();
    }
}
