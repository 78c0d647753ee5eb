package org.paperscout.store;

/** The database could not do what was asked (I/O, corruption, timeout). Never carries user input. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
