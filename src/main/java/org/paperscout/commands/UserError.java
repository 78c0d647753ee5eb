package org.paperscout.commands;

/**
 * Something the user typed cannot be done; the message says what went wrong and what to type instead, and is
 * shown as is (ephemeral). Never carries raw exception text.
 */
public class UserError extends RuntimeException {

    public UserError(String message) {
        super(message, null, false, false);
    }
}
