package org.paperscout.discord;

import org.paperscout.commands.Text;

/**
 * Makes untrusted text render literally in Discord. JDA's MarkdownSanitizer leaves masked links, headings,
 * lists, quotes and mention syntax alone, so this escapes those too. Discord treats a backslash before any
 * ASCII punctuation as "show this character", so escaping never changes what the reader sees.
 */
final class Markdown {

    /** Characters with a meaning anywhere in a line: emphasis, code, spoilers, links, mentions, escapes. */
    private static final String INLINE = "\\*_~`|[]<>@";

    private Markdown() {
    }

    static String escape(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (lineStart && c != ' ' && c != '\t') {
                lineStart = false;
                // Headings (#, -#), lists (-, +, 1.) and quotes only work at the start of a line.
                if (c == '#' || c == '-' || c == '+') {
                    out.append('\\');
                } else if (Character.isDigit(c)) {
                    int j = i;
                    while (j < s.length() && Character.isDigit(s.charAt(j))) {
                        j++;
                    }
                    if (j < s.length() && (s.charAt(j) == '.' || s.charAt(j) == ')')) {
                        out.append(s, i, j).append('\\').append(s.charAt(j));
                        i = j;
                        continue;
                    }
                }
            }
            if (INLINE.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
            if (c == '\n') {
                lineStart = true;
            }
        }
        return out.toString();
    }

    /**
     * The escaped form of {@code raw}, cut at a word boundary (with an ellipsis) so the escaped text fits in
     * {@code max} characters. Cuts the raw text, not the escaped one, so an escape is never split in half.
     */
    static String fit(String raw, int max) {
        if (raw == null || raw.isEmpty() || max <= 0) {
            return "";
        }
        int budget = max;
        while (true) {
            String escaped = escape(Text.truncate(raw, budget));
            if (escaped.length() <= max) {
                return escaped;
            }
            // Each pass removes at least the overflow, so this ends.
            budget -= Math.max(1, escaped.length() - max);
            if (budget <= 0) {
                return "";
            }
        }
    }
}
