package org.paperscout.library;

import java.time.Instant;
import org.paperscout.catalog.Paper;

/**
 * A paper in a user's reading list, as it was when saved.
 *
 * @param readAt when the user marked it read, or null while unread
 */
public record SavedPaper(Paper paper, Instant savedAt, Instant readAt) {

    public boolean isRead() {
        return readAt != null;
    }
}
