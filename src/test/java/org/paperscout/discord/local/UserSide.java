package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The test's side of {@link LocalDiscord}: what users do (interactions) and what tests read back (recorded calls,
 * answers, messages, commands, schema violations). Kept apart from the server's set-up and gateway control so that
 * neither grows into the other; {@link LocalDiscord} is the only subclass.
 */
abstract sealed class UserSide permits LocalDiscord {

    final ServerState state;
    final Recorder recorder;
    final GuildRoom guilds;
    final MessageRoom messages;
    final InteractionRoom interactions;
    private final InteractionFactory factory;

    UserSide(ServerState state, Recorder recorder, GuildRoom guilds, MessageRoom messages,
             InteractionRoom interactions, InteractionFactory factory) {
        this.state = state;
        this.recorder = recorder;
        this.guilds = guilds;
        this.messages = messages;
        this.interactions = interactions;
        this.factory = factory;
    }

    // ---------------------------------------------------------------- interactions

    /** A slash command ({@code /name ...}) in the test guild; sub-commands via {@link Option#sub}. */
    public Interaction slash(UserKind who, String name, Option... options) {
        return slashIn(Fixture.GUILD_ID, who, name, options);
    }

    /** A slash command in any guild the bot is in (for sharding tests), in that guild's "#papers". */
    public Interaction slashIn(String guildId, UserKind who, String name, Option... options) {
        return state.locked(() -> {
            ObjectNode data = factory.commandData(name, 1, List.of(options));
            if (who != UserKind.DM) {
                data.put("guild_id", guildId);
            }
            InteractionFactory.resolve(data, List.of(options), who);
            return factory.interact(who, guildId, Interaction.APPLICATION_COMMAND, data, null);
        });
    }

    /** An autocomplete request; exactly one option should be {@link Option#focused focused}. */
    public Interaction autocomplete(UserKind who, String name, Option... options) {
        return state.locked(() -> factory.interact(who, Fixture.GUILD_ID, Interaction.AUTOCOMPLETE,
                factory.commandData(name, 1, List.of(options)), null));
    }

    /**
     * A button click on a message. When the message is one the bot sent here, its stored state is sent along (JDA
     * exposes it as the event's message); otherwise a minimal bot message with that id is invented.
     */
    public Interaction button(UserKind who, String customId, String messageId) {
        return state.locked(() -> factory.interact(who, Fixture.GUILD_ID, Interaction.MESSAGE_COMPONENT,
                InteractionFactory.componentData(customId, 2), messageId));
    }

    /** A string select menu choice on a message; see {@link #button} for the message. */
    public Interaction select(UserKind who, String customId, String messageId, List<String> values) {
        ObjectNode data = InteractionFactory.componentData(customId, 3);
        values.forEach(data.putArray("values")::add);
        return state.locked(() -> factory.interact(who, Fixture.GUILD_ID, Interaction.MESSAGE_COMPONENT, data, messageId));
    }

    /** A string select menu choice on the bot's message (an invented one if the bot has sent none here). */
    public Interaction select(UserKind who, String customId, List<String> values) {
        return select(who, customId, state.locked(() -> factory.lastBotMessageId(who)), values);
    }

    /** A modal submission with text inputs ({@code custom_id -> value}). */
    public Interaction modalSubmit(UserKind who, String customId, Map<String, String> fields) {
        return state.locked(() -> factory.interact(who, Fixture.GUILD_ID, Interaction.MODAL_SUBMIT,
                InteractionFactory.modalData(customId, fields), null));
    }

    /**
     * A message context-menu command (e.g. "Find similar papers") on a message the plain member wrote with the given
     * content; the message is stored in the channel so it can be fetched too.
     */
    public Interaction messageCommand(UserKind who, String name, String messageContent) {
        return state.locked(() -> {
            ObjectNode target = factory.memberMessage(who, messageContent);
            String targetId = target.path("id").asText();
            ObjectNode data = factory.commandData(name, 3, List.of());
            data.remove("options");
            data.put("target_id", targetId);
            if (who != UserKind.DM) {
                data.put("guild_id", Fixture.GUILD_ID);
            }
            data.putObject("resolved").putObject("messages").set(targetId, target);
            return factory.interact(who, Fixture.GUILD_ID, Interaction.APPLICATION_COMMAND, data, targetId);
        });
    }

