package org.paperscout.club;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.paperscout.commands.Reply;

/**
 * The club's channels before a front end exists: the commands are built before the bot (which needs them), so the
 * composition root hands this over and attaches Discord's or the console's channels once it has them.
 */
public final class ClubChannelsSlot implements ClubChannels {

    private volatile ClubChannels attached;

    public void attach(ClubChannels channels) {
        this.attached = channels;
    }

    private ClubChannels channels() {
        ClubChannels c = attached;
        if (c == null) {
            throw new ClubException(ClubException.Kind.TRANSIENT, "no front end attached yet", null, null);
        }
        return c;
    }

    @Override
    public String openThread(String guildId, String channelId, String messageId, String name, Reply firstPost) {
        return channels().openThread(guildId, channelId, messageId, name, firstPost);
    }

    @Override
    public String postPoll(String guildId, String channelId, ClubPoll poll, String nonce) {
        return channels().postPoll(guildId, channelId, poll, nonce);
    }

    @Override
    public Optional<String> findPoll(String guildId, String channelId, String nonce, String marker, Instant since) {
        return channels().findPoll(guildId, channelId, nonce, marker, since);
    }

    @Override
    public Optional<List<Integer>> endPoll(String guildId, String channelId, String messageId) {
        return channels().endPoll(guildId, channelId, messageId);
    }

    @Override
    public String post(String guildId, String channelId, Reply message) {
        return channels().post(guildId, channelId, message);
    }

    @Override
    public Locale locale(String guildId) {
        ClubChannels c = attached;
        return c == null ? Locale.ENGLISH : c.locale(guildId);
    }

    @Override
    public boolean serves(String guildId) {
        ClubChannels c = attached;
        return c != null && c.serves(guildId);
    }
}
