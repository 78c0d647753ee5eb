package org.paperscout.search;

import java.util.Locale;
import org.paperscout.i18n.Messages;

/**
 * A search or topic the index cannot run as typed. The message is written for the user (what went wrong and
 * what to type instead) and never carries exception text, so front ends show it as is. Search has its own type
 * so it does not depend on the command layer, which words it as a user error.
 */
public class QueryRejected extends RuntimeException {

    private final String key;
    private final transient Object[] args;

    public QueryRejected(String message) {
        super(message, null, false, false);
        this.key = null;
        this.args = new Object[0];
    }

    private QueryRejected(String key, Object[] namesAndValues) {
        super(Messages.of(Messages.ENGLISH).get(key, namesAndValues), null, false, false);
        this.key = key;
        this.args = namesAndValues.clone();
    }

    /** A refusal worded by the message {@code key}; {@link #getMessage()} is its English text (logs, evaluation). */
    static QueryRejected keyed(String key, Object... namesAndValues) {
        return new QueryRejected(key, namesAndValues);
    }

    /** The refusal in {@code locale}. */
    public String message(Locale locale) {
        return key == null ? getMessage() : Messages.of(locale).get(key, args);
    }
}
