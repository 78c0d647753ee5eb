package org.paperscout.follows;

import java.time.Instant;

/** One thing a user follows; {@code text} is literal as typed. */
public record Follow(long id, FollowKind kind, String text, Instant createdAt) {
}
