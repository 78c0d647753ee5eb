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

    /** @param printer gets a heading ("digest for #channel 123") and the digest */
    public ConsolePublisher(BiConsumer<String, Reply> printer) {
        this.printer = printer;
    }

    @Override
    public String publish(DigestTarget target, Reply digest, String nonce) {
        String where = target.kind() == DigestTarget.Kind.CHANNEL ? "channel " + target.id() : "your DMs";
        printer.accept("— digest posted to " + where + " —", digest);
        return null;
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
