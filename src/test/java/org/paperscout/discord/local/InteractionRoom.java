package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Interaction callbacks and interaction webhooks: the 3-second first answer, one acknowledgement only, follow-ups
 * and edits of the original for 15 minutes. Interactions themselves are made by {@link InteractionFactory}.
 */
final class InteractionRoom implements Room {

    /** How long an interaction token accepts follow-ups and edits. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

    private static final Pattern CALLBACK = Pattern.compile("/interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern WEBHOOK = Pattern.compile("/webhooks/(\\d+)/([^/]+)");
    private static final Pattern WEBHOOK_MESSAGE = Pattern.compile("/webhooks/(\\d+)/([^/]+)/messages/(@original|\\d+)");

    private final Duration answerDeadline;
    private final MessageRoom messages;
    private final Map<String, Pending> byId = new HashMap<>();
    private final Map<String, Pending> byToken = new HashMap<>();

    /** Server-side state of one dispatched interaction. */
    private static final class Pending {
        final Interaction interaction;
        int callbackType;
        String originalMessageId;

        Pending(Interaction interaction) {
            this.interaction = interaction;
        }
    }

    InteractionRoom(Duration answerDeadline, MessageRoom messages) {
        this.answerDeadline = answerDeadline;
        this.messages = messages;
    }

    /** Routes without a bot token: the interaction's own token authorises them. */
    static boolean tokenRoute(String path) {
        return path.startsWith("/interactions/") || path.startsWith("/webhooks/");
    }

    void register(Interaction i) {
        Pending p = new Pending(i);
        byId.put(i.id(), p);
        byToken.put(i.token(), p);
    }

    boolean acknowledged(String interactionId) {
        Pending p = byId.get(interactionId);
        return p != null && p.callbackType != 0;
    }

    @Override
    public Answer route(Request r) {
        Matcher m;
        if ((m = r.match("POST", CALLBACK)) != null) {
            return callback(m.group(1), m.group(2), r);
        }
        if ((m = r.match(WEBHOOK_MESSAGE)) != null) {
            Pending p = byWebhook(m.group(1), m.group(2));
            Answer problem = webhookProblem(p, r);
            if (problem != null) {
                return problem;
            }
            String messageId = "@original".equals(m.group(3)) ? p.originalMessageId : m.group(3);
            ObjectNode message = messageId == null ? null : messages.find(messageId);
            return message == null ? MessageRoom.unknownMessage() : messages.readEditDelete(r, message, true);
        }
        if ((m = r.match("POST", WEBHOOK)) != null) {
            return followUp(byWebhook(m.group(1), m.group(2)), r);
        }
        return null;
    }

    private Answer callback(String id, String token, Request r) {
        Pending p = byId.get(id);
        if (p == null || !p.interaction.token().equals(token)
                || p.callbackType == 0 && r.nanos() - p.interaction.dispatchedNanos() > answerDeadline.toNanos()) {
            return Answer.error(404, 10062, "Unknown interaction");
        }
        if (p.callbackType != 0) {
            return Answer.error(400, 40060, "Interaction has already been acknowledged.");
        }
        JsonNode body = r.json();
        if (body == null || !body.path("type").isInt()) {
            return formError("BASE_TYPE_REQUIRED", "This field is required");
        }
        int type = body.path("type").asInt();
        int itype = p.interaction.type();
        boolean allowed = switch (type) {
            case 4, 5 -> itype != Interaction.AUTOCOMPLETE;
            case 6, 7 -> itype == Interaction.MESSAGE_COMPONENT || itype == Interaction.MODAL_SUBMIT;
            case 8 -> itype == Interaction.AUTOCOMPLETE;
            case 9 -> itype != Interaction.AUTOCOMPLETE && itype != Interaction.MODAL_SUBMIT;
            default -> false;
        };
        if (!allowed) {
            return formError("INTERACTION_RESPONSE_TYPE_INVALID",
                    "Interaction response type " + type + " is not valid for interaction type " + itype);
        }
        JsonNode data = body.path("data");
        ObjectNode errors = type == 8 ? DiscordLimits.checkChoices(data)
                : type == 4 || type == 7 ? DiscordLimits.checkMessage(data) : Fixture.JSON.objectNode();
        if (!errors.isEmpty()) {
            ObjectNode wrapped = Fixture.JSON.objectNode();
            wrapped.set("data", errors);
            return Answer.invalidForm(wrapped);
        }
        p.callbackType = type;
        ObjectNode message = acknowledge(p, type, data, r);
        return "true".equals(r.query().get("with_response")) ? Answer.json(200, callbackResponse(p, type, message))
                : Answer.noContent();
    }

