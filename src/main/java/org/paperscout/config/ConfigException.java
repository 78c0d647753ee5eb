package org.paperscout.config;

/** A configuration value is missing or malformed; the message is one line naming the key and the expected form. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
