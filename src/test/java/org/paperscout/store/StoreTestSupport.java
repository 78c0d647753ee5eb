package org.paperscout.store;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;

/** Shared fixtures: a real database file in a temp folder, and papers. */
public final class StoreTestSupport {

    private StoreTestSupport() {
    }

    public static Database open(Path dir, TestClock clock) {
        return Database.open(dir.resolve("data"), StoreConfig.defaults(), clock);
    }

    public static Paper paper(String id, String title) {
        return new Paper(id, title, "An abstract about " + title + ".", List.of("Ada Lovelace", "Alan Turing"),
                List.of("cs.LG", "stat.ML"), LocalDate.of(2024, 5, 1), PaperLinks.forArxivId(id), 7, "seed");
    }
}
