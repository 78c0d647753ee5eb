package org.paperscout.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.paperscout.catalog.Ingestor;
import org.paperscout.catalog.Readers;

/** Test helper: the repository's seeds/ folder indexed into a fresh folder. */
public final class SeedIndex {

    private SeedIndex() {
    }

    public static Path seedsDir() {
        return Path.of(System.getProperty("paperscout.seeds", "seeds"));
    }

    public static PaperIndex open(Path dir) throws IOException {
        PaperIndex index = PaperIndex.open(dir);
        new Ingestor(index, new Readers()::forFile).ingest(List.of(seedsDir()), Ingestor.Progress.NONE);
        return index;
    }
}
