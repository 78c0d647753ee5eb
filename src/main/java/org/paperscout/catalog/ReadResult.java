package org.paperscout.catalog;

import java.util.List;

/** What a reader got out of one input: the papers it could read and the records it skipped. */
public record ReadResult(List<Paper> papers, List<ReadProblem> problems) {

    public ReadResult {
        papers = List.copyOf(papers);
        problems = List.copyOf(problems);
    }
}
