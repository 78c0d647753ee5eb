package org.paperscout;

import java.io.PrintStream;
import org.paperscout.catalog.Ingestor;
import org.paperscout.commands.Text;

/** Ingest progress: a redrawn bar on a terminal, a line every few seconds otherwise (logs stay readable). */
final class ProgressPrinter implements Ingestor.Progress {

    private static final long LINE_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private long lastLine = System.nanoTime();

    ProgressPrinter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void update(int done, int total) {
        if (total == 0) {
            return;
        }
        if (terminal) {
            int width = 30;
            int filled = (int) ((long) done * width / total);
            out.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
            if (done == total) {
                out.println();
            }
            out.flush();
        } else if (done == total || System.nanoTime() - lastLine > LINE_INTERVAL_NANOS) {
            lastLine = System.nanoTime();
            out.println("indexed " + String.format(java.util.Locale.ROOT, "%,d", done) + " of " + Text.count(total, "paper"));
        }
    }
}
