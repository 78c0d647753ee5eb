package org.paperscout.recommend;

import java.util.Map;
import org.paperscout.search.RecentWindow;

/** One way a paper becomes a candidate (a followed topic, author, category, or feedback), adding its part. */
interface CandidateSource {

    void collect(RecentWindow.Snapshot window, Profile profile, Map<String, Candidate> candidates);
}
