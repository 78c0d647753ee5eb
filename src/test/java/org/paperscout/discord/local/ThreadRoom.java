package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Threads: {@code POST /channels/{id}/messages/{id}/threads} (a public thread on a message, which takes the message's
 * id as Discord does) and {@code POST /channels/{id}/threads} (one without a message). Threads then take messages
 * like any channel ({@link ChannelRoom#addThread}). Refuses as Discord does: a name of 1-100 characters (50035), the
 * bot without Create Public Threads (50013), an unknown or ephemeral message (10008), a second thread on one
 * message (160004).
 */
final class ThreadRoom implements Room {

    static final int NAME_MAX = 100;
    static final int PUBLIC_THREAD = 11;
    private static final Pattern ON_MESSAGE = Pattern.compile("/channels/(\\d+)/messages/(\\d+)/threads");
    private static final Pattern IN_CHANNEL = Pattern.compile("/channels/(\\d+)/threads");

    private final ServerState state;
    private final ChannelRoom channels;
    private final MessageRoom messages;

    ThreadRoom(ServerState state, ChannelRoom channels, MessageRoom messages) {
        this.state = state;
        this.channels = channels;
        this.messages = messages;
    }

    @Override
    public Answer route(Request r) {
        Matcher m;
        if ((m = r.match("POST", ON_MESSAGE)) != null) {
            return open(m.group(1), m.group(2), r);
        }
        if ((m = r.match("POST", IN_CHANNEL)) != null) {
            return open(m.group(1), null, r);
        }
        return null;
    }

    private Answer open(String channelId, String messageId, Request r) {
        ObjectNode parent = channels.channel(channelId);
        if (parent == null) {
            return ChannelRoom.unknownChannel();
        }
        JsonNode body = r.json() == null ? Fixture.JSON.objectNode() : r.json();
        String name = body.path("name").asText("");
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > NAME_MAX) {
            ObjectNode errors = Fixture.JSON.objectNode();
            DiscordLimits.add(errors, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and " + NAME_MAX + " in length.",
                    "name");
            return Answer.invalidForm(errors);
        }
        if (parent.path("type").asInt() != 0) {
            return Answer.error(400, 50024, "Cannot execute action on this channel type");
        }
        if (state.threadsDenied && Fixture.GUILD_ID.equals(channels.guildOf(channelId))) {
            return Answer.error(403, 50013, "Missing Permissions");
        }
        String id;
        if (messageId != null) {
            ObjectNode message = messages.find(messageId);
            if (message == null || !message.path("channel_id").asText().equals(channelId)
                    || (message.path("flags").asInt() & MessageRoom.EPHEMERAL) != 0) {
                return MessageRoom.unknownMessage();
            }
            if (channels.channel(messageId) != null) {
                return Answer.error(400, 160004, "A thread has already been created for this message");
            }
            id = messageId;
        } else {
            id = Long.toString(state.nextSnowflake());
        }
        ObjectNode thread = thread(id, channels.guildOf(channelId), channelId, name, body, r);
        channels.addThread(thread);
        return Answer.json(201, thread.deepCopy());
    }

    private static ObjectNode thread(String id, String guildId, String parentId, String name, JsonNode body,
                                     Request r) {
        String now = Fixture.timestamp(r.at());
        ObjectNode t = Fixture.JSON.objectNode();
        t.put("id", id);
        t.put("type", PUBLIC_THREAD);
        t.put("guild_id", guildId);
        t.put("parent_id", parentId);
        t.put("owner_id", Fixture.BOT_ID);
        t.put("name", name);
        t.putNull("last_message_id");
        t.put("rate_limit_per_user", body.path("rate_limit_per_user").asInt(0));
        t.put("message_count", 0);
        t.put("member_count", 1);
        t.put("total_message_sent", 0);
        t.put("flags", 0);
        ObjectNode meta = t.putObject("thread_metadata");
        meta.put("archived", false);
        meta.put("auto_archive_duration", body.path("auto_archive_duration").asInt(4320));
        meta.put("archive_timestamp", now);
        meta.put("locked", false);
        meta.put("create_timestamp", now);
        ObjectNode member = t.putObject("member");
        member.put("id", id);
        member.put("user_id", Fixture.BOT_ID);
        member.put("join_timestamp", now);
        member.put("flags", 1);
        return t;
    }
}
