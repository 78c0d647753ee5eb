package org.paperscout.commands;

import java.util.List;

/** A short passage of an abstract with the matched terms marked; renderers decide how marks look. */
public record Snippet(List<Span> spans) {

    public static final Snippet EMPTY = new Snippet(List.of());

    public Snippet {
        spans = List.copyOf(spans);
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
