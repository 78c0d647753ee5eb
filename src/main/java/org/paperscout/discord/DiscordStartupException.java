package org.paperscout.discord;

/**
 * The bot could not start (rejected token, unreachable gateway, unknown dev guild). The message is one line fit
 * for the console; it never contains the token, and there is no stack trace to print.
 */
public final class DiscordStartupException extends RuntimeException {

    public DiscordStartupException(String message) {
        super(message, null, false, false);
    }
}
