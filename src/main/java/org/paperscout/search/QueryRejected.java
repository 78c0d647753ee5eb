package org.paperscout.search;

/**
 * A search or topic the index cannot run as typed. The message is written for the user (what went wrong and
 * what to type instead) and never carries exception text, so front ends show it as is. Search has its own type
 * so it does not depend on the command layer, which words it as a user error.
 */
public class QueryRejected extends RuntimeException {

    public QueryRejected(String message) {
        super(message, null, false, false);
    }
}
