package org.paperscout.club;

/** A thread or poll that could not be made, saying why in words a user can act on. */
public final class ClubException extends RuntimeException {

    public enum Kind {
        /** The bot lacks a permission in the channel; {@link #permission()} names it as Discord's settings do. */
        MISSING_PERMISSION,
        /** The channel or message is gone, or the bot can no longer see it. */
        GONE,
        /** Discord did not answer or had an error: trying later may work. */
        TRANSIENT
    }

    private final Kind kind;
    private final String permission;

    public ClubException(Kind kind, String detail, String permission, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
        this.permission = permission;
    }

    public static ClubException missing(String permission) {
        return new ClubException(Kind.MISSING_PERMISSION, "missing permission " + permission, permission, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The missing permission's name ("Create Public Threads"), or null for other kinds. */
    public String permission() {
        return permission;
    }
}
