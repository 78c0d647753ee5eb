package org.paperscout.store;

import java.time.Instant;

/** One user's first engagement of a kind with a paper; who it was is deliberately not part of it. */
public record EngagementEvent(String paperId, EngagementKind kind, Instant at) {
}
