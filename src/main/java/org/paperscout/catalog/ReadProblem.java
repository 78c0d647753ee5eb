package org.paperscout.catalog;

/**
 * A record a reader skipped.
 *
 * @param location where it was: {@code file:line} or {@code file#entry}
 * @param reason   why, in words a person can act on
 */
public record ReadProblem(String location, String reason) {

    @Override
    public String toString() {
        return location + ": " + reason;
    }
}
