package org.paperscout.digest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.paperscout.commands.Reply;

/**
 * The console's "posting": hands each digest to a printer (the console front end renders it as text). There is no
 * message history to settle against, so a digest whose row is still pending after a crash is printed again; the
 * console is for trying things, and that is said in the printed heading.
 */
public final class ConsolePublisher implements Publisher {

    private final BiConsumer<String, Reply> printer;
    private final String consoleUser;

    /**
     * @param printer     gets a heading ("digest posted to #papers") and the digest
     * @param consoleUser the user the console acts as: their /notify digest is printed here
     */
    public ConsolePublisher(BiConsumer<String, Reply> printer, String consoleUser) {
        this.printer = printer;
        this.consoleUser = consoleUser;
    }

    @Override
    public String publish(DigestTarget target, Reply digest, String nonce) {
        String where = target.inChannel() ? "#" + target.id() : "your DMs";
        printer.accept("— digest posted to " + where + " (console: printed, not sent) —", digest);
        return null;
    }

    /** The console's own channels (server "console") and the console user's DMs; Discord's stay with the bot. */
    @Override
    public boolean serves(DigestTarget target) {
        return target.inChannel() ? DigestCommand.CONSOLE.equals(target.guildId())
                : target.id().equals(consoleUser);
    }

    @Override
    public Optional<String> findDelivered(DigestTarget target, String nonce, String marker, Instant since) {
        return Optional.empty();
    }

    @Override
    public List<String> missingPermissions(String guildId, String channelId) {
        return List.of();
    }

    @Override
    public boolean tell(String userId, String text) {
        printer.accept("— message to " + userId + " —", Reply.text(text));
        return true;
    }
}
