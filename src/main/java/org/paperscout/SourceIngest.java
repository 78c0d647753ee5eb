package org.paperscout;

import java.io.IOException;
import java.io.PrintStream;
import org.paperscout.sources.PollResult;
import org.paperscout.commands.Text;

/** {@code paperscout ingest --from arxiv|hf}: one poll with a progress line and a summary. */
final class SourceIngest {

    private SourceIngest() {
    }

    static int run(Main.Sub sub, String source) throws IOException, InterruptedException {
        PrintStream err = sub.context.err();
        boolean terminal = System.console() != null;
        try (PaperScout app = sub.open()) {
            if (!app.sources().sourceNames().contains(source)) {
                err.println("Unknown source '" + source + "': use --from " + String.join(" or --from ",
                        app.sources().sourceNames()) + ".");
                return Main.EXIT_USAGE;
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
                return Main.EXIT_FAILURE;
            }
            if (terminal) {
                err.println();
            }
            result.problems().forEach(p -> err.println("skipped " + p));
            sub.context.out().println(result);
            sub.context.out().println("The index now holds " + Text.count(app.search().paperCount(), "paper") + ".");
        }
        return 0;
    }
}
