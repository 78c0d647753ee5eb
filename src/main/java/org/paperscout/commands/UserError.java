package org.paperscout.commands;

import java.util.Locale;
import org.paperscout.i18n.Messages;

/**
 * Something the user typed cannot be done; the message says what went wrong and what to type instead, and is
 * shown as is (ephemeral). Never carries raw exception text. One made with {@link #keyed} is worded in the
 * caller's language; {@link #getMessage()} is then the English text (for logs and tests).
 */
public class UserError extends RuntimeException {

    private final String key;
    private final transient Object[] args;

    public UserError(String message) {
        this(message, null, new Object[0]);
    }

    private UserError(String message, String key, Object[] args) {
        super(message, null, false, false);
        this.key = key;
        this.args = args;
    }

    /** An error worded by the message {@code key}, with its arguments as name, value pairs. */
    public static UserError keyed(String key, Object... namesAndValues) {
        return new UserError(Messages.of(Messages.ENGLISH).get(key, namesAndValues), key, namesAndValues.clone());
    }

    /** The message in {@code locale}; the literal message for errors not yet moved to the bundles. */
    public String message(Locale locale) {
        return key == null ? getMessage() : Messages.of(locale).get(key, args);
    }
}
