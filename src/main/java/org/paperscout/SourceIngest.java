package org.paperscout;

import java.io.IOException;
import java.io.PrintStream;
import org.paperscout.sources.PollResult;
import org.paperscout.commands.Text;

/**
 * {@code paperscout ingest --from arxiv|hf}: one poll with a progress line and a summary. It is handed an open
 * {@link PaperScout} and says how it went; the command line (Main) turns that into an exit code.
 */
final class SourceIngest {

    enum Outcome { DONE, UNKNOWN_SOURCE, FAILED }

    private SourceIngest() {
    }

    static Outcome run(PaperScout app, String source, PrintStream out, PrintStream err)
            throws InterruptedException {
        boolean terminal = System.console() != null;
        if (!app.sources().sourceNames().contains(source)) {
            err.println("Unknown source '" + source + "': use --from " + String.join(" or --from ",
                    app.sources().sourceNames()) + ".");
            return Outcome.UNKNOWN_SOURCE;
        }
        PollResult result;
        try {
            result = app.sources().pollOnce(source, line -> {
                if (terminal) {
                    err.print("\r" + line + "   ");
                    err.flush();
                } else {
                    err.println(line);
                }
            });
        } catch (IOException e) {
            if (terminal) {
                err.println();
            }
            err.println("Polling " + source + " failed: " + e.getMessage().lines().findFirst().orElse("")
                    + ". Papers from the failed document were not used; run the command again later.");
            return Outcome.FAILED;
        }
        if (terminal) {
            err.println();
        }
        result.problems().forEach(p -> err.println("skipped " + p));
        out.println(result);
        out.println("The index now holds " + Text.count(app.search().paperCount(), "paper") + ".");
        return Outcome.DONE;
    }
}
