package org.paperscout.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads files of papers into the index. Every file is read before anything is written, so a file that cannot
 * be read at all fails the whole ingest with the index unchanged; malformed records inside a readable file are
 * skipped and reported. Writes go in batches, each made durable before the next.
 */
public final class Ingestor {

    static final int BATCH = 50_000;

    private final PaperSink sink;
    private final ReaderChoice readerFor;

    /** Picks the reader for a file by its name; an unsupported name is an {@link UnreadableInputException}. */
    @FunctionalInterface
    public interface ReaderChoice {
        PaperReader forFile(Path file) throws UnreadableInputException;
    }

    public Ingestor(PaperSink sink, ReaderChoice readerFor) {
        this.sink = sink;
        this.readerFor = readerFor;
    }

    /** Reports how far an ingest is: papers written so far of the total read. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void update(int done, int total);
    }

    /**
     * What an ingest did. {@code skipped} counts malformed records; each is in {@code problems}. {@code ignoredFiles}
     * are files found in a given folder in no format PaperScout reads (a {@code notes.py} beside the data).
     */
    public record Summary(int loaded, int updated, int unchanged, int skipped, List<ReadProblem> problems,
                          List<ReadProblem> ignoredFiles) {

        public Summary(int loaded, int updated, int unchanged, int skipped, List<ReadProblem> problems) {
            this(loaded, updated, unchanged, skipped, problems, List.of());
        }

        @Override
        public String toString() {
            return "loaded " + loaded + ", updated " + updated + ", skipped " + skipped
                    + (unchanged > 0 ? " (" + unchanged + " already up to date)" : "");
        }
    }

    public Summary ingest(List<Path> paths, Progress progress) throws IOException {
        List<Paper> papers = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        List<ReadProblem> ignored = new ArrayList<>();
        List<Path> named = paths.stream().filter(p -> !Files.isDirectory(p)).toList();
        for (Path file : expand(paths)) {
            PaperReader reader;
            try {
                reader = readerFor.forFile(file);
            } catch (UnreadableInputException e) {
                // A file named on the command line is meant to be read, so it fails; one found in a folder is skipped.
                if (named.contains(file)) {
                    throw e;
                }
                ignored.add(new ReadProblem(file.toString(), "not a format PaperScout reads, ignored"));
                continue;
            }
            ReadResult result;
            try {
                result = reader.read(file);
            } catch (UnreadableInputException e) {
                throw e; // readers already name the file
            } catch (IOException e) {
                throw new UnreadableInputException(file + ": cannot read (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
            }
            papers.addAll(result.papers());
            problems.addAll(result.problems());
        }
        progress.update(0, papers.size());
        PaperSink.UpsertResult total = sink.upsertAll(papers, BATCH, done -> progress.update(done, papers.size()));
        return new Summary(total.added(), total.updated(), total.unchanged(), problems.size(), problems, ignored);
    }

    /** Files as given, and the files inside given folders (sorted, hidden ones left out). */
    static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new UnreadableInputException(p + ": no such file or folder");
            }
        }
        return files;
    }
}
