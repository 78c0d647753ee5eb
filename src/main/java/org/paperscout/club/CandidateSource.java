package org.paperscout.club;

import java.util.List;
import org.paperscout.commands.Invocation;

/** Where /club pick finds its candidates (a user's library, this week's trending papers): paper ids, best first. */
@FunctionalInterface
public interface CandidateSource {

    List<String> paperIds(Invocation invocation, int limit);
}
