package org.paperscout.digest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.paperscout.commands.Reply;

/** {@link Publisher#none()}: a process without a front end serves no target, so nothing is ever sent through it. */
enum NoPublisher implements Publisher {
    INSTANCE;

    @Override
    public String publish(DigestTarget target, Reply digest, String nonce) {
        throw new PublishException(PublishException.Kind.TRANSIENT, "no front end runs in this process", null);
    }

    @Override
    public Optional<String> findDelivered(DigestTarget target, String nonce, String marker, Instant since) {
        throw new PublishException(PublishException.Kind.TRANSIENT, "no front end runs in this process", null);
    }

    @Override
    public List<String> missingPermissions(String guildId, String channelId) {
        return List.of("a connection to Discord (start the bot with DISCORD_TOKEN set)");
    }

    @Override
    public boolean tell(String userId, String text) {
        return false;
    }

    @Override
    public boolean serves(DigestTarget target) {
        return false;
    }
}
