package org.paperscout.search;

import java.util.List;

/** A short passage of an abstract with the matched terms marked; renderers decide how marks look. */
public record Snippet(List<Span> spans) {

    public static final Snippet EMPTY = new Snippet(List.of());
    public static final String ELLIPSIS = "…";

    public Snippet {
        spans = List.copyOf(spans);
    }

    /**
     * Cuts {@code s} to at most {@code max} characters (UTF-16 units), at a word boundary when one is near,
     * ending with an ellipsis when anything was cut. Never splits a surrogate pair. Lives here because snippets
     * are cut to a budget below the command layer; {@code commands.Text.truncate} is the same cut.
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

    public static Snippet plain(String text) {
        return new Snippet(List.of(new Span(text, false)));
    }

    public String plainText() {
        StringBuilder sb = new StringBuilder();
        spans.forEach(s -> sb.append(s.text()));
        return sb.toString();
    }

    public boolean isEmpty() {
        return spans.stream().allMatch(s -> s.text().isEmpty());
    }

    /** Literal text; {@code highlighted} marks a query match. */
    public record Span(String text, boolean highlighted) {
    }
}
