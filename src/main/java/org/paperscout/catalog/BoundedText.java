package org.paperscout.catalog;

/**
 * Collects text as it streams in, collapsing whitespace runs to one space and trimming both ends, and keeps at
 * most {@code limit} cleaned characters. Past the limit it still counts, so a caller can report how long the
 * value really was without ever holding a huge string (an XML summary can be arbitrarily long).
 */
final class BoundedText {

    private final int limit;
    private final StringBuilder kept = new StringBuilder();
    private long length;
    private boolean pendingSpace;

    BoundedText(int limit) {
        this.limit = limit;
    }

    void append(CharSequence chars) {
        for (int i = 0; i < chars.length(); ) {
            int cp = Character.codePointAt(chars, i);
            i += Character.charCount(cp);
            if (PaperFields.isSpace(cp)) {
                pendingSpace = length > 0;
            } else {
                if (pendingSpace) {
                    add(' ');
                    pendingSpace = false;
                }
                add(cp);
            }
        }
    }

    private void add(int cp) {
        int n = Character.charCount(cp);
        if (length + n <= limit) {
            kept.appendCodePoint(cp);
        }
        length += n;
    }

    /** The cleaned length, including what was not kept. */
    long length() {
        return length;
    }

    boolean overflowed() {
        return length > limit;
    }

    /** The kept text: all of it unless {@link #overflowed()}. */
    @Override
    public String toString() {
        return kept.toString();
    }
}
