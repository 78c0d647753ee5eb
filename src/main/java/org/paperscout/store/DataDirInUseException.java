package org.paperscout.store;

/** Another PaperScout process holds the data folder; the message is one line meant for the operator. */
public final class DataDirInUseException extends RuntimeException {

    DataDirInUseException(String message) {
        super(message, null, false, false);
    }
}
