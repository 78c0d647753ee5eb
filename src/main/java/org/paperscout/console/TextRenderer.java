package org.paperscout.console;

import java.util.ArrayList;
import java.util.List;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.Action;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.i18n.Messages;
import org.paperscout.search.Snippet;

/**
 * Renders a {@link Reply} as plain text for a terminal or a pipe. Buttons are numbered; the console lets the
 * user "click" one by typing its number. Highlights are {@code *word*}, or bold on a terminal.
 */
final class TextRenderer {

    private static final int MAX_AUTHORS = 6;

    private final boolean ansi;

    TextRenderer(boolean ansi) {
        this.ansi = ansi;
    }

    /** The rendered text and the buttons in the order they were numbered (1-based in the text). */
    record Rendered(String text, List<Action> buttons) {
    }

    Rendered render(Reply reply) {
        StringBuilder out = new StringBuilder();
        List<Action> buttons = new ArrayList<>();
        if (reply.title() != null) {
            out.append(bold(safe(reply.title()))).append('\n');
        }
        if (!reply.text().isEmpty()) {
            out.append(localTimes(safeMultiline(reply.text()))).append('\n');
        }
        for (PaperCard card : reply.cards()) {
            renderCard(card, out, buttons);
        }
        if (reply.footer() != null) {
            out.append(safe(reply.footer())).append('\n');
        }
        for (List<Action> row : reply.rows()) {
            out.append(buttonLine(row, buttons, "")).append('\n');
        }
        if (reply.attachment() != null) {
            out.append(Messages.of(reply.locale()).get("console.attachment", "name",
                    safe(reply.attachment().fileName()), "bytes", reply.attachment().content().length)).append('\n');
        }
        return new Rendered(out.toString(), buttons);
    }

    private void renderCard(PaperCard card, StringBuilder out, List<Action> buttons) {
        Paper p = card.paper();
        String indent = card.rank() > 0 ? "    " : "  ";
        out.append(card.rank() > 0 ? String.format("%2d. ", card.rank()) : "").append(bold(safe(p.title())))
                .append('\n');
        List<String> meta = new ArrayList<>();
        if (!p.authors().isEmpty()) {
            meta.add(authors(p.authors()));
        }
        if (p.published() != null) {
            meta.add(p.published().toString());
        }
        if (!p.categories().isEmpty()) {
            meta.add(String.join(", ", p.categories()));
        }
        meta.add("id " + p.id());
        out.append(indent).append(safe(String.join(" · ", meta))).append('\n');
        if (card.expanded()) {
            out.append(indent).append(safe(p.abstractText())).append('\n');
            if (p.links().arxivAbs() != null) {
                out.append(indent).append(p.links().arxivAbs()).append('\n');
            }
            if (p.links().arxivPdf() != null) {
                out.append(indent).append(p.links().arxivPdf()).append('\n');
            }
            if (p.links().hfPage() != null) {
                out.append(indent).append(p.links().hfPage()).append('\n');
            }
        } else if (!card.snippet().isEmpty()) {
            out.append(indent).append(snippet(card.snippet())).append('\n');
        }
        for (String reason : card.reasons()) {
            out.append(indent).append("↳ ").append(safe(reason)).append('\n');
        }
        if (!card.actions().isEmpty()) {
            out.append(buttonLine(card.actions(), buttons, indent)).append('\n');
        }
    }

    private static String buttonLine(List<Action> actions, List<Action> buttons, String indent) {
        StringBuilder sb = new StringBuilder(indent);
        for (Action a : actions) {
            if (a.disabled()) {
                continue;
            }
            buttons.add(a);
            sb.append('[').append(buttons.size()).append("] ").append(safe(a.label())).append("  ");
        }
        return sb.toString().stripTrailing();
    }

    private String snippet(Snippet snippet) {
        StringBuilder sb = new StringBuilder();
        for (Snippet.Span span : snippet.spans()) {
            // not safe(): spans must keep their edge spaces or words run together
            String t = span.text().replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ");
            sb.append(span.highlighted() ? (ansi ? "\u001b[1m" + t + "\u001b[0m" : "*" + t + "*") : t);
        }
        return sb.toString();
    }

    private static String authors(List<String> authors) {
        if (authors.size() <= MAX_AUTHORS) {
            return String.join(", ", authors);
        }
        return String.join(", ", authors.subList(0, MAX_AUTHORS)) + " and " + (authors.size() - MAX_AUTHORS) + " more";
    }

    private String bold(String s) {
        return ansi ? "\u001b[1m" + s + "\u001b[0m" : s;
    }

    /** Untrusted text must not drive the terminal: control characters (escape sequences) are dropped. */
    /** {@link Text#timestamp} tokens in this machine's time zone, e.g. "Thu 5 Mar 2026, 09:00 CET". */
    private static String localTimes(String s) {
        return Text.tokens(s, at -> LOCAL_TIME.format(at.atZone(java.time.ZoneId.systemDefault())), id -> "#" + id);
    }

    private static final java.time.format.DateTimeFormatter LOCAL_TIME =
            java.time.format.DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm z", java.util.Locale.ENGLISH);

    private static String safe(String s) {
        return Text.clean(s);
    }

    private static String safeMultiline(String s) {
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            sb.append(line.replaceAll("[\\p{Cntrl}&&[^\\t]]", "")).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
