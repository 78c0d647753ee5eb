package org.paperscout.digest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.paperscout.commands.Reply;

/**
 * The publisher of whichever front end runs, plugged in once it starts: the composition root builds /digest and
 * the job before it knows whether this process is the Discord bot or the console. Until then nothing is served
 * and nothing can be sent.
 */
public final class PublisherSlot implements Publisher {

    private final AtomicReference<Publisher> current = new AtomicReference<>();

    /** Plugs in the front end's publisher; once per process. */
    public void attach(Publisher publisher) {
        if (!current.compareAndSet(null, publisher)) {
            throw new IllegalStateException("a front end is attached already");
        }
    }

    private Publisher get() {
        Publisher p = current.get();
        if (p == null) {
            throw new PublishException(PublishException.Kind.TRANSIENT, "no front end is running yet", null);
        }
        return p;
    }

    @Override
    public String publish(DigestTarget target, Reply digest, String nonce) {
        return get().publish(target, digest, nonce);
    }

    @Override
    public Optional<String> findDelivered(DigestTarget target, String nonce, String marker, Instant since) {
        return get().findDelivered(target, nonce, marker, since);
    }

    @Override
    public List<String> missingPermissions(String guildId, String channelId) {
        Publisher p = current.get();
        return p == null ? List.of("a connection to Discord (try again in a minute)")
                : p.missingPermissions(guildId, channelId);
    }

    @Override
    public boolean tell(String userId, String text) {
        Publisher p = current.get();
        return p != null && p.tell(userId, text);
    }

    @Override
    public boolean serves(DigestTarget target) {
        Publisher p = current.get();
        return p != null && p.serves(target);
    }
}
