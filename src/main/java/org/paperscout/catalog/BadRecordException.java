package org.paperscout.catalog;

/**
 * One record cannot be used; the reader reports {@link #getMessage()} as a {@link ReadProblem} reason and moves
 * on. Stackless: it is control flow for expected bad input, thrown once per malformed record.
 */
final class BadRecordException extends Exception {

    BadRecordException(String reason) {
        super(reason, null, false, false);
    }
}
