package org.paperscout.sources;

import java.util.List;
import org.paperscout.catalog.ReadProblem;
import org.paperscout.commands.Text;

/**
 * What one successful poll of one source did.
 *
 * @param requests    documents fetched (a 304 counts)
 * @param notModified the server said nothing changed since the last poll
 * @param skipped     malformed entries left out; each is in {@code problems}
 */
public record PollResult(String source, int requests, boolean notModified, int added, int updated, int unchanged,
                         int skipped, List<ReadProblem> problems) {

    public PollResult {
        problems = List.copyOf(problems);
    }

    @Override
    public String toString() {
        if (notModified && added + updated + skipped == 0) {
            return source + ": nothing new (" + Text.count(requests, "request") + ")";
        }
        return source + ": " + added + " new, " + updated + " updated, " + unchanged + " unchanged, " + skipped
                + " skipped (" + Text.count(requests, "request") + ")";
    }
}
