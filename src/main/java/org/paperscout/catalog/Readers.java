package org.paperscout.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Picks the reader for a file by its extension (case-insensitive): {@code .txt} seed text, {@code .jsonl} and
 * {@code .ndjson} PaperScout JSON Lines, {@code .json} Hugging Face daily papers, {@code .xml} and {@code .atom}
 * arXiv Atom. The readers keep no state between reads, so one instance serves every file and thread.
 */
public final class Readers {

    static final String SUPPORTED = ".txt (seed text), .jsonl or .ndjson (PaperScout JSON Lines), "
            + ".json (Hugging Face daily papers), .xml or .atom (arXiv Atom)";

    private final SeedTextReader seedText = new SeedTextReader();
    private final JsonLinesReader jsonLines = new JsonLinesReader();
    private final HfDailyPapersReader hfDailyPapers = new HfDailyPapersReader();
    private final ArxivAtomReader arxivAtom = new ArxivAtomReader();

    /**
     * @throws UnreadableInputException naming the file and the supported extensions when none fits
     */
    public PaperReader forFile(Path file) throws UnreadableInputException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "txt" -> seedText;
            case "jsonl", "ndjson" -> jsonLines;
            case "json" -> hfDailyPapers;
            case "xml", "atom" -> arxivAtom;
            default -> throw new UnreadableInputException(name + ": can't tell the format from "
                    + (extension.isEmpty() ? "a name without an extension" : "the extension ." + extension)
                    + "; PaperScout reads " + SUPPORTED);
        };
    }

    /** Reads one file with the reader its extension names. */
    public ReadResult read(Path file) throws IOException {
        return forFile(file).read(file);
    }
}
