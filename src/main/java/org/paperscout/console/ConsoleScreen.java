package org.paperscout.console;

import java.util.List;
import java.util.Locale;
import org.paperscout.commands.Action;
import org.paperscout.commands.Reply;

/**
 * What the console shows: replies rendered as text, and the buttons a typed number clicks (those of the latest thing
 * on screen, a reply or something the bot posted by itself). It exists before the app, so the digest job and the
 * paper club print through it from the start; the {@link ConsoleFrontEnd}, which needs the app's commands, shares it.
 */
public final class ConsoleScreen {

    /** {@link #clickTarget} for a number with no button on screen. */
    static final String NO_BUTTON = "invalid";

    private final TextRenderer renderer;
    /** Written by the console's thread and by digests printed from the digest job's threads. */
    private volatile List<Action> lastButtons = List.of();

    /** @param ansi bold highlights with terminal escapes */
    public ConsoleScreen(boolean ansi) {
        this.renderer = new TextRenderer(ansi);
    }

    /**
     * What the console prints for something the bot posts by itself (a digest, a poll): the heading, then the
     * message. Its buttons become the ones a typed number clicks, as the latest thing on screen.
     */
    public String posted(String heading, Reply reply) {
        TextRenderer.Rendered rendered = renderer.render(reply);
        if (!rendered.buttons().isEmpty()) {
            lastButtons = rendered.buttons();
        }
        String text = rendered.text();
        return heading + "\n" + (text.endsWith("\n") ? text + "\n" : text + "\n\n");
    }

    /** Renders a reply to a typed line; {@code clicked} says whether the line was a button number. */
    TextRenderer.Rendered answer(Reply reply, boolean clicked) {
        TextRenderer.Rendered rendered = renderer.render(reply);
        if (!rendered.buttons().isEmpty() || !reply.replacesMessage() || !clicked) {
            lastButtons = rendered.buttons();
        }
        return rendered;
    }

    /** The component id a typed number ("3", "/click 3") clicks, {@link #NO_BUTTON}, or null for any other line. */
    String clickTarget(String line) {
        String t = line.toLowerCase(Locale.ROOT).replaceFirst("^/click\\s+", "");
        if (!t.matches("\\d{1,3}")) {
            return null;
        }
        List<Action> buttons = lastButtons;
        int n = Integer.parseInt(t);
        if (n < 1 || n > buttons.size()) {
            return NO_BUTTON;
        }
        return buttons.get(n - 1).customId();
    }
}
