package org.paperscout.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/** Turns the unified highlighter's passages into {@link Snippet} spans, so renderers choose the markup. */
final class SnippetFormatter extends PassageFormatter {

    static final int MAX_CHARS = 320;

    @Override
    public Object format(Passage[] passages, String content) {
        List<Snippet.Span> spans = new ArrayList<>();
        int budget = MAX_CHARS;
        for (Passage passage : passages) {
            if (budget <= 0) {
                break;
            }
            if (!spans.isEmpty()) {
                spans.add(new Snippet.Span(" … ", false));
            }
            int pos = passage.getStartOffset();
            for (int i = 0; i < passage.getNumMatches() && budget > 0; i++) {
                int start = Math.max(passage.getMatchStarts()[i], pos);
                int end = passage.getMatchEnds()[i];
                if (start >= end) {
                    continue;
                }
                budget = add(spans, content.substring(pos, start), false, budget);
                budget = add(spans, content.substring(start, end), true, budget);
                pos = end;
            }
            add(spans, content.substring(pos, passage.getEndOffset()), false, budget);
            budget -= passage.getEndOffset() - pos;
        }
        List<Snippet.Span> merged = merge(spans);
        if (!merged.isEmpty() && !merged.get(merged.size() - 1).highlighted()) {
            Snippet.Span last = merged.remove(merged.size() - 1);
            merged.add(new Snippet.Span(last.text().stripTrailing(), false));
        }
        return new Snippet(merged);
    }

    private static int add(List<Snippet.Span> spans, String text, boolean highlighted, int budget) {
        if (text.isEmpty() || budget <= 0) {
            return budget;
        }
        String cut = highlighted ? text : Snippet.truncate(text, budget);
        spans.add(new Snippet.Span(cut.replaceAll("\\s+", " "), highlighted));
        // once a passage was cut (it ends in an ellipsis) nothing may follow it
        return cut.length() < text.length() ? 0 : budget - cut.length();
    }

    private static List<Snippet.Span> merge(List<Snippet.Span> spans) {
        List<Snippet.Span> out = new ArrayList<>();
        for (Snippet.Span s : spans) {
            if (!out.isEmpty() && out.get(out.size() - 1).highlighted() == s.highlighted()) {
                Snippet.Span last = out.remove(out.size() - 1);
                out.add(new Snippet.Span(last.text() + s.text(), s.highlighted()));
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
