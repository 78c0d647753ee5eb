package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Messages: kept per channel as Discord renders them (mentions, flags, attachments), channel message routes and
 * history, {@code enforce_nonce} deduplication. Interactions store their replies here too.
 */
final class MessageRoom implements Room {

    /** How long {@code enforce_nonce} remembers a nonce ("a few minutes" in Discord's docs). */
    static final Duration NONCE_WINDOW = Duration.ofMinutes(5);

    private static final Pattern CHANNEL_MESSAGES = Pattern.compile("/channels/(\\d+)/messages");
    private static final Pattern CHANNEL_MESSAGE = Pattern.compile("/channels/(\\d+)/messages/(\\d+)");
    private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d+)>");
    private static final Pattern ROLE_MENTION = Pattern.compile("<@&(\\d+)>");
    /** Flags a bot may set at any time: SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS, IS_COMPONENTS_V2. */
    private static final int SETTABLE_FLAGS = 4 | 4096 | 32768;
    static final int EPHEMERAL = 64;
    static final int LOADING = 128;

    private final ServerState state;
    private final ChannelRoom channels;
    private final Map<String, Map<String, ObjectNode>> messagesByChannel = new HashMap<>();
    /** The same messages by id: with a channel per guild, looking in every channel would cost 10,000 probes. */
    private final Map<String, ObjectNode> messagesById = new HashMap<>();
    private final Map<String, Nonce> nonces = new HashMap<>();

    private record Nonce(ObjectNode message, Instant at) {
    }

    MessageRoom(ServerState state, ChannelRoom channels) {
        this.state = state;
        this.channels = channels;
    }

    @Override
    public Answer route(Request r) {
        Matcher m;
        if ((m = r.match(CHANNEL_MESSAGE)) != null) {
            ObjectNode message = find(m.group(2));
            if (channels.channel(m.group(1)) == null) {
                return ChannelRoom.unknownChannel();
            }
            if (message == null || !message.path("channel_id").asText().equals(m.group(1))) {
                return unknownMessage();
            }
            return readEditDelete(r, message, false);
        }
        if ((m = r.match("POST", CHANNEL_MESSAGES)) != null) {
            return create(m.group(1), r);
        }
        if ((m = r.match("GET", CHANNEL_MESSAGES)) != null) {
            return history(m.group(1), r.query());
        }
        return null;
    }

    static Answer unknownMessage() {
        return Answer.error(404, 10008, "Unknown Message");
    }

    /** GET, DELETE or PATCH of a stored message, the same through a channel or an interaction webhook. */
    Answer readEditDelete(Request r, ObjectNode message, boolean endsLoading) {
        switch (r.method()) {
            case "GET":
                return Answer.json(200, message.deepCopy());
            case "DELETE":
                remove(message);
                return Answer.noContent();
            case "PATCH": {
                Answer invalid = Answer.invalidFormIfAny(DiscordLimits.checkMessage(r.json()));
                if (invalid != null) {
                    return invalid;
                }
                applyContent(message, r.json(), r.parts(), false);
                if (endsLoading) {
                    message.put("flags", message.path("flags").asInt() & ~LOADING);
                }
                message.put("edited_timestamp", Fixture.timestamp(r.at()));
                return Answer.json(200, message.deepCopy());
            }
            default:
                return Answer.methodNotAllowed();
        }
    }

    /** The checks every new message passes: Discord's limits, then "not empty". Null when it may be sent. */
    static Answer refuseNew(Request r) {
        Answer invalid = Answer.invalidFormIfAny(DiscordLimits.checkMessage(r.json()));
        if (invalid != null) {
            return invalid;
        }
        return hasContent(r.json(), r.parts()) ? null : Answer.error(400, 50006, "Cannot send an empty message");
    }

    private Answer create(String channelId, Request r) {
        if (channels.channel(channelId) == null) {
            return ChannelRoom.unknownChannel();
        }
        Answer refused = refuseNew(r);
        if (refused != null) {
            return refused;
        }
        JsonNode body = r.json();
        JsonNode nonce = body.path("nonce");
        String nonceKey = nonce.isValueNode() && !nonce.isNull() ? channelId + "/" + nonce.asText() : null;
        if (nonceKey != null && body.path("enforce_nonce").asBoolean(false)) {
            nonces.values().removeIf(n -> n.at().isBefore(r.at().minus(NONCE_WINDOW)));
            Nonce seen = nonces.get(nonceKey);
            if (seen != null) {
                ObjectNode current = find(seen.message().path("id").asText());
                return Answer.json(200, (current != null ? current : seen.message()).deepCopy());
            }
        }
        ObjectNode message = newMessage(channelId, Fixture.BOT_ID, 0);
        applyContent(message, body, r.parts(), true);
        if (body.path("poll").isObject()) {
            message.set("poll", PollRoom.render(body.path("poll"), r.at()));
        }
        if (nonceKey != null) {
            message.set("nonce", nonce);
            nonces.put(nonceKey, new Nonce(message, r.at()));
        }
        store(message);
        return Answer.json(200, message.deepCopy());
    }

    /** GET channels/{id}/messages: newest first, {@code limit} (1-100, default 50), {@code before}, {@code after}. */
    private Answer history(String channelId, Map<String, String> query) {
        if (channels.channel(channelId) == null) {
            return ChannelRoom.unknownChannel();
        }
        int limit;
        try {
            limit = Integer.parseInt(query.getOrDefault("limit", "50"));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 100) {
            ObjectNode errors = Fixture.JSON.objectNode();
            DiscordLimits.add(errors, "NUMBER_TYPE_MAX", "int value should be between 1 and 100.", "limit");
            return Answer.invalidForm(errors);
        }
        String before = query.get("before");
        String after = query.get("after");
        List<ObjectNode> selected = new ArrayList<>();
        for (ObjectNode m : messagesByChannel.getOrDefault(channelId, Map.of()).values()) {
            long id = m.path("id").asLong();
            // Ephemeral messages exist only for their recipient, never in channel history.
            if ((m.path("flags").asInt() & EPHEMERAL) == 0 && (before == null || id < Long.parseLong(before))
                    && (after == null || id > Long.parseLong(after))) {
                selected.add(m);
            }
        }
        // "after" pages forward from the oldest; otherwise the newest come first.
        int from = after != null ? 0 : Math.max(0, selected.size() - limit);
        List<ObjectNode> page = selected.subList(from, Math.min(selected.size(), from + limit));
        ArrayNode out = Fixture.JSON.arrayNode();
        for (int i = page.size() - 1; i >= 0; i--) {
            out.add(page.get(i).deepCopy());
        }
        return Answer.json(200, out);
    }

    // ---------------------------------------------------------------- the store

    ObjectNode newMessage(String channelId, String authorId, int type) {
        ObjectNode m = Fixture.JSON.objectNode();
        m.put("id", Long.toString(state.nextSnowflake()));
        m.put("channel_id", channelId);
        String guild = channels.guildOf(channelId);
        if (guild != null) {
            m.put("guild_id", guild);
        }
        m.put("type", type);
        m.put("content", "");
        m.set("author", Fixture.user(authorId));
        m.put("timestamp", Fixture.timestamp(state.clock.instant()));
        m.putNull("edited_timestamp");
        m.put("tts", false);
        m.put("mention_everyone", false);
        m.putArray("mentions");
        m.putArray("mention_roles");
        m.putArray("attachments");
        m.putArray("embeds");
        m.putArray("components");
        m.put("pinned", false);
        m.put("flags", 0);
        return m;
    }

    /** Stores a message a user wrote (for context-menu commands) and returns a copy. */
    ObjectNode storeUserMessage(String channelId, String authorId, String content) {
        ObjectNode m = newMessage(channelId, authorId, 0);
        m.put("content", content);
        computeMentions(m, null);
        store(m);
        return m.deepCopy();
    }

    void store(ObjectNode message) {
        messagesByChannel.computeIfAbsent(message.path("channel_id").asText(), k -> new LinkedHashMap<>())
                .put(message.path("id").asText(), message);
        messagesById.put(message.path("id").asText(), message);
    }

    /** The live stored message, or null. */
    ObjectNode find(String id) {
        return messagesById.get(id);
    }

    private void remove(ObjectNode message) {
        Map<String, ObjectNode> channel = messagesByChannel.get(message.path("channel_id").asText());
        if (channel != null) {
            channel.remove(message.path("id").asText());
        }
        messagesById.remove(message.path("id").asText());
    }

    List<JsonNode> in(String channelId) {
        return GuildRoom.copies(messagesByChannel.getOrDefault(channelId, Map.of()).values());
    }

    /** The id of the newest message the bot wrote in a channel, null if none. */
    String lastBotMessageId(String channelId) {
        String last = null;
        for (ObjectNode m : messagesByChannel.getOrDefault(channelId, Map.of()).values()) {
            if (Fixture.BOT_ID.equals(m.path("author").path("id").asText())) {
                last = m.path("id").asText();
            }
        }
        return last;
    }

    // ---------------------------------------------------------------- rendering

    /** Applies a create/edit body to a stored message the way Discord renders it. */
    void applyContent(ObjectNode message, JsonNode body, List<RecordedCall.Part> parts, boolean creating) {
        if (body == null || !body.isObject()) {
            body = Fixture.JSON.objectNode();
        }
        if (body.has("content")) {
            message.put("content", body.path("content").isNull() ? "" : body.path("content").asText());
        }
        if (body.has("embeds")) {
            ArrayNode embeds = message.putArray("embeds");
            for (JsonNode e : body.path("embeds")) {
                ObjectNode copy = ((ObjectNode) e).deepCopy();
                if (!copy.has("type")) {
                    copy.put("type", "rich");
                }
                embeds.add(copy);
            }
        }
        if (body.has("components")) {
            message.set("components", body.path("components").isNull() ? Fixture.JSON.arrayNode()
                    : body.path("components").deepCopy());
        }
        if (body.has("tts")) {
            message.put("tts", body.path("tts").asBoolean(false));
        }
        if (body.path("flags").isInt()) {
            // EPHEMERAL only when the message is created; LOADING is Discord's own.
            int settable = creating ? SETTABLE_FLAGS | EPHEMERAL : SETTABLE_FLAGS;
            int current = message.path("flags").asInt();
            message.put("flags", (current & ~settable) | (body.path("flags").asInt() & settable));
        }
        List<RecordedCall.Part> files = files(parts);
        if (body.has("attachments") || !files.isEmpty()) {
            ArrayNode attachments = message.putArray("attachments");
            int index = 0;
            for (RecordedCall.Part f : files) {
                ObjectNode a = attachments.addObject();
                String id = Long.toString(state.nextSnowflake());
                String name = f.filename() == null ? "file" + index : f.filename();
                a.put("id", id);
                a.put("filename", name);
                a.put("size", f.content().length);
                a.put("url", state.baseUrl() + "/attachments/" + id + "/" + name);
                a.put("proxy_url", a.path("url").asText());
                if (f.contentType() != null) {
                    a.put("content_type", f.contentType());
                }
                index++;
            }
        }
        computeMentions(message, body.has("allowed_mentions") ? body.path("allowed_mentions") : null);
    }

    /**
     * What would ping: Discord parses {@code @everyone}/{@code @here}, {@code <@id>} and {@code <@&id>} in content,
     * filtered by {@code allowed_mentions} (absent = everything allowed).
     */
    void computeMentions(ObjectNode message, JsonNode allowed) {
        String content = message.path("content").asText("");
        boolean all = allowed == null || allowed.isNull();
        List<String> parse = new ArrayList<>();
        if (!all) {
            allowed.path("parse").forEach(p -> parse.add(p.asText()));
        }
        message.put("mention_everyone", (content.contains("@everyone") || content.contains("@here"))
                && (all || parse.contains("everyone")));
        ArrayNode users = message.putArray("mentions");
        ArrayNode roles = message.putArray("mention_roles");
        for (String id : mentioned(USER_MENTION, content, all, parse.contains("users"), allowed, "users")) {
            users.add(Fixture.user(id));
        }
        mentioned(ROLE_MENTION, content, all, parse.contains("roles"), allowed, "roles").forEach(roles::add);
    }

    private static List<String> mentioned(Pattern mention, String content, boolean all, boolean parsed,
                                          JsonNode allowed, String listName) {
        List<String> out = new ArrayList<>();
        Matcher m = mention.matcher(content);
        while (m.find()) {
            String id = m.group(1);
            if (all || parsed || contains(allowed.path(listName), id)) {
                out.add(id);
            }
        }
        return out;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    private static List<RecordedCall.Part> files(List<RecordedCall.Part> parts) {
        return parts.stream().filter(p -> p.name() != null && p.name().startsWith("files[")).toList();
    }

    private static boolean hasContent(JsonNode body, List<RecordedCall.Part> parts) {
        if (!files(parts).isEmpty()) {
            return true;
        }
        return body != null && (!body.path("content").asText("").isEmpty() || body.path("embeds").size() > 0
                || body.path("components").size() > 0 || body.path("sticker_ids").size() > 0 || body.has("poll"));
    }
}
