package org.paperscout.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.paperscout.commands.Commands;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Reply;
import org.paperscout.commands.UserError;
import org.paperscout.i18n.Messages;
import org.paperscout.privacy.ExportFolder;

/**
 * The local front end: reads command lines (interactive with a prompt, or scripted from a pipe until EOF),
 * runs them as one local user, and prints each reply. Typing a button's number clicks it.
 */
public final class ConsoleFrontEnd {

    private final Commands commands;
    private final ConsoleUser user;
    private final ExportFolder exports;
    private final ConsoleLineParser parser;
    private final ConsoleScreen screen;

    /** Who the console acts as; later per-user features (follows, library) are this user's. */
    public record ConsoleUser(String id, String name, Locale locale) {
    }

    /**
     * @param exports where attachments (exports) are written, one file per user and request
     * @param screen  shared with what the bot posts by itself, so a typed number clicks the latest buttons of either
     */
    public ConsoleFrontEnd(Commands commands, ConsoleUser user, ExportFolder exports, ConsoleScreen screen) {
        this.commands = commands;
        this.user = user;
        this.exports = exports;
        this.parser = new ConsoleLineParser(commands.specs());
        this.screen = screen;
    }

    /** With attachments written to {@code exportDir} (tests and tools that do not need the app's folder). */
    public ConsoleFrontEnd(Commands commands, ConsoleUser user, Path exportDir, boolean ansi) {
        this(commands, user, new ExportFolder(exportDir, Clock.systemUTC()), new ConsoleScreen(ansi));
    }

    /** Runs until EOF or {@code exit}. */
    public void run(BufferedReader in, PrintStream out, boolean interactive) throws IOException {
        if (interactive) {
            out.println(Messages.of(user.locale()).get("console.welcome"));
        }
        while (true) {
            if (interactive) {
                out.print("> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null) {
                break;
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.equalsIgnoreCase("exit") || trimmed.equalsIgnoreCase("quit")) {
                break;
            }
            String text = execute(trimmed);
            // Digests are printed from other threads (locking the same stream): never in the middle of a reply.
            synchronized (out) {
                out.print(text);
                out.flush();
            }
        }
    }

    /** Runs one line and returns what the console prints for it. */
    public String execute(String line) {
        Reply reply;
        String clicked = screen.clickTarget(line);
        if (ConsoleScreen.NO_BUTTON.equals(clicked)) {
            reply = Reply.error(Messages.of(user.locale()).get("console.no-button", "number", line.replaceAll("\\D", "")));
        } else if (clicked != null) {
            reply = commands.component(invocation("", null, Map.of()), clicked);
        } else {
            try {
                ConsoleLineParser.Parsed parsed = parser.parse(line);
                reply = commands.run(invocation(parsed.command(), parsed.subcommand(), parsed.options()));
            } catch (UserError e) {
                reply = Reply.error(e.message(user.locale()));
            }
        }
        String text = screen.answer(reply, clicked != null).text();
        if (reply.attachment() != null) {
            text += saveAttachment(reply);
        }
        return text.endsWith("\n") ? text + "\n" : text + "\n\n";
    }

    /**
     * What the console prints for something the bot posted by itself (a digest, the weekly emerging alert): as
     * {@link ConsoleScreen#posted}, with its attachment (the alert's sparklines) written to the exports folder and
     * the path printed, as for a reply.
     */
    public String posted(String heading, Reply post) {
        String text = screen.posted(heading, post);
        return post.attachment() == null ? text : text + saveAttachment(post) + "\n";
    }

    private String saveAttachment(Reply reply) {
        try {
            return Messages.of(user.locale()).get("console.saved", "path", exports.write(user.id(), reply.attachment()).toString())
                    + "\n";
        } catch (IOException e) {
            return Messages.of(user.locale()).get("console.save-failed", "dir", exports.dir().toString(), "error",
                    String.valueOf(e.getMessage())) + "\n";
        }
    }

    private Invocation invocation(String command, String sub, Map<String, Object> options) {
        return new Invocation(user.id(), user.name(), null, null, user.locale(), command, sub, options, true);
    }
}
