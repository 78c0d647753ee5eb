package org.paperscout.catalog;

import java.io.IOException;

/** The whole input is unusable (wrong format, truncated, refused as unsafe); nothing from it is ingested. */
public class UnreadableInputException extends IOException {

    public UnreadableInputException(String message) {
        super(message);
    }

    public UnreadableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