    // ---------------------------------------------------------------- assertions

    /** Every REST call so far, in arrival order. */
    public List<RecordedCall> requests() {
        return recorder.calls(c -> true);
    }

    /** The calls matching a predicate, in arrival order. */
    public List<RecordedCall> requests(Predicate<RecordedCall> filter) {
        return recorder.calls(filter);
    }

    /**
     * The first call (already recorded or still to come) matching the predicate.
     *
     * @throws AssertionError when none arrives in time, listing what did arrive
     */
    public RecordedCall awaitRequest(Predicate<RecordedCall> filter, Duration timeout) {
        return recorder.await(filter, timeout);
    }

    /** Interaction callback POSTs for this interaction, in arrival order (rejected ones included). */
    public List<RecordedCall> callbacksFor(Interaction i) {
        return recorder.calls(i.id(), callbackOf(i));
    }

    /** Everything sent for this interaction: callbacks, follow-ups and edits through its webhook token. */
    public List<RecordedCall> responsesFor(Interaction i) {
        String callbackPrefix = "/interactions/" + i.id() + "/";
        String webhookPrefix = "/webhooks/" + Fixture.APPLICATION_ID + "/" + i.token();
        return requests(c -> c.path().startsWith(callbackPrefix) || c.path().startsWith(webhookPrefix));
    }

    /**
     * Waits for the first call through this interaction's webhook (an edit of the original response or a follow-up)
     * that {@code filter} accepts.
     */
    public RecordedCall awaitWebhookCall(Interaction i, Predicate<RecordedCall> filter, Duration timeout) {
        String prefix = "/webhooks/" + Fixture.APPLICATION_ID + "/" + i.token() + "/";
        return recorder.await(i.token(), c -> c.path().startsWith(prefix) && filter.test(c), timeout);
    }

    /** Waits for the first callback of this interaction (whatever the server answered to it). */
    public RecordedCall awaitFirstAnswer(Interaction i, Duration timeout) {
        return recorder.await(i.id(), callbackOf(i), timeout);
    }

    private static Predicate<RecordedCall> callbackOf(Interaction i) {
        String prefix = "/interactions/" + i.id() + "/";
        return c -> c.isInteractionCallback() && c.path().startsWith(prefix);
    }

    /** Waits for an edit of the original response ({@code PATCH webhooks/.../messages/@original}). */
    public RecordedCall awaitOriginalEdit(Interaction i, Duration timeout) {
        String path = "/webhooks/" + Fixture.APPLICATION_ID + "/" + i.token() + "/messages/@original";
        return recorder.await(i.token(), c -> c.is("PATCH", Pattern.quote(path)), timeout);
    }

    /** Time from dispatch to arrival of the first callback, empty while there is none. */
    public Optional<Duration> firstAnswerLatency(Interaction i) {
        List<RecordedCall> cbs = callbacksFor(i);
        return cbs.isEmpty() ? Optional.empty()
                : Optional.of(Duration.ofNanos(cbs.get(0).receivedNanos() - i.dispatchedNanos()));
    }

    /** True when the first callback arrived within the deadline and was accepted. */
    public boolean answeredInTime(Interaction i) {
        return state.locked(() -> interactions.acknowledged(i.id()));
    }

    /** Messages currently in a channel, oldest first (deep copies; ephemeral ones carry flag 64). */
    public List<JsonNode> messagesIn(String channelId) {
        return state.locked(() -> messages.in(channelId));
    }

    /** A stored message by id (deep copy). */
    public Optional<JsonNode> message(String messageId) {
        return state.locked(() -> Optional.ofNullable(messages.find(messageId)).map(ObjectNode::deepCopy));
    }

    /** The commands currently registered: scope "global" or a guild id; each in Discord's answer form with ids. */
    public List<JsonNode> registeredCommands(String scope) {
        return state.locked(() -> guilds.registeredCommands(scope));
    }

    /**
     * Schema mismatches found so far; waits for the background checks of calls already received. Empty when the
     * validator is unavailable, so pair an "is empty" assertion with an assumption on {@code validator()}.
     */
    public List<SchemaViolation> schemaViolations() {
        return recorder.violations();
    }
}
