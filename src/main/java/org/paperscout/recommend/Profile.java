package org.paperscout.recommend;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperscout.follows.Follow;

/**
 * What one user's page is built from.
 *
 * @param positives papers liked or saved, id to {@code liked} / {@code saved}, most telling first
 * @param negatives papers voted down or dismissed
 * @param excluded  papers never shown again (saved, voted on, dismissed)
 * @param seen      papers already shown, left out unless asked for again
 */
record Profile(List<Follow> follows, Map<String, String> positives, List<String> negatives, Set<String> excluded,
               Set<String> seen) {
}
