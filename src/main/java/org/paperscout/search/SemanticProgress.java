package org.paperscout.search;

/** How far the semantic index is: papers with a vector out of all papers. */
public record SemanticProgress(int embedded, int total) {

    public boolean complete() {
        return embedded >= total;
    }

    /** "semantic index: 412,000 of 1,000,000", as /status shows it. */
    public String statusLine() {
        return String.format(java.util.Locale.ROOT, "semantic index: %,d of %,d", embedded, total);
    }
}
