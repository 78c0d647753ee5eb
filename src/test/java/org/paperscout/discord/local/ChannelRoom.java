package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Channels and DMs: the guilds' text channels, DM channels opened on demand, threads {@link ThreadRoom} opened,
 * {@code GET /channels/{id}}.
 */
final class ChannelRoom implements Room {

    private static final Pattern CHANNEL = Pattern.compile("/channels/(\\d+)");
    private static final List<String> DM_RECIPIENTS = List.of(Fixture.ADMIN_ID, Fixture.MEMBER_ID, Fixture.OWNER_ID);

    private final ServerState state;
    private final GuildRoom guilds;
    private final Map<String, ObjectNode> dmChannelsByRecipient = new HashMap<>();
    private final Map<String, ObjectNode> threads = new java.util.LinkedHashMap<>();

    ChannelRoom(ServerState state, GuildRoom guilds) {
        this.state = state;
        this.guilds = guilds;
    }

    @Override
    public Answer route(Request r) {
        Matcher m;
        if ((m = r.match("GET", CHANNEL)) != null) {
            ObjectNode channel = channel(m.group(1));
            return channel == null ? unknownChannel() : Answer.json(200, channel);
        }
        if (r.is("POST", "/users/@me/channels")) {
            String recipient = r.json() == null ? "" : r.json().path("recipient_id").asText("");
            return DM_RECIPIENTS.contains(recipient) ? Answer.json(200, dmChannel(recipient).deepCopy())
                    : Answer.error(400, 50007, "Cannot send messages to this user");
        }
        return null;
    }

    static Answer unknownChannel() {
        return Answer.error(404, 10003, "Unknown Channel");
    }

    /** A copy of the channel, or null when there is no such channel. */
    ObjectNode channel(String channelId) {
        ObjectNode thread = threads.get(channelId);
        if (thread != null) {
            return thread.deepCopy();
        }
        String guild = guildOf(channelId);
        if (guild != null) {
            return Fixture.GUILD_ID.equals(guild) ? Fixture.channelFor(channelId) : Fixture.guildChannel(guild);
        }
        for (ObjectNode dm : dmChannelsByRecipient.values()) {
            if (dm.path("id").asText().equals(channelId)) {
                return dm.deepCopy();
            }
        }
        return null;
    }

    /** The guild a channel belongs to, null for DMs and unknown channels. */
    String guildOf(String channelId) {
        ObjectNode thread = threads.get(channelId);
        if (thread != null) {
            return thread.path("guild_id").asText();
        }
        if (Fixture.CHANNEL_ID.equals(channelId) || Fixture.OTHER_CHANNEL_ID.equals(channelId)
                || Fixture.READ_ONLY_CHANNEL_ID.equals(channelId) || Fixture.isExtraChannel(channelId, state.extraChannels)) {
            return Fixture.GUILD_ID;
        }
        String guild = Fixture.guildOfChannel(channelId);
        return guild != null && guilds.isExtraGuild(guild) ? guild : null;
    }

    /** A thread becomes a channel messages can be sent to. */
    void addThread(ObjectNode thread) {
        threads.put(thread.path("id").asText(), thread);
    }

    /** Copies of the threads opened in a channel, oldest first. */
    List<ObjectNode> threadsOf(String parentId) {
        return threads.values().stream().filter(t -> t.path("parent_id").asText().equals(parentId))
                .map(ObjectNode::deepCopy).toList();
    }

    /** The live DM channel with a user, created on first use as {@code POST users/@me/channels} would. */
    ObjectNode dmChannel(String recipientId) {
        // Stable per recipient: 16xxx plus the recipient's last digits.
        return dmChannelsByRecipient.computeIfAbsent(recipientId, r -> Fixture.dmChannel("16" + r.substring(2), r));
    }
}
