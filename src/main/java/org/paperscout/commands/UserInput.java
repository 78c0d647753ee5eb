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
            throw new UserError("Please type a " + what + ", e.g. " + example + ".");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw new UserError("That " + what + " contains broken characters; please type it again.");
            }
            if (Character.isISOControl(c) && c != ' ' || isLayoutControl(c)) {
                throw new UserError("That " + what + " contains line breaks or control characters; "
                        + "please type it on one line, e.g. " + example + ".");
            }
        }
        String text = raw.strip().replaceAll("\\s+", " ");
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            throw new UserError("That " + what + " is " + length + " characters long; the limit is " + max
                    + ". Try a shorter one.");
        }
        return text;
    }

    /** Line/paragraph separators and bidirectional overrides, which can make stored text render misleadingly. */
    private static boolean isLayoutControl(char c) {
        return c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
