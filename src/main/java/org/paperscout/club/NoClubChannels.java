package org.paperscout.club;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.paperscout.commands.Reply;

/** {@link ClubChannels#none()}: a process without a front end owns no server's picks and posts nothing. */
enum NoClubChannels implements ClubChannels {
    INSTANCE;

    private static ClubException none() {
        return new ClubException(ClubException.Kind.TRANSIENT, "no front end runs in this process", null, null);
    }

    @Override
    public String openThread(String guildId, String channelId, String messageId, String name, Reply firstPost) {
        throw none();
    }

    @Override
    public String postPoll(String guildId, String channelId, ClubPoll poll, String nonce) {
        throw none();
    }

    @Override
    public Optional<String> findPoll(String guildId, String channelId, String nonce, String marker, Instant since) {
        throw none();
    }

    @Override
    public Optional<List<Integer>> endPoll(String guildId, String channelId, String messageId) {
        throw none();
    }

    @Override
    public String post(String guildId, String channelId, Reply message) {
        throw none();
    }

    @Override
    public boolean serves(String guildId) {
        return false;
    }
}
