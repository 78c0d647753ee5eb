package org.paperscout;

import java.util.function.BiConsumer;
import org.paperscout.commands.Reply;

/**
 * The front end a process runs, chosen before {@link PaperScout} is built, so digests, alerts and the paper club are
 * wired straight to it: Discord, the console, or none for the one-off tools (ingest, search, eval), whose process
 * serves no channel and sends nothing.
 */
public sealed interface FrontEnd {

    /** @param token from the environment variable DISCORD_TOKEN only; checked when the bot starts */
    static FrontEnd discord(String token) {
        return new Discord(token);
    }

    /** @param printer gets what the bot posts by itself: a heading ("digest posted to #papers"), then the post */
    static FrontEnd console(BiConsumer<String, Reply> printer) {
        return new Console(printer);
    }

    static FrontEnd none() {
        return None.INSTANCE;
    }

    record Discord(String token) implements FrontEnd {
        @Override
        public String toString() {
            return "Discord"; // never the token
        }
    }

    record Console(BiConsumer<String, Reply> printer) implements FrontEnd {
    }

    enum None implements FrontEnd { INSTANCE }
}
