package org.paperscout.digest;

/** A digest did not go out; {@link #kind()} says what to do about it. */
public final class PublishException extends RuntimeException {

    public enum Kind {
        /** The channel is gone or the bot may not post there (Discord 10003, 50001, 50013): disable, tell the admin. */
        NO_ACCESS,
        /** The user does not accept DMs from the bot (Discord 50007): pause their digest. */
        DMS_CLOSED,
        /** A server error or timeout: try again later the same day. */
        TRANSIENT,
        /** Discord refused this message (a bug on our side, e.g. a body over a limit): fail the day, keep the target. */
        REJECTED
    }

    private final Kind kind;

    /** @param reason short, for people: shown in /digest status (no ids, no stack traces) */
    public PublishException(Kind kind, String reason, Throwable cause) {
        super(reason, cause, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return getMessage();
    }
}
