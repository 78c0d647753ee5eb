package org.paperscout.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a test collection folder in whichever format it is. */
public final class JudgedCollections {

    private JudgedCollections() {
    }

    /** A BEIR folder (corpus.jsonl) or a SMART one (*.all); an {@link IOException} names what is missing. */
    public static JudgedCollection read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder; give a test collection folder (SMART or BEIR)");
        }
        if (BeirReader.looksLike(dir)) {
            return BeirReader.read(dir);
        }
        if (SmartReader.looksLike(dir)) {
            return SmartReader.read(dir);
        }
        throw new IOException(dir + " holds neither a BEIR collection (corpus.jsonl, queries.jsonl, qrels/test.tsv)"
                + " nor a SMART one (a *.all document file, query.text, qrels.text)");
    }
}