    private static Answer formError(String code, String message) {
        ObjectNode errors = Fixture.JSON.objectNode();
        DiscordLimits.add(errors, code, message, "type");
        return Answer.invalidForm(errors);
    }

    /** Stores or edits the message an accepted callback stands for; returns it, or null for types 8 and 9. */
    private ObjectNode acknowledge(Pending p, int type, JsonNode data, Request r) {
        switch (type) {
            case 4, 5 -> {
                ObjectNode message = reply(p.interaction);
                if (type == 4) {
                    messages.applyContent(message, data, r.parts(), true);
                } else {
                    message.put("flags", MessageRoom.LOADING | (data.path("flags").asInt(0) & MessageRoom.EPHEMERAL));
                    messages.computeMentions(message, null);
                }
                messages.store(message);
                p.originalMessageId = message.path("id").asText();
                return message;
            }
            case 6, 7 -> {
                p.originalMessageId = p.interaction.messageId();
                ObjectNode target = p.originalMessageId == null ? null : messages.find(p.originalMessageId);
                if (type == 7 && target != null) {
                    messages.applyContent(target, data, r.parts(), false);
                    target.put("edited_timestamp", Fixture.timestamp(r.at()));
                }
                return target;
            }
            default -> {
                return null; // 8 autocomplete result, 9 modal: nothing to store beyond the recorded call
            }
        }
    }

    private static ObjectNode callbackResponse(Pending p, int type, ObjectNode message) {
        ObjectNode response = Fixture.JSON.objectNode();
        ObjectNode interaction = response.putObject("interaction");
        interaction.put("id", p.interaction.id());
        interaction.put("type", p.interaction.type());
        if (message != null) {
            interaction.put("response_message_id", message.path("id").asText());
            interaction.put("response_message_loading", type == 5);
            interaction.put("response_message_ephemeral", (message.path("flags").asInt() & MessageRoom.EPHEMERAL) != 0);
        }
        ObjectNode resource = response.putObject("resource");
        resource.put("type", type);
        if (message != null && type != 5 && type != 6) {
            resource.set("message", message.deepCopy());
        }
        return response;
    }

    private Answer followUp(Pending p, Request r) {
        Answer problem = webhookProblem(p, r);
        if (problem == null) {
            problem = MessageRoom.refuseNew(r);
        }
        if (problem != null) {
            return problem;
        }
        ObjectNode message = reply(p.interaction);
        messages.applyContent(message, r.json(), r.parts(), true);
        messages.store(message);
        return "false".equals(r.query().get("wait")) ? Answer.noContent() : Answer.json(200, message.deepCopy());
    }

    /** A new bot message answering the interaction, with Discord's interaction metadata. */
    private ObjectNode reply(Interaction i) {
        // 20 CHAT_INPUT_COMMAND, 23 CONTEXT_MENU_COMMAND; component and modal replies are plain replies (19)
        // in Discord, which JDA also accepts as 0 (DEFAULT): keep 0 for those.
        int type = i.type() != Interaction.APPLICATION_COMMAND ? 0
                : i.payload().path("data").path("type").asInt(1) == 1 ? 20 : 23;
        ObjectNode message = messages.newMessage(i.channelId(), Fixture.BOT_ID, type);
        message.put("webhook_id", Fixture.APPLICATION_ID);
        message.put("application_id", Fixture.APPLICATION_ID);
        ObjectNode meta = message.putObject("interaction_metadata");
        meta.put("id", i.id());
        meta.put("type", i.type());
        meta.set("user", Fixture.user(i.userId()));
        meta.putObject("authorizing_integration_owners")
                .setAll((ObjectNode) i.payload().path("authorizing_integration_owners"));
        return message;
    }

    private Pending byWebhook(String applicationId, String token) {
        return Fixture.APPLICATION_ID.equals(applicationId) ? byToken.get(token) : null;
    }

    private static Answer webhookProblem(Pending p, Request r) {
        if (p == null || p.callbackType == 0) {
            // Discord knows no webhook for an interaction that was never acknowledged.
            return Answer.error(404, 10015, "Unknown Webhook");
        }
        if (r.at().isAfter(p.interaction.dispatchedAt().plus(TOKEN_LIFETIME))) {
            return Answer.error(401, 50027, "Invalid Webhook Token");
        }
        return null;
    }
}
