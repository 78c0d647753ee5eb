package org.paperscout.commands;

/**
 * Checks free text a user typed before anything stores or searches it: present, on one line, without control
 * or direction-override characters, and not too long. Markdown and mentions are fine (stored literally;
 * renderers escape them). Each refusal is a {@link UserError} saying what to type instead.
 */
public final class UserInput {

    private UserInput() {
    }

    /**
     * The text with surrounding whitespace removed and inner runs of spaces collapsed.
     *
     * @param what    how to call the value in messages, e.g. "topic"
     * @param max     the limit in characters (Unicode code points)
     * @param example a command showing a good value, e.g. "/follow topic machine unlearning"
     */
    public static String require(String raw, String what, int max, String example) {
        if (raw == null || raw.isBlank()) {
            throw UserError.keyed("input.missing", "what", code(what), "text", what, "example", example);
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw UserError.keyed("input.broken", "what", code(what), "text", what);
            }
            if (Character.isISOControl(c) && c != ' ' || isLayoutControl(c)) {
                throw UserError.keyed("input.control", "what", code(what), "text", what, "example", example);
            }
        }
        String text = raw.strip().replaceAll("\\s+", " ");
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            throw UserError.keyed("input.too-long", "what", code(what), "text", what,
                    "length", String.valueOf(length), "max", String.valueOf(max)); // ungrouped, as always
        }
        return text;
    }

    /**
     * The messages pick their words for a value by this code ("topic to exclude" is topic_to_exclude), so each
     * language can give it its own article and gender; a value they do not know reads as {@code what} itself.
     */
    private static String code(String what) {
        return what.replace(' ', '_');
    }

    /** Line/paragraph separators and bidirectional overrides, which can make stored text render misleadingly. */
    private static boolean isLayoutControl(char c) {
        return c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
