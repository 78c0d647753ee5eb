package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Makes interactions the way Discord sends them (slash, autocomplete, components, modals, context menus), registers
 * them with {@link InteractionRoom} and dispatches INTERACTION_CREATE on the gateway. Lock held by callers.
 */
final class InteractionFactory {

    private final ServerState state;
    private final GatewayRoom gateway;
    private final GuildRoom guilds;
    private final ChannelRoom channels;
    private final MessageRoom messages;
    private final InteractionRoom interactions;

    InteractionFactory(ServerState state, GatewayRoom gateway, GuildRoom guilds, ChannelRoom channels,
                       MessageRoom messages, InteractionRoom interactions) {
        this.state = state;
        this.gateway = gateway;
        this.guilds = guilds;
        this.channels = channels;
        this.messages = messages;
        this.interactions = interactions;
    }

    /** The {@code data} of an application command: id, name, type and options as sent. */
    ObjectNode commandData(String name, int commandType, List<Option> options) {
        ObjectNode data = Fixture.JSON.objectNode();
        data.put("id", guilds.commandId(name, commandType));
        data.put("name", name);
        data.put("type", commandType);
        ArrayNode opts = data.putArray("options");
        options.forEach(o -> opts.add(o.toJson()));
        return data;
    }

    /** Discord sends the objects behind channel and user options in {@code data.resolved}; JDA reads them there. */
    static void resolve(ObjectNode data, List<Option> options, UserKind who) {
        for (Option o : options) {
            if (o.type() == Option.CHANNEL) {
                ObjectNode channel = Fixture.channelFor(String.valueOf(o.value()));
                channel.put("permissions", Long.toString(Fixture.permissionsOf(Fixture.userIdOf(who))));
                data.withObjectProperty("resolved").withObjectProperty("channels").set(String.valueOf(o.value()), channel);
            } else if (o.type() == Option.USER) {
                String id = String.valueOf(o.value());
                data.withObjectProperty("resolved").withObjectProperty("users").set(id, Fixture.user(id));
                if (who != UserKind.DM) {
                    ObjectNode member = Fixture.member(id);
                    member.remove("user");
                    member.put("permissions", Long.toString(Fixture.permissionsOf(id)));
                    data.withObjectProperty("resolved").withObjectProperty("members").set(id, member);
                }
            }
            resolve(data, o.options(), who);
        }
    }

    /** A message component interaction ({@code componentType} 2 button, 3 string select). */
    static ObjectNode componentData(String customId, int componentType) {
        ObjectNode data = Fixture.JSON.objectNode();
        data.put("custom_id", customId);
        data.put("component_type", componentType);
        return data;
    }

    static ObjectNode modalData(String customId, Map<String, String> fields) {
        ObjectNode data = Fixture.JSON.objectNode();
        data.put("custom_id", customId);
        // Discord sends labelled inputs (type 18 wrapping a type 4 text input); JDA 6.5 reads values only from
        // this form, not from the legacy action rows.
        ArrayNode labels = data.putArray("components");
        int componentId = 1;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            ObjectNode label = labels.addObject().put("type", 18).put("id", componentId++);
            label.putObject("component").put("type", 4).put("id", componentId++)
                    .put("custom_id", field.getKey()).put("value", field.getValue());
        }
        return data;
    }

    /** The channel where {@code who} interacts: their DM with the bot, or the guild's "#papers". */
    String channelOf(UserKind who, String guildId) {
        return who == UserKind.DM ? channels.dmChannel(Fixture.userIdOf(who)).path("id").asText()
                : Fixture.channelOfGuild(guildId);
    }

    /** A message the plain member wrote in {@code who}'s channel, for context-menu commands. */
    ObjectNode memberMessage(UserKind who, String content) {
        String channel = who == UserKind.DM ? channels.dmChannel(Fixture.MEMBER_ID).path("id").asText() : Fixture.CHANNEL_ID;
        return messages.storeUserMessage(channel, Fixture.MEMBER_ID, content);
    }

    String lastBotMessageId(UserKind who) {
        String channel = who == UserKind.DM ? channels.dmChannel(Fixture.MEMBER_ID).path("id").asText() : Fixture.CHANNEL_ID;
        return messages.lastBotMessageId(channel);
    }

    /** Builds, registers and dispatches one interaction in {@code guildId} (ignored for DMs). */
    Interaction interact(UserKind who, String guildId, int type, ObjectNode data, String messageId) {
        String id = Long.toString(state.nextSnowflake());
        String token = "aW50ZXJhY3Rpb246" + id + ":" + UUID.randomUUID().toString().replace("-", "");
        String userId = Fixture.userIdOf(who);
        boolean dm = who == UserKind.DM;
        String channelId = channelOf(who, guildId);

        ObjectNode d = Fixture.JSON.objectNode();
        d.put("id", id);
        d.put("application_id", Fixture.APPLICATION_ID);
        d.put("type", type);
        d.set("data", data);
        d.put("token", token);
        d.put("version", 1);
        d.put("locale", state.locale);
        d.putArray("entitlements");
        d.put("attachment_size_limit", 10 * 1024 * 1024);
        d.put("channel_id", channelId);
        if (dm) {
            d.set("channel", channels.dmChannel(userId).deepCopy());
            d.set("user", Fixture.user(userId));
            d.put("context", 1);
            d.putObject("authorizing_integration_owners").put("0", "0");
            d.put("app_permissions", Long.toString(Fixture.BOT_ROLE_PERMISSIONS | Fixture.EVERYONE_PERMISSIONS));
        } else {
            d.put("guild_id", guildId);
            d.putObject("guild").put("id", guildId).put("locale", state.locale).putArray("features");
            d.put("guild_locale", state.locale);
            // The invoker's permissions in the channel: JDA needs them when the channel is not cached.
            d.set("channel", channels.channel(channelId).put("permissions", Long.toString(Fixture.permissionsOf(userId))));
            ObjectNode member = Fixture.member(userId);
            member.put("permissions", Long.toString(Fixture.permissionsOf(userId)));
            d.set("member", member);
            d.put("context", 0);
            d.putObject("authorizing_integration_owners").put("0", guildId);
            d.put("app_permissions", Long.toString(Fixture.permissionsOf(Fixture.BOT_ID)));
        }
        if (type == Interaction.MESSAGE_COMPONENT) {
            d.set("message", componentMessage(channelId, messageId).deepCopy());
        }
        String targetMessage = d.has("message") ? d.path("message").path("id").asText() : messageId;
        Interaction interaction = new Interaction(id, token, type, who, userId, channelId,
                type == Interaction.MESSAGE_COMPONENT || data.has("target_id") ? targetMessage : null,
                state.clock.instant(), System.nanoTime(), d.deepCopy());
        interactions.register(interaction);
        gateway.dispatch("INTERACTION_CREATE", d);
        return interaction;
    }

    /** The clicked message: the stored one, or an invented empty bot message with that id. */
    private ObjectNode componentMessage(String channelId, String messageId) {
        ObjectNode stored = messageId == null ? null : messages.find(messageId);
        if (stored != null) {
            return stored;
        }
        ObjectNode m = messages.newMessage(channelId, Fixture.BOT_ID, 0);
        if (messageId != null) {
            m.put("id", messageId);
        }
        messages.computeMentions(m, null);
        messages.store(m);
        return m;
    }
}
