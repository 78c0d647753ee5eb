package org.paperscout.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads papers from one input format. A malformed record is reported as a {@link ReadProblem} and skipped;
 * an input that cannot be read at all (not the format, truncated, unsafe) throws {@link UnreadableInputException}.
 */
public interface PaperReader {

    /**
     * @param origin a name for messages (file name or URL)
     * @param in     the raw bytes; the reader does not close it
     */
    ReadResult read(String origin, InputStream in) throws IOException;

    default ReadResult read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.getFileName().toString(), in);
        }
    }
}
