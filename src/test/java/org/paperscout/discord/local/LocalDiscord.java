package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Discord-compatible server on 127.0.0.1 for end-to-end tests with the real JDA client: Discord API v10 REST under
 * {@link #restBaseUrl()} and the gateway WebSocket at {@link #gatewayUrl()}, on one port.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * try (LocalDiscord discord = LocalDiscord.start();
 *      LocalJda bot = LocalJda.connect(discord, myListener)) {
 *     Interaction i = discord.slash(UserKind.MEMBER, "search", Option.string("query", "diffusion"));
 *     RecordedCall answer = discord.awaitFirstAnswer(i, Duration.ofSeconds(5));
 *     assertThat(discord.schemaViolations()).isEmpty();
 * }
 * }</pre>
 * JDA is pointed here with {@code RestConfig.setBaseUrl(restBaseUrl())} and a session controller whose
 * {@code getGateway()} returns {@link #gatewayUrl()} (see {@link LocalJda}); close JDA before this server.
 *
 * <h2>What it does like Discord</h2>
 * <ul>
 *   <li>Gateway: HELLO, heartbeat ACKs, IDENTIFY to READY plus a complete GUILD_CREATE for the test guild, RESUME with
 *   replay of missed events then RESUMED, op 7 and op 9 on request, echoed close frames.</li>
 *   <li>Interactions: a first callback later than {@link Builder#answerDeadline(Duration) 3 s} after dispatch gets
 *   {@code 404 code 10062 Unknown interaction}; a second callback {@code 400 code 40060}; follow-ups and edits of the
 *   original through the interaction webhook; 15-minute token lifetime.</li>
 *   <li>Bodies over Discord's limits get {@code 400 code 50035 Invalid Form Body} with Discord's {@code errors}
 *   shape (see {@link DiscordLimits}); every JSON body is also checked against Discord's OpenAPI schema in the
 *   background and mismatches collected in {@link #schemaViolations()}.</li>
 *   <li>Messages: created, edited and deleted messages are kept per channel ({@link #messagesIn(String)}), with
 *   {@code mention_everyone}/{@code mentions}/{@code mention_roles} computed from content and
 *   {@code allowed_mentions} as Discord would; {@code nonce} + {@code enforce_nonce} deduplicate creations.</li>
 *   <li>Faults scripted per route with {@link #inject(Fault)}; gateway trouble with {@link #dropGateway()},
 *   {@link #requestReconnect()}, {@link #invalidateSession(boolean)}, {@link #acknowledgeHeartbeats(boolean)},
 *   {@link #closeGateway(int, String)}; guild membership with {@link #kickBotFromGuild()} / {@link #rejoinGuild()}.</li>
 * </ul>
 * Everything is recorded ({@link #requests()}); waiting is done with {@code await*} methods, never sleeps.
 * Thread-safe. Not a full Discord: no rate limiting unless scripted, no permission checks on REST routes, no
 * gateway events other than READY, GUILD_CREATE, RESUMED and INTERACTION_CREATE (and what tests dispatch themselves
 * with {@link #dispatch(String, JsonNode)}).
 */
public final class LocalDiscord implements AutoCloseable {

    /** Discord's window for the first answer to an interaction. */
    public static final Duration DEFAULT_ANSWER_DEADLINE = Duration.ofSeconds(3);
    /** How long an interaction token accepts follow-ups and edits. */
    public static final Duration INTERACTION_TOKEN_LIFETIME = Duration.ofMinutes(15);
    /** How long {@code enforce_nonce} remembers a nonce ("a few minutes" in Discord's docs). */
    public static final Duration NONCE_WINDOW = Duration.ofMinutes(5);
    /** Gateway events kept for RESUME replay. */
    static final int REPLAY_BUFFER = 10_000;

    private static final Pattern CALLBACK = Pattern.compile("/interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern WEBHOOK = Pattern.compile("/webhooks/(\\d+)/([^/]+)");
    private static final Pattern WEBHOOK_MESSAGE = Pattern.compile("/webhooks/(\\d+)/([^/]+)/messages/(@original|\\d+)");
    private static final Pattern CHANNEL = Pattern.compile("/channels/(\\d+)");
    private static final Pattern CHANNEL_MESSAGES = Pattern.compile("/channels/(\\d+)/messages");
    private static final Pattern CHANNEL_MESSAGE = Pattern.compile("/channels/(\\d+)/messages/(\\d+)");
    private static final Pattern GLOBAL_COMMANDS = Pattern.compile("/applications/(\\d+)/commands");
    private static final Pattern GUILD_COMMANDS = Pattern.compile("/applications/(\\d+)/guilds/(\\d+)/commands");
    private static final Pattern ONE_COMMAND = Pattern.compile("/applications/(\\d+)(?:/guilds/(\\d+))?/commands/(\\d+)");
    private static final Pattern USER = Pattern.compile("/users/(\\d+)");
    private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d+)>");
    private static final Pattern ROLE_MENTION = Pattern.compile("<@&(\\d+)>");

    private final ObjectMapper mapper = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    private final Clock clock;
    private final Duration answerDeadline;
    private final int heartbeatIntervalMs;
    private final String acceptedToken;
    private final boolean guildInReady;
    private final String locale;
    private final OpenApiSchemaValidator validator;
    private final ExecutorService validation;
    private final AtomicLong snowflakes = new AtomicLong();
    private final int extraChannels;

    /** Guards everything below; {@code changed} is signalled on every new record and gateway state change. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<RecordedCall> calls = new ArrayList<>();
    private final List<SchemaViolation> violations = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    private final Map<String, Integer> faultUses = new HashMap<>();
    private final Map<String, InteractionState> interactionsById = new HashMap<>();
    private final Map<String, InteractionState> interactionsByToken = new HashMap<>();
    private final Map<String, Map<String, ObjectNode>> messagesByChannel = new HashMap<>();
    private final Map<String, ObjectNode> dmChannelsByRecipient = new HashMap<>();
    private final Map<String, Nonce> nonces = new HashMap<>();
    private final Map<String, Map<String, ObjectNode>> commandsByScope = new HashMap<>();
    private final List<JsonNode> gatewayReceived = new ArrayList<>();
    private long callSeq;
    private int pendingValidations;

    // Gateway session state, guarded by lock as well.
    private GatewayConnection socket;
    private String sessionId;
    private int seq;
    private final Deque<ObjectNode> replay = new ArrayDeque<>();
    private int identifies;
    private int readies;
    private int resumes;
    private int connections;
    private String lastIdentifyIntents;
    private boolean botInGuild = true;
    private boolean ackHeartbeats = true;

    private record Nonce(ObjectNode message, Instant at) {
    }

    /** Server-side state of one dispatched interaction. */
    private static final class InteractionState {
        final Interaction interaction;
        RecordedCall firstAnswer;
        int callbackType;
        String originalMessageId;

        InteractionState(Interaction interaction) {
            this.interaction = interaction;
        }
    }

    private LocalDiscord(Builder b) {
        this.clock = b.clock;
        this.answerDeadline = b.answerDeadline;
        this.heartbeatIntervalMs = b.heartbeatIntervalMs;
        this.acceptedToken = b.acceptedToken;
        this.guildInReady = b.guildInReady;
        this.locale = b.locale;
        this.extraChannels = b.extraChannels;
        this.validator = b.validator != null ? b.validator : OpenApiSchemaValidator.fromEnvironment();
        this.validation = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "local-discord-schema-check");
            t.setDaemon(true);
            return t;
        });
        messagesByChannel.put(Fixture.CHANNEL_ID, new LinkedHashMap<>());
        messagesByChannel.put(Fixture.OTHER_CHANNEL_ID, new LinkedHashMap<>());
        messagesByChannel.put(Fixture.READ_ONLY_CHANNEL_ID, new LinkedHashMap<>());
        for (int i = 0; i < extraChannels; i++) {
            messagesByChannel.put(Fixture.extraChannelId(i), new LinkedHashMap<>());
        }
    }

    /** Starts a server with Discord's defaults on a free loopback port. */
    public static LocalDiscord start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for {@link LocalDiscord}; every one has a Discord-like default. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration answerDeadline = DEFAULT_ANSWER_DEADLINE;
        private int heartbeatIntervalMs = 41_250;
        private String acceptedToken;
        private boolean guildInReady = true;
        private String locale = "en-US";
        private OpenApiSchemaValidator validator;
        private int extraChannels;

        private Builder() {
        }

        /** Adds {@code n} more text channels to the guild (ids from {@link LocalDiscord#extraChannelId(int)}). */
        public Builder extraChannels(int n) {
            this.extraChannels = n;
            return this;
        }

        /**
         * Clock for timestamps, snowflakes and the nonce window. JDA compares interaction ids with its own system
         * clock (a token expires 15 minutes after the id's time), so keep it near real time.
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Discord's 3 seconds by default; measured from dispatch to arrival of the first callback. */
        public Builder answerDeadline(Duration deadline) {
            this.answerDeadline = deadline;
            return this;
        }

        /** HELLO's heartbeat interval (Discord: about 41 s); short values exercise JDA's heartbeat path. */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatIntervalMs = Math.toIntExact(interval.toMillis());
            return this;
        }

        /**
         * Only this bot token is accepted: other tokens get 401 on REST (JDA's start-up {@code GET users/@me} then
         * throws InvalidTokenException) and close code 4004 on IDENTIFY. By default every token is accepted.
         */
        public Builder acceptedToken(String token) {
            this.acceptedToken = token;
            return this;
        }

        /**
         * With false, READY lists no guilds and sends no GUILD_CREATE; interactions still carry the partial
         * {@code guild} object and JDA builds detached guilds (a different code path, see discord-local.md).
         */
        public Builder guildInReady(boolean cached) {
            this.guildInReady = cached;
            return this;
        }

        /** The user's and guild's locale in interactions, "en-US" by default. */
        public Builder locale(String locale) {
            this.locale = locale;
            return this;
        }

        /** The schema validator; by default {@link OpenApiSchemaValidator#fromEnvironment()}. */
        public Builder validator(OpenApiSchemaValidator validator) {
            this.validator = validator;
            return this;
        }

        public LocalDiscord start() {
            LocalDiscord d = new LocalDiscord(this);
            d.server.setDispatcher(d.new Router());
            try {
                d.server.start(InetAddress.getLoopbackAddress(), 0);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the local Discord", e);
            }
            return d;
        }
    }

    // ---------------------------------------------------------------- addresses and ids

    /** {@code http://127.0.0.1:PORT/api/v10/}, for {@code RestConfig.setBaseUrl}. */
    public String restBaseUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/api/v10/";
    }

    /** {@code ws://127.0.0.1:PORT/gateway}, for a session controller's {@code getGateway()}. */
    public String gatewayUrl() {
        return "ws://127.0.0.1:" + server.getPort() + "/gateway";
    }

    public int port() {
        return server.getPort();
    }

    public String applicationId() {
        return Fixture.APPLICATION_ID;
    }

    public String botUserId() {
        return Fixture.BOT_ID;
    }

    public String guildId() {
        return Fixture.GUILD_ID;
    }

    /** The text channel "#papers" where interactions happen by default. */
    public String channelId() {
        return Fixture.CHANNEL_ID;
    }

    /** "#announcements", where @everyone (the bot included) is denied Send Messages and Embed Links. */
    public String readOnlyChannelId() {
        return Fixture.READ_ONLY_CHANNEL_ID;
    }

    /** The id of extra channel {@code i} (0-based; see {@link Builder#extraChannels(int)}). */
    public String extraChannelId(int i) {
        return Fixture.extraChannelId(i);
    }

    /** A second text channel, "#general". */
    public String otherChannelId() {
        return Fixture.OTHER_CHANNEL_ID;
    }

    /** The member with the "Moderators" role (Manage Server). */
    public String adminUserId() {
        return Fixture.ADMIN_ID;
    }

    /** The member with no role beyond {@code @everyone}. */
    public String memberUserId() {
        return Fixture.MEMBER_ID;
    }

    /** The guild owner (not used by interaction helpers; owners pass every permission check). */
    public String ownerUserId() {
        return Fixture.OWNER_ID;
    }

    public String moderatorRoleId() {
        return Fixture.MODERATOR_ROLE_ID;
    }

    public String userIdOf(UserKind kind) {
        return Fixture.userIdOf(kind);
    }

    /** The DM channel between the bot and the plain member (created on first use, as {@code POST users/@me/channels} would). */
    public String dmChannelId() {
        lock.lock();
        try {
            return dmChannel(Fixture.MEMBER_ID).path("id").asText();
        } finally {
            lock.unlock();
        }
    }

    /** The DM channel between the bot and any user (created on first use, as {@code POST users/@me/channels} would). */
    public String dmChannelIdOf(String userId) {
        lock.lock();
        try {
            return dmChannel(userId).path("id").asText();
        } finally {
            lock.unlock();
        }
    }

    public OpenApiSchemaValidator validator() {
        return validator;
    }

    // ---------------------------------------------------------------- gateway control

    /** Waits up to 30 s for the first READY to be sent. */
    public void awaitReady() {
        awaitReady(Duration.ofSeconds(30));
    }

    /** Waits for the first READY to be sent. */
    public void awaitReady(Duration timeout) {
        awaitGateway(() -> readies >= 1, timeout, "READY");
    }

    /** Waits until {@code n} RESUMED events have been sent in total. */
    public void awaitResumes(int n, Duration timeout) {
        awaitGateway(() -> resumes >= n, timeout, n + " RESUMED");
    }

    /** Waits until {@code n} READY events (i.e. fresh sessions) have been sent in total. */
    public void awaitReadies(int n, Duration timeout) {
        awaitGateway(() -> readies >= n, timeout, n + " READY");
    }

    public int identifyCount() {
        return locked(() -> identifies);
    }

    public int readyCount() {
        return locked(() -> readies);
    }

    public int resumeCount() {
        return locked(() -> resumes);
    }

    /** WebSocket connections accepted so far. */
    public int gatewayConnections() {
        return locked(() -> connections);
    }

    /** Waits until at least {@code count} frames received from JDA match, e.g. heartbeats ({@code op == 1}). */
    public void awaitGatewayReceived(Predicate<JsonNode> filter, int count, Duration timeout) {
        awaitGateway(() -> gatewayReceived.stream().filter(filter).count() >= count, timeout,
                count + " matching gateway frames");
    }

    /** The {@code intents} JDA sent in its last IDENTIFY, or null before one. */
    public String identifiedIntents() {
        return locked(() -> lastIdentifyIntents);
    }

    /** Every frame JDA sent on the gateway, in order (heartbeats included). */
    public List<JsonNode> gatewayReceived() {
        return locked(() -> List.copyOf(gatewayReceived));
    }

    /**
     * Closes the gateway socket without a close frame, as a network failure would; the session stays resumable, so JDA
     * reconnects and sends RESUME. Events dispatched meanwhile are replayed on resume.
     */
    public void dropGateway() {
        GatewayConnection s = locked(() -> socket);
        if (s != null) {
            abort(s.ws);
        }
    }

    /**
     * Tears the TCP connection down without a close frame. A server-side OkHttp WebSocket has no Call, so
     * {@code cancel()} throws; {@code failWebSocket} is OkHttp's own path for a broken connection and cancels the socket.
     */
    private static void abort(WebSocket ws) {
        if (ws instanceof okhttp3.internal.ws.RealWebSocket real) {
            real.failWebSocket(new IOException("connection dropped by LocalDiscord"), null, false);
        } else {
            ws.close(4000, "dropped");
        }
    }

    /**
     * The bot is removed from the test guild: GUILD_DELETE now (JDA fires GuildLeaveEvent), and later READYs list no
     * guild, as after an outage during which the bot was kicked. {@link #rejoinGuild()} undoes it.
     */
    public void kickBotFromGuild() {
        lock.lock();
        try {
            botInGuild = false;
            dispatch("GUILD_DELETE", Fixture.JSON.objectNode().put("id", Fixture.GUILD_ID));
        } finally {
            lock.unlock();
        }
    }

    /** The bot is added to the test guild again: a complete GUILD_CREATE now (JDA fires GuildJoinEvent). */
    public void rejoinGuild() {
        lock.lock();
        try {
            botInGuild = true;
            dispatch("GUILD_CREATE", Fixture.guildCreate(locale, extraChannels));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops (or resumes) acknowledging heartbeats: a zombied connection. JDA notices a missing ACK at its next
     * heartbeat, closes the socket and resumes.
     */
    public void acknowledgeHeartbeats(boolean acknowledge) {
        lock.lock();
        try {
            ackHeartbeats = acknowledge;
        } finally {
            lock.unlock();
        }
    }

    /** Sends op 7 RECONNECT: JDA closes and resumes. */
    public void requestReconnect() {
        sendOp(7, null);
    }

    /** Sends op 9 INVALID SESSION; with {@code resumable} false the session is forgotten and JDA must IDENTIFY again. */
    public void invalidateSession(boolean resumable) {
        if (!resumable) {
            lock.lock();
            try {
                sessionId = null;
                replay.clear();
            } finally {
                lock.unlock();
            }
        }
        sendOp(9, resumable);
    }

    /** Closes the gateway with a close frame carrying {@code code} (e.g. 4000 resumable, 4004 authentication failed). */
    public void closeGateway(int code, String reason) {
        GatewayConnection s = locked(() -> socket);
        if (s != null) {
            s.ws.close(code, reason);
        }
    }

    /** Sends a dispatch event (op 0) with the next sequence number; kept for RESUME replay. */
    public void dispatch(String type, JsonNode data) {
        lock.lock();
        try {
            ObjectNode frame = Fixture.JSON.objectNode();
            frame.put("op", 0);
            frame.put("t", type);
            frame.put("s", ++seq);
            frame.set("d", data);
            replay.addLast(frame);
            while (replay.size() > REPLAY_BUFFER) {
                replay.removeFirst();
            }
            if (socket != null && socket.identified) {
                socket.ws.send(frame.toString());
            }
        } finally {
            lock.unlock();
        }
    }

    private void sendOp(int op, Object d) {
        ObjectNode frame = Fixture.JSON.objectNode();
        frame.put("op", op);
        if (d instanceof Boolean b) {
            frame.put("d", b);
        } else {
            frame.putNull("d");
        }
        GatewayConnection s = locked(() -> socket);
        if (s != null) {
            s.ws.send(frame.toString());
        }
    }

    /** One gateway WebSocket; a resume opens a new one. */
    private final class GatewayConnection extends WebSocketListener {
        WebSocket ws;
        volatile boolean identified;

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            this.ws = webSocket;
            lock.lock();
            try {
                socket = this;
                connections++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            webSocket.send("{\"op\":10,\"d\":{\"heartbeat_interval\":" + heartbeatIntervalMs + "}}");
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            JsonNode frame;
            try {
                frame = mapper.readTree(text);
            } catch (IOException e) {
                webSocket.close(4002, "Error while decoding payload.");
                return;
            }
            lock.lock();
            try {
                gatewayReceived.add(frame);
                changed.signalAll();
                switch (frame.path("op").asInt(-1)) {
                    case 1 -> {
                        if (ackHeartbeats) {
                            webSocket.send("{\"op\":11}");
                        }
                    }
                    case 2 -> identify(frame.path("d"));
                    case 6 -> resume(frame.path("d"));
                    default -> {
                        // presence updates (3), voice (4), member requests (8): accepted and ignored
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        private void identify(JsonNode d) {
            identifies++;
            lastIdentifyIntents = d.path("intents").asText(null);
            if (!tokenAccepted(d.path("token").asText(""))) {
                ws.close(4004, "Authentication failed.");
                return;
            }
            sessionId = UUID.randomUUID().toString().replace("-", "");
            seq = 0;
            replay.clear();
            identified = true;
            ObjectNode ready = Fixture.JSON.objectNode();
            ready.put("v", 10);
            ready.set("user", Fixture.selfUser());
            ArrayNode guilds = ready.putArray("guilds");
            if (guildInReady && botInGuild) {
                guilds.add(Fixture.unavailableGuild());
            }
            ready.put("session_id", sessionId);
            ready.put("resume_gateway_url", gatewayUrl());
            ready.putArray("private_channels"); // JDA still requires it
            ready.putObject("application").put("id", Fixture.APPLICATION_ID).put("flags", 0);
            ready.putArray("presences");
            ready.putArray("relationships");
            ready.putArray("guild_join_requests");
            ready.putObject("auth").putNull("token");
            ready.putArray("geo_ordered_rtc_regions").add("local");
            ready.putArray("shard").add(0).add(1);
            readies++;
            dispatch("READY", ready);
            if (guildInReady && botInGuild) {
                dispatch("GUILD_CREATE", Fixture.guildCreate(locale, extraChannels));
            }
            changed.signalAll();
        }

        private void resume(JsonNode d) {
            if (!tokenAccepted(d.path("token").asText("")) || sessionId == null
                    || !sessionId.equals(d.path("session_id").asText())) {
                ws.send("{\"op\":9,\"d\":false}");
                return;
            }
            long after = d.path("seq").asLong(0);
            identified = true;
            for (ObjectNode frame : replay) {
                if (frame.path("s").asLong() > after) {
                    ws.send(frame.toString());
                }
            }
            resumes++;
            dispatch("RESUMED", Fixture.JSON.objectNode());
            changed.signalAll();
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            // Echo the close frame; without it JDA waits about 5 s on every shutdown.
            webSocket.close(code, null);
            detach();
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            detach();
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            detach();
        }

        private void detach() {
            lock.lock();
            try {
                identified = false;
                if (socket == this) {
                    socket = null;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean tokenAccepted(String token) {
        return acceptedToken == null ? !token.isBlank() : acceptedToken.equals(token);
    }

    // ---------------------------------------------------------------- interactions

    /** A slash command ({@code /name ...}); sub-commands via {@link Option#sub}. */
    public Interaction slash(UserKind who, String name, Option... options) {
        ObjectNode data = Fixture.JSON.objectNode();
        data.put("id", commandId(name, 1));
        data.put("name", name);
        data.put("type", 1);
        if (who != UserKind.DM) {
            data.put("guild_id", Fixture.GUILD_ID);
        }
        ArrayNode opts = data.putArray("options");
        for (Option o : options) {
            opts.add(o.toJson());
        }
        resolve(data, List.of(options), who);
        return interact(who, Interaction.APPLICATION_COMMAND, data, null);
    }

    /** Discord sends the objects behind channel and user options in {@code data.resolved}; JDA reads them there. */
    private static void resolve(ObjectNode data, List<Option> options, UserKind who) {
        for (Option o : options) {
            if (o.type() == Option.CHANNEL) {
                ObjectNode channel = Fixture.channelFor(String.valueOf(o.value()));
                channel.put("permissions", Long.toString(Fixture.permissionsOf(Fixture.userIdOf(who))));
                resolvedOf(data).withObjectProperty("channels").set(String.valueOf(o.value()), channel);
            } else if (o.type() == Option.USER) {
                String id = String.valueOf(o.value());
                resolvedOf(data).withObjectProperty("users").set(id, Fixture.user(id));
                if (who != UserKind.DM) {
                    ObjectNode member = Fixture.member(id);
                    member.remove("user");
                    member.put("permissions", Long.toString(Fixture.permissionsOf(id)));
                    resolvedOf(data).withObjectProperty("members").set(id, member);
                }
            }
            resolve(data, o.options(), who);
        }
    }

    private static ObjectNode resolvedOf(ObjectNode data) {
        return data.withObjectProperty("resolved");
    }

    /** An autocomplete request; exactly one option should be {@link Option#focused focused}. */
    public Interaction autocomplete(UserKind who, String name, Option... options) {
        ObjectNode data = Fixture.JSON.objectNode();
        data.put("id", commandId(name, 1));
        data.put("name", name);
        data.put("type", 1);
        ArrayNode opts = data.putArray("options");
        for (Option o : options) {
            opts.add(o.toJson());
        }
        return interact(who, Interaction.AUTOCOMPLETE, data, null);
    }

    /**
     * A button click on a message. When the message is one the bot sent here, its stored state is sent along (JDA
     * exposes it as the event's message); otherwise a minimal bot message with that id is invented.
     */
    public Interaction button(UserKind who, String customId, String messageId) {
        ObjectNode data = Fixture.JSON.objectNode();
        data.put("custom_id", customId);
        data.put("component_type", 2);
        return interact(who, Interaction.MESSAGE_COMPONENT, data, messageId);
    }

    /** A string select menu choice on a message; see {@link #button} for the message. */
    public Interaction select(UserKind who, String customId, String messageId, List<String> values) {
        ObjectNode data = Fixture.JSON.objectNode();
        data.put("custom_id", customId);
        data.put("component_type", 3);
        ArrayNode v = data.putArray("values");
        values.forEach(v::add);
        return interact(who, Interaction.MESSAGE_COMPONENT, data, messageId);
    }

    /** A string select menu choice on the bot's message (an invented one if the bot has sent none here). */
    public Interaction select(UserKind who, String customId, List<String> values) {
        return select(who, customId, lastBotMessageId(who), values);
    }

    private String lastBotMessageId(UserKind who) {
        return locked(() -> {
            String channel = who == UserKind.DM ? dmChannel(Fixture.MEMBER_ID).path("id").asText() : Fixture.CHANNEL_ID;
            String last = null;
            for (ObjectNode m : messagesByChannel.getOrDefault(channel, Map.of()).values()) {
                if (Fixture.BOT_ID.equals(m.path("author").path("id").asText())) {
                    last = m.path("id").asText();
                }
            }
            return last;
        });
    }

    /** A modal submission with text inputs ({@code custom_id -> value}). */
    public Interaction modalSubmit(UserKind who, String customId, Map<String, String> fields) {
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
        return interact(who, Interaction.MODAL_SUBMIT, data, null);
    }

    /**
     * A message context-menu command (e.g. "Find similar papers") on a message the plain member wrote with the given
     * content; the message is stored in the channel so it can be fetched too.
     */
    public Interaction messageCommand(UserKind who, String name, String messageContent) {
        String channel = who == UserKind.DM ? dmChannelId() : Fixture.CHANNEL_ID;
        ObjectNode target = locked(() -> {
            ObjectNode m = newMessage(channel, Fixture.MEMBER_ID, 0);
            m.put("content", messageContent);
            computeMentions(m, null);
            store(m);
            return m.deepCopy();
        });
        String targetId = target.path("id").asText();
        ObjectNode data = Fixture.JSON.objectNode();
        data.put("id", commandId(name, 3));
        data.put("name", name);
        data.put("type", 3);
        data.put("target_id", targetId);
        if (who != UserKind.DM) {
            data.put("guild_id", Fixture.GUILD_ID);
        }
        data.putObject("resolved").putObject("messages").set(targetId, target);
        return interact(who, Interaction.APPLICATION_COMMAND, data, targetId);
    }

    private Interaction interact(UserKind who, int type, ObjectNode data, String messageId) {
        lock.lock();
        try {
            Instant now = clock.instant();
            String id = Long.toString(nextSnowflake());
            String token = "aW50ZXJhY3Rpb246" + id + ":" + UUID.randomUUID().toString().replace("-", "");
            String userId = Fixture.userIdOf(who);
            boolean dm = who == UserKind.DM;
            String channelId = dm ? dmChannel(userId).path("id").asText() : Fixture.CHANNEL_ID;

            ObjectNode d = Fixture.JSON.objectNode();
            d.put("id", id);
            d.put("application_id", Fixture.APPLICATION_ID);
            d.put("type", type);
            d.set("data", data);
            d.put("token", token);
            d.put("version", 1);
            d.put("locale", locale);
            d.putArray("entitlements");
            d.put("attachment_size_limit", 10 * 1024 * 1024);
            if (dm) {
                d.put("channel_id", channelId);
                d.set("channel", dmChannel(userId).deepCopy());
                d.set("user", Fixture.user(userId));
                d.put("context", 1);
                d.putObject("authorizing_integration_owners").put("0", "0");
                d.put("app_permissions", Long.toString(Fixture.BOT_ROLE_PERMISSIONS | Fixture.EVERYONE_PERMISSIONS));
            } else {
                d.put("guild_id", Fixture.GUILD_ID);
                d.putObject("guild").put("id", Fixture.GUILD_ID).put("locale", locale).putArray("features");
                d.put("guild_locale", locale);
                d.put("channel_id", channelId);
                // The invoker's permissions in the channel: JDA needs them when the channel is not cached.
                d.set("channel", Fixture.channelFor(channelId).put("permissions", Long.toString(Fixture.permissionsOf(userId))));
                ObjectNode member = Fixture.member(userId);
                member.put("permissions", Long.toString(Fixture.permissionsOf(userId)));
                d.set("member", member);
                d.put("context", 0);
                d.putObject("authorizing_integration_owners").put("0", Fixture.GUILD_ID);
                d.put("app_permissions", Long.toString(Fixture.permissionsOf(Fixture.BOT_ID)));
            }
            if (type == Interaction.MESSAGE_COMPONENT) {
                d.set("message", componentMessage(channelId, messageId).deepCopy());
            }
            long nanos = System.nanoTime();
            Interaction interaction = new Interaction(id, token, type, who, userId, channelId,
                    type == Interaction.MESSAGE_COMPONENT || data.has("target_id") ? messageIdOf(d, messageId) : null,
                    now, nanos, d.deepCopy());
            InteractionState state = new InteractionState(interaction);
            interactionsById.put(id, state);
            interactionsByToken.put(token, state);
            dispatch("INTERACTION_CREATE", d);
            return interaction;
        } finally {
            lock.unlock();
        }
    }

    private static String messageIdOf(ObjectNode d, String messageId) {
        return d.has("message") ? d.path("message").path("id").asText() : messageId;
    }

    private ObjectNode componentMessage(String channelId, String messageId) {
        if (messageId != null) {
            ObjectNode stored = findMessage(messageId);
            if (stored != null) {
                return stored;
            }
        }
        ObjectNode m = newMessage(channelId, Fixture.BOT_ID, 0);
        if (messageId != null) {
            m.put("id", messageId);
        }
        m.put("content", "");
        computeMentions(m, null);
        store(m);
        return m;
    }

    private String commandId(String name, int type) {
        return locked(() -> {
            for (Map<String, ObjectNode> scope : commandsByScope.values()) {
                ObjectNode c = scope.get(type + ":" + name);
                if (c != null) {
                    return c.path("id").asText();
                }
            }
            // Unregistered command: a stable id derived from the name, so repeated dispatches agree.
            return Long.toString(1500000000000000000L
                    + Math.floorMod((long) (type + ":" + name).hashCode(), 1_000_000_000L));
        });
    }

    // ---------------------------------------------------------------- assertions

    /** Every REST call so far, in arrival order. */
    public List<RecordedCall> requests() {
        return locked(() -> List.copyOf(calls));
    }

    /** The calls matching a predicate, in arrival order. */
    public List<RecordedCall> requests(Predicate<RecordedCall> filter) {
        return locked(() -> calls.stream().filter(filter).toList());
    }

    /**
     * The first call (already recorded or still to come) matching the predicate.
     *
     * @throws AssertionError when none arrives in time, listing what did arrive
     */
    public RecordedCall awaitRequest(Predicate<RecordedCall> filter, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                for (RecordedCall c : calls) {
                    if (filter.test(c)) {
                        return c;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching request within " + timeout + "; received:\n" + describeCalls());
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            lock.unlock();
        }
    }

    /** Interaction callback POSTs for this interaction, in arrival order (rejected ones included). */
    public List<RecordedCall> callbacksFor(Interaction i) {
        String prefix = "/interactions/" + i.id() + "/";
        return requests(c -> c.isInteractionCallback() && c.path().startsWith(prefix));
    }

    /** Everything sent for this interaction: callbacks, follow-ups and edits through its webhook token. */
    public List<RecordedCall> responsesFor(Interaction i) {
        String callbackPrefix = "/interactions/" + i.id() + "/";
        String webhookPrefix = "/webhooks/" + Fixture.APPLICATION_ID + "/" + i.token();
        return requests(c -> c.path().startsWith(callbackPrefix) || c.path().startsWith(webhookPrefix));
    }

    /** Waits for the first callback of this interaction (whatever the server answered to it). */
    public RecordedCall awaitFirstAnswer(Interaction i, Duration timeout) {
        String prefix = "/interactions/" + i.id() + "/";
        return awaitRequest(c -> c.isInteractionCallback() && c.path().startsWith(prefix), timeout);
    }

    /** Waits for an edit of the original response ({@code PATCH webhooks/.../messages/@original}). */
    public RecordedCall awaitOriginalEdit(Interaction i, Duration timeout) {
        String path = "/webhooks/" + Fixture.APPLICATION_ID + "/" + i.token() + "/messages/@original";
        return awaitRequest(c -> c.is("PATCH", Pattern.quote(path)), timeout);
    }

    /** Time from dispatch to arrival of the first callback, empty while there is none. */
    public Optional<Duration> firstAnswerLatency(Interaction i) {
        List<RecordedCall> cbs = callbacksFor(i);
        return cbs.isEmpty() ? Optional.empty()
                : Optional.of(Duration.ofNanos(cbs.get(0).receivedNanos() - i.dispatchedNanos()));
    }

    /** True when the first callback arrived within the deadline and was accepted. */
    public boolean answeredInTime(Interaction i) {
        return locked(() -> {
            InteractionState s = interactionsById.get(i.id());
            return s != null && s.callbackType != 0;
        });
    }

    /** Messages currently in a channel, oldest first (deep copies; ephemeral ones carry flag 64). */
    public List<JsonNode> messagesIn(String channelId) {
        return locked(() -> {
            Map<String, ObjectNode> m = messagesByChannel.get(channelId);
            return m == null ? List.<JsonNode>of() : m.values().stream().map(o -> (JsonNode) o.deepCopy()).toList();
        });
    }

    /** A stored message by id (deep copy). */
    public Optional<JsonNode> message(String messageId) {
        return locked(() -> Optional.ofNullable(findMessage(messageId)).map(ObjectNode::deepCopy));
    }

    /** The commands currently registered: scope "global" or a guild id; each in Discord's answer form with ids. */
    public List<JsonNode> registeredCommands(String scope) {
        return locked(() -> {
            Map<String, ObjectNode> m = commandsByScope.get(scope);
            return m == null ? List.<JsonNode>of() : m.values().stream().map(o -> (JsonNode) o.deepCopy()).toList();
        });
    }

    /**
     * Schema mismatches found so far; waits for the background checks of calls already received. Empty when the
     * validator is unavailable, so pair an "is empty" assertion with an assumption on {@link #validator()}.
     */
    public List<SchemaViolation> schemaViolations() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        lock.lock();
        try {
            while (pendingValidations > 0 && System.nanoTime() < deadline) {
                changed.await(50, TimeUnit.MILLISECONDS);
            }
            return List.copyOf(violations);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.copyOf(violations);
        } finally {
            lock.unlock();
        }
    }

    /** Adds a scripted fault; faults are tried in the order added, each until its count is used up. */
    public void inject(Fault fault) {
        lock.lock();
        try {
            faults.add(fault);
        } finally {
            lock.unlock();
        }
    }

    /** Removes all scripted faults not yet used up. */
    public void clearFaults() {
        lock.lock();
        try {
            faults.clear();
            faultUses.clear();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets recorded calls and violations, and drains MockWebServer's own unbounded request queue, so long
     * benchmarks do not grow without bound; messages and interactions stay.
     */
    public void clearRecorded() {
        lock.lock();
        try {
            calls.clear();
            violations.clear();
        } finally {
            lock.unlock();
        }
        try {
            while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
                // drained
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server; close JDA first so its shutdown gets the close frame echoed. */
    @Override
    public void close() {
        validation.shutdownNow();
        GatewayConnection s = locked(() -> socket);
        if (s != null) {
            abort(s.ws);
        }
        server.close();
    }

    private void awaitGateway(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(new TimeoutException("no " + what + " within " + timeout
                            + " (connections " + connections + ", identifies " + identifies + ", readies " + readies
                            + ", resumes " + resumes + ")"));
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(java.util.function.Supplier<T> s) {
        lock.lock();
        try {
            return s.get();
        } finally {
            lock.unlock();
        }
    }

    private String describeCalls() {
        StringBuilder sb = new StringBuilder();
        for (RecordedCall c : calls) {
            sb.append("  ").append(c).append('\n');
        }
        return sb.length() == 0 ? "  (nothing)" : sb.toString();
    }

    // ---------------------------------------------------------------- REST

    /** An answer before it becomes a MockResponse. */
    private record Answer(int status, JsonNode body, Headers headers) {
        static Answer json(int status, JsonNode body) {
            return new Answer(status, body, Headers.of());
        }

        static Answer noContent() {
            return new Answer(204, null, Headers.of());
        }
    }

    private final class Router extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            long nanos = System.nanoTime();
            Instant at = clock.instant();
            HttpUrl url = request.getUrl();
            String fullPath = url.encodedPath();
            if (fullPath.startsWith("/gateway")) {
                return new MockResponse.Builder().webSocketUpgrade(new GatewayConnection()).build();
            }
            String path = fullPath.startsWith("/api/v10/") ? fullPath.substring("/api/v10".length())
                    : fullPath.startsWith("/api/") ? fullPath.substring("/api".length()) : fullPath;
            path = decode(path);
            Map<String, String> query = new TreeMap<>();
            for (String name : url.queryParameterNames()) {
                query.put(name, url.queryParameter(name));
            }
            Map<String, List<String>> headers = new TreeMap<>();
            for (String name : request.getHeaders().names()) {
                headers.put(name.toLowerCase(Locale.ROOT), request.getHeaders().values(name));
            }
            byte[] raw = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
            String contentType = request.getHeaders().get("Content-Type");
            List<RecordedCall.Part> parts = List.of();
            JsonNode json = null;
            String parseError = null;
            try {
                if (Multipart.isMultipart(contentType)) {
                    parts = Multipart.parse(contentType, raw);
                    for (RecordedCall.Part p : parts) {
                        if ("payload_json".equals(p.name())) {
                            json = mapper.readTree(p.content());
                        }
                    }
                } else if (raw.length > 0) {
                    json = mapper.readTree(raw);
                }
            } catch (IOException e) {
                parseError = e.getMessage();
            }
            String method = request.getMethod();

            Fault fault = takeFault(method, path);
            Answer answer;
            MockResponse.Builder response = new MockResponse.Builder();
            if (parseError != null) {
                answer = Answer.json(400, error(50109, "The request body contains invalid JSON."));
            } else if (fault != null && (fault.kind() == Fault.Kind.STATUS || fault.kind() == Fault.Kind.RATE_LIMIT)) {
                answer = faultAnswer(fault, at);
            } else if (fault != null && fault.kind() == Fault.Kind.HANG) {
                answer = new Answer(0, null, Headers.of());
                response.onResponseStart(SocketEffect.Stall.INSTANCE);
            } else {
                answer = route(method, path, query, headers, json, parts, nanos, at);
                if (fault != null && fault.kind() == Fault.Kind.DROP) {
                    response.onResponseStart(new SocketEffect.CloseSocket());
                } else if (fault != null && fault.kind() == Fault.Kind.DELAY) {
                    response.headersDelay(fault.duration().toNanos(), TimeUnit.NANOSECONDS);
                }
            }
            record(new RecordedCall(0, method, path, query, headers, json, parts, raw, at, nanos,
                    answer.status(), answer.body(), fault));
            if (answer.status() == 0) {
                return response.build();
            }
            response.code(answer.status()).headers(answer.headers());
            if (answer.body() != null) {
                response.setHeader("Content-Type", "application/json").body(answer.body().toString());
            }
            return response.build();
        }
    }

    private static String decode(String path) {
        // JDA encodes "@" in "@me"/"@original" as is, but be lenient with %40.
        return path.replace("%40", "@");
    }

    private void record(RecordedCall call) {
        RecordedCall numbered;
        lock.lock();
        try {
            numbered = new RecordedCall(++callSeq, call.method(), call.path(), call.query(), call.headers(),
                    call.json(), call.parts(), call.rawBody(), call.receivedAt(), call.receivedNanos(),
                    call.status(), call.response(), call.fault());
            calls.add(numbered);
            if (numbered.json() != null && validator.isAvailable()) {
                pendingValidations++;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (numbered.json() != null && validator.isAvailable()) {
            try {
                validation.execute(() -> validate(numbered));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                lock.lock();
                try {
                    pendingValidations--;
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private void validate(RecordedCall call) {
        List<String> problems;
        try {
            problems = validator.validate(call.method(), call.path(), call.json());
        } catch (RuntimeException e) {
            problems = List.of("schema check failed: " + e);
        }
        String route = validator.routeTemplate(call.path()).orElse(call.path());
        lock.lock();
        try {
            if (!problems.isEmpty()) {
                violations.add(new SchemaViolation(call, route, problems));
            }
            pendingValidations--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Fault takeFault(String method, String path) {
        lock.lock();
        try {
            for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
                Fault f = it.next();
                if (f.matches(method, path)) {
                    String key = Integer.toHexString(System.identityHashCode(f));
                    int used = faultUses.merge(key, 1, Integer::sum);
                    if (used >= f.times()) {
                        it.remove();
                        faultUses.remove(key);
                    }
                    return f;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private Answer faultAnswer(Fault f, Instant at) {
        if (f.kind() == Fault.Kind.RATE_LIMIT) {
            double seconds = f.duration().toMillis() / 1000.0;
            ObjectNode body = Fixture.JSON.objectNode();
            body.put("message", f.message());
            body.put("retry_after", seconds);
            body.put("global", false);
            Headers h = new Headers.Builder()
                    // Without "via" JDA takes a 429 for a Cloudflare ban of every route.
                    .add("via", "1.1 google")
                    .add("Retry-After", Long.toString((long) Math.ceil(seconds)))
                    .add("X-RateLimit-Bucket", "local-" + Integer.toHexString(f.path().pattern().hashCode()))
                    .add("X-RateLimit-Scope", f.scope())
                    .add("X-RateLimit-Limit", "5")
                    .add("X-RateLimit-Remaining", "0")
                    .add("X-RateLimit-Reset", String.format(Locale.ROOT, "%.3f",
                            at.toEpochMilli() / 1000.0 + seconds))
                    .add("X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", seconds))
                    .build();
            return new Answer(429, body, h);
        }
        return Answer.json(f.status(), error(f.code(), f.message()));
    }

    private static ObjectNode error(int code, String message) {
        ObjectNode e = Fixture.JSON.objectNode();
        e.put("message", message);
        e.put("code", code);
        return e;
    }

    private static Answer invalidForm(ObjectNode errors) {
        ObjectNode e = error(50035, "Invalid Form Body");
        e.set("errors", errors);
        return Answer.json(400, e);
    }

    private Answer route(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
                         JsonNode json, List<RecordedCall.Part> parts, long nanos, Instant at) {
        Matcher m;
        boolean tokenRoute = path.startsWith("/interactions/") || path.startsWith("/webhooks/");
        if (!tokenRoute) {
            List<String> auth = headers.get("authorization");
            String header = auth == null || auth.isEmpty() ? "" : auth.get(0);
            if (!header.startsWith("Bot ") || !tokenAccepted(header.substring(4))) {
                return Answer.json(401, error(0, "401: Unauthorized"));
            }
        }
        lock.lock();
        try {
            if ((m = CALLBACK.matcher(path)).matches() && method.equals("POST")) {
                return callback(m.group(1), m.group(2), query, json, parts, nanos, at);
            }
            if ((m = WEBHOOK_MESSAGE.matcher(path)).matches()) {
                return webhookMessage(method, m.group(1), m.group(2), m.group(3), json, parts, at);
            }
            if ((m = WEBHOOK.matcher(path)).matches() && method.equals("POST")) {
                return followUp(m.group(1), m.group(2), query, json, parts, at);
            }
            if ((m = CHANNEL_MESSAGE.matcher(path)).matches()) {
                return channelMessage(method, m.group(1), m.group(2), json, parts, at);
            }
            if ((m = CHANNEL_MESSAGES.matcher(path)).matches()) {
                if (method.equals("POST")) {
                    return createChannelMessage(m.group(1), json, parts, at);
                }
                if (method.equals("GET")) {
                    return history(m.group(1), query);
                }
            }
            if ((m = CHANNEL.matcher(path)).matches() && method.equals("GET")) {
                ObjectNode channel = channel(m.group(1));
                return channel == null ? Answer.json(404, error(10003, "Unknown Channel")) : Answer.json(200, channel);
            }
            if ((m = GUILD_COMMANDS.matcher(path)).matches()) {
                return commands(method, m.group(1), m.group(2), json);
            }
            if ((m = GLOBAL_COMMANDS.matcher(path)).matches()) {
                return commands(method, m.group(1), null, json);
            }
            if ((m = ONE_COMMAND.matcher(path)).matches() && method.equals("DELETE")) {
                Map<String, ObjectNode> scope = commandsByScope.get(m.group(2) == null ? "global" : m.group(2));
                String commandId = m.group(3);
                if (scope != null && scope.values().removeIf(c -> c.path("id").asText().equals(commandId))) {
                    return Answer.noContent();
                }
                return Answer.json(404, error(10063, "Unknown application command"));
            }
            switch (method + " " + path) {
                case "GET /users/@me":
                    return Answer.json(200, Fixture.selfUser());
                case "POST /users/@me/channels": {
                    String recipient = json == null ? "" : json.path("recipient_id").asText("");
                    if (!recipient.equals(Fixture.ADMIN_ID) && !recipient.equals(Fixture.MEMBER_ID)
                            && !recipient.equals(Fixture.OWNER_ID)) {
                        return Answer.json(400, error(50007, "Cannot send messages to this user"));
                    }
                    return Answer.json(200, dmChannel(recipient).deepCopy());
                }
                case "GET /gateway":
                    return Answer.json(200, Fixture.JSON.objectNode().put("url", gatewayUrl()));
                case "GET /gateway/bot": {
                    ObjectNode g = Fixture.JSON.objectNode().put("url", gatewayUrl()).put("shards", 1);
                    g.putObject("session_start_limit").put("total", 1000).put("remaining", 1000 - identifies)
                            .put("reset_after", 86_400_000).put("max_concurrency", 1);
                    return Answer.json(200, g);
                }
                case "GET /applications/@me":
                case "GET /oauth2/applications/@me":
                    return Answer.json(200, application());
                default:
                    break;
            }
            if ((m = USER.matcher(path)).matches() && method.equals("GET")) {
                String id = m.group(1);
                if (List.of(Fixture.BOT_ID, Fixture.ADMIN_ID, Fixture.MEMBER_ID, Fixture.OWNER_ID).contains(id)) {
                    return Answer.json(200, Fixture.user(id));
                }
                return Answer.json(404, error(10013, "Unknown User"));
            }
            return Answer.json(404, error(0, "404: Not Found"));
        } finally {
            lock.unlock();
        }
    }

    private ObjectNode application() {
        ObjectNode a = Fixture.JSON.objectNode();
        a.put("id", Fixture.APPLICATION_ID);
        a.put("name", "PaperScout");
        a.putNull("icon");
        a.put("description", "Finds papers.");
        a.put("summary", "");
        a.put("bot_public", true);
        a.put("bot_require_code_grant", false);
        a.put("verify_key", "0000000000000000000000000000000000000000000000000000000000000000");
        a.set("owner", Fixture.user(Fixture.OWNER_ID));
        a.putNull("team");
        a.put("flags", 0);
        a.set("bot", Fixture.user(Fixture.BOT_ID));
        return a;
    }

    // ---------------------------------------------------------------- interaction callbacks and webhooks

    private Answer callback(String id, String token, Map<String, String> query, JsonNode body,
                            List<RecordedCall.Part> parts, long nanos, Instant at) {
        InteractionState s = interactionsById.get(id);
        if (s == null || !s.interaction.token().equals(token)) {
            return Answer.json(404, error(10062, "Unknown interaction"));
        }
        if (s.callbackType != 0) {
            return Answer.json(400, error(40060, "Interaction has already been acknowledged."));
        }
        if (nanos - s.interaction.dispatchedNanos() > answerDeadline.toNanos()) {
            return Answer.json(404, error(10062, "Unknown interaction"));
        }
        if (body == null || !body.path("type").isInt()) {
            ObjectNode errors = Fixture.JSON.objectNode();
            DiscordLimits.add(errors, "BASE_TYPE_REQUIRED", "This field is required", "type");
            return invalidForm(errors);
        }
        int type = body.path("type").asInt();
        int itype = s.interaction.type();
        boolean allowed = switch (type) {
            case 4, 5 -> itype != Interaction.AUTOCOMPLETE;
            case 6, 7 -> itype == Interaction.MESSAGE_COMPONENT || itype == Interaction.MODAL_SUBMIT;
            case 8 -> itype == Interaction.AUTOCOMPLETE;
            case 9 -> itype != Interaction.AUTOCOMPLETE && itype != Interaction.MODAL_SUBMIT;
            default -> false;
        };
        if (!allowed) {
            ObjectNode errors = Fixture.JSON.objectNode();
            DiscordLimits.add(errors, "INTERACTION_RESPONSE_TYPE_INVALID",
                    "Interaction response type " + type + " is not valid for interaction type " + itype, "type");
            return invalidForm(errors);
        }
        JsonNode data = body.path("data");
        ObjectNode errors = type == 8 ? DiscordLimits.checkChoices(data)
                : type == 4 || type == 7 ? DiscordLimits.checkMessage(data) : Fixture.JSON.objectNode();
        if (!errors.isEmpty()) {
            ObjectNode wrapped = Fixture.JSON.objectNode();
            wrapped.set("data", errors);
            return invalidForm(wrapped);
        }
        s.callbackType = type;
        ObjectNode message = null;
        String channelId = s.interaction.channelId();
        switch (type) {
            case 4, 5 -> {
                message = newMessage(channelId, Fixture.BOT_ID, replyType(s.interaction));
                interactionMetadata(message, s.interaction);
                if (type == 4) {
                    applyContent(message, data, parts, true);
                } else {
                    message.put("content", "");
                    message.put("flags", 128 | (data.path("flags").asInt(0) & 64)); // LOADING (+ EPHEMERAL)
                    computeMentions(message, null);
                }
                store(message);
                s.originalMessageId = message.path("id").asText();
            }
            case 6, 7 -> {
                s.originalMessageId = s.interaction.messageId();
                ObjectNode target = s.originalMessageId == null ? null : findMessage(s.originalMessageId);
                if (type == 7 && target != null) {
                    applyContent(target, data, parts, false);
                    target.put("edited_timestamp", Fixture.timestamp(at));
                }
                message = target;
            }
            default -> {
                // 8 autocomplete result, 9 modal: nothing to store beyond the recorded call
            }
        }
        if (!"true".equals(query.get("with_response"))) {
            return Answer.noContent();
        }
        ObjectNode response = Fixture.JSON.objectNode();
        ObjectNode interaction = response.putObject("interaction");
        interaction.put("id", s.interaction.id());
        interaction.put("type", s.interaction.type());
        if (message != null) {
            interaction.put("response_message_id", message.path("id").asText());
            interaction.put("response_message_loading", type == 5);
            interaction.put("response_message_ephemeral", (message.path("flags").asInt() & 64) != 0);
        }
        ObjectNode resource = response.putObject("resource");
        resource.put("type", type);
        if (message != null && type != 5 && type != 6) {
            resource.set("message", message.deepCopy());
        }
        return Answer.json(200, response);
    }

    private static int replyType(Interaction i) {
        // 20 CHAT_INPUT_COMMAND, 23 CONTEXT_MENU_COMMAND; component and modal replies are plain replies (19)
        // in Discord, which JDA also accepts as 0 (DEFAULT): keep 0 for those.
        if (i.type() == Interaction.APPLICATION_COMMAND) {
            return i.payload().path("data").path("type").asInt(1) == 1 ? 20 : 23;
        }
        return 0;
    }

    private void interactionMetadata(ObjectNode message, Interaction i) {
        message.put("webhook_id", Fixture.APPLICATION_ID);
        message.put("application_id", Fixture.APPLICATION_ID);
        ObjectNode meta = message.putObject("interaction_metadata");
        meta.put("id", i.id());
        meta.put("type", i.type());
        meta.set("user", Fixture.user(i.userId()));
        meta.putObject("authorizing_integration_owners").setAll((ObjectNode) i.payload().path("authorizing_integration_owners"));
    }

    private InteractionState byWebhook(String applicationId, String token) {
        if (!Fixture.APPLICATION_ID.equals(applicationId)) {
            return null;
        }
        return interactionsByToken.get(token);
    }

    private Answer webhookProblem(InteractionState s, Instant at) {
        if (s == null || s.callbackType == 0) {
            // Discord knows no webhook for an interaction that was never acknowledged.
            return Answer.json(404, error(10015, "Unknown Webhook"));
        }
        if (at.isAfter(s.interaction.dispatchedAt().plus(INTERACTION_TOKEN_LIFETIME))) {
            return Answer.json(401, error(50027, "Invalid Webhook Token"));
        }
        return null;
    }

    private Answer followUp(String applicationId, String token, Map<String, String> query, JsonNode body,
                            List<RecordedCall.Part> parts, Instant at) {
        InteractionState s = byWebhook(applicationId, token);
        Answer problem = webhookProblem(s, at);
        if (problem != null) {
            return problem;
        }
        ObjectNode errors = DiscordLimits.checkMessage(body);
        if (!errors.isEmpty()) {
            return invalidForm(errors);
        }
        if (!hasMessageContent(body, parts)) {
            return Answer.json(400, error(50006, "Cannot send an empty message"));
        }
        ObjectNode message = newMessage(s.interaction.channelId(), Fixture.BOT_ID, replyType(s.interaction));
        interactionMetadata(message, s.interaction);
        applyContent(message, body, parts, true);
        store(message);
        return "false".equals(query.get("wait")) ? Answer.noContent() : Answer.json(200, message.deepCopy());
    }

    private Answer webhookMessage(String method, String applicationId, String token, String messageRef,
                                  JsonNode body, List<RecordedCall.Part> parts, Instant at) {
        InteractionState s = byWebhook(applicationId, token);
        Answer problem = webhookProblem(s, at);
        if (problem != null) {
            return problem;
        }
        String messageId = "@original".equals(messageRef) ? s.originalMessageId : messageRef;
        ObjectNode message = messageId == null ? null : findMessage(messageId);
        if (message == null) {
            return Answer.json(404, error(10008, "Unknown Message"));
        }
        switch (method) {
            case "GET":
                return Answer.json(200, message.deepCopy());
            case "DELETE":
                removeMessage(message);
                return Answer.noContent();
            case "PATCH": {
                ObjectNode errors = DiscordLimits.checkMessage(body);
                if (!errors.isEmpty()) {
                    return invalidForm(errors);
                }
                applyContent(message, body, parts, false);
                message.put("flags", message.path("flags").asInt() & ~128); // no longer loading
                message.put("edited_timestamp", Fixture.timestamp(at));
                return Answer.json(200, message.deepCopy());
            }
            default:
                return Answer.json(405, error(0, "405: Method Not Allowed"));
        }
    }

    // ---------------------------------------------------------------- channels and messages

    private ObjectNode channel(String channelId) {
        if (isGuildChannel(channelId)) {
            return Fixture.channelFor(channelId);
        }
        for (ObjectNode dm : dmChannelsByRecipient.values()) {
            if (dm.path("id").asText().equals(channelId)) {
                return dm.deepCopy();
            }
        }
        return null;
    }

    private boolean isGuildChannel(String channelId) {
        return Fixture.CHANNEL_ID.equals(channelId) || Fixture.OTHER_CHANNEL_ID.equals(channelId)
                || Fixture.READ_ONLY_CHANNEL_ID.equals(channelId) || Fixture.isExtraChannel(channelId, extraChannels);
    }

    private ObjectNode dmChannel(String recipientId) {
        return dmChannelsByRecipient.computeIfAbsent(recipientId, r -> {
            // Stable per recipient: 16xxx plus the recipient's last digits.
            String id = "16" + r.substring(2);
            messagesByChannel.putIfAbsent(id, new LinkedHashMap<>());
            return Fixture.dmChannel(id, r);
        });
    }

    private Answer createChannelMessage(String channelId, JsonNode body, List<RecordedCall.Part> parts, Instant at) {
        if (channel(channelId) == null) {
            return Answer.json(404, error(10003, "Unknown Channel"));
        }
        ObjectNode errors = DiscordLimits.checkMessage(body);
        if (!errors.isEmpty()) {
            return invalidForm(errors);
        }
        if (!hasMessageContent(body, parts)) {
            return Answer.json(400, error(50006, "Cannot send an empty message"));
        }
        JsonNode nonce = body.path("nonce");
        String nonceKey = nonce.isValueNode() && !nonce.isNull() ? channelId + "/" + nonce.asText() : null;
        if (nonceKey != null && body.path("enforce_nonce").asBoolean(false)) {
            nonces.values().removeIf(n -> n.at().isBefore(at.minus(NONCE_WINDOW)));
            Nonce seen = nonces.get(nonceKey);
            if (seen != null) {
                ObjectNode current = findMessage(seen.message().path("id").asText());
                return Answer.json(200, (current != null ? current : seen.message()).deepCopy());
            }
        }
        ObjectNode message = newMessage(channelId, Fixture.BOT_ID, 0);
        applyContent(message, body, parts, true);
        if (nonceKey != null) {
            message.set("nonce", nonce);
            nonces.put(nonceKey, new Nonce(message, at));
        }
        store(message);
        return Answer.json(200, message.deepCopy());
    }

    private Answer channelMessage(String method, String channelId, String messageId, JsonNode body,
                                  List<RecordedCall.Part> parts, Instant at) {
        ObjectNode message = findMessage(messageId);
        if (channel(channelId) == null) {
            return Answer.json(404, error(10003, "Unknown Channel"));
        }
        if (message == null || !message.path("channel_id").asText().equals(channelId)) {
            return Answer.json(404, error(10008, "Unknown Message"));
        }
        switch (method) {
            case "GET":
                return Answer.json(200, message.deepCopy());
            case "DELETE":
                removeMessage(message);
                return Answer.noContent();
            case "PATCH": {
                ObjectNode errors = DiscordLimits.checkMessage(body);
                if (!errors.isEmpty()) {
                    return invalidForm(errors);
                }
                applyContent(message, body, parts, false);
                message.put("edited_timestamp", Fixture.timestamp(at));
                return Answer.json(200, message.deepCopy());
            }
            default:
                return Answer.json(405, error(0, "405: Method Not Allowed"));
        }
    }

    /** GET channels/{id}/messages: newest first, {@code limit} (1-100, default 50), {@code before}, {@code after}. */
    private Answer history(String channelId, Map<String, String> query) {
        Map<String, ObjectNode> messages = messagesByChannel.get(channelId);
        if (messages == null) {
            return Answer.json(404, error(10003, "Unknown Channel"));
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
            return invalidForm(errors);
        }
        List<ObjectNode> all = new ArrayList<>(messages.values());
        ArrayNode out = Fixture.JSON.arrayNode();
        String before = query.get("before");
        String after = query.get("after");
        List<ObjectNode> selected = new ArrayList<>();
        for (ObjectNode m : all) {
            if ((m.path("flags").asInt() & 64) != 0) {
                continue; // ephemeral messages exist only for their recipient, never in channel history
            }
            long id = m.path("id").asLong();
            if (before != null && id >= Long.parseLong(before)) {
                continue;
            }
            if (after != null && id <= Long.parseLong(after)) {
                continue;
            }
            selected.add(m);
        }
        // "after" pages forward from the oldest; otherwise the newest come first.
        int from = after != null ? 0 : Math.max(0, selected.size() - limit);
        List<ObjectNode> page = selected.subList(from, Math.min(selected.size(), from + limit));
        for (int i = page.size() - 1; i >= 0; i--) {
            out.add(page.get(i).deepCopy());
        }
        return Answer.json(200, out);
    }

    private Answer commands(String method, String applicationId, String guildId, JsonNode body) {
        if (!Fixture.APPLICATION_ID.equals(applicationId)) {
            return Answer.json(403, error(50001, "Missing Access"));
        }
        if (guildId != null && !Fixture.GUILD_ID.equals(guildId)) {
            return Answer.json(403, error(50001, "Missing Access"));
        }
        String scopeKey = guildId == null ? "global" : guildId;
        Map<String, ObjectNode> scope = commandsByScope.computeIfAbsent(scopeKey, k -> new LinkedHashMap<>());
        switch (method) {
            case "GET": {
                ArrayNode out = Fixture.JSON.arrayNode();
                scope.values().forEach(c -> out.add(c.deepCopy()));
                return Answer.json(200, out);
            }
            case "PUT": {
                JsonNode list = body == null ? Fixture.JSON.arrayNode() : body;
                ObjectNode errors = DiscordLimits.checkCommands(list);
                if (!errors.isEmpty()) {
                    return invalidForm(errors);
                }
                Map<String, ObjectNode> replaced = new LinkedHashMap<>();
                for (JsonNode c : list) {
                    ObjectNode registered = registerCommand(scope, c, guildId);
                    replaced.put(key(registered), registered);
                }
                scope.clear();
                scope.putAll(replaced);
                ArrayNode out = Fixture.JSON.arrayNode();
                scope.values().forEach(c -> out.add(c.deepCopy()));
                return Answer.json(200, out);
            }
            case "POST": {
                ArrayNode one = Fixture.JSON.arrayNode().add(body == null ? Fixture.JSON.objectNode() : body);
                ObjectNode errors = DiscordLimits.checkCommands(one);
                if (!errors.isEmpty()) {
                    ObjectNode unwrapped = errors.path("0") instanceof ObjectNode o ? o : errors;
                    return invalidForm(unwrapped);
                }
                boolean existed = scope.containsKey(key(body));
                ObjectNode registered = registerCommand(scope, body, guildId);
                scope.put(key(registered), registered);
                return Answer.json(existed ? 200 : 201, registered.deepCopy());
            }
            default:
                return Answer.json(405, error(0, "405: Method Not Allowed"));
        }
    }

    private static String key(JsonNode command) {
        return command.path("type").asInt(1) + ":" + command.path("name").asText();
    }

    private ObjectNode registerCommand(Map<String, ObjectNode> scope, JsonNode c, String guildId) {
        ObjectNode existing = scope.get(key(c));
        ObjectNode r = ((ObjectNode) c).deepCopy();
        r.put("id", existing != null ? existing.path("id").asText() : Long.toString(nextSnowflake()));
        r.put("application_id", Fixture.APPLICATION_ID);
        r.put("version", Long.toString(nextSnowflake()));
        if (!r.has("type")) {
            r.put("type", 1);
        }
        if (!r.has("description")) {
            r.put("description", "");
        }
        if (!r.has("default_member_permissions")) {
            r.putNull("default_member_permissions");
        }
        if (!r.has("nsfw")) {
            r.put("nsfw", false);
        }
        if (!r.has("contexts")) {
            r.putArray("contexts").add(0).add(1).add(2);
        }
        if (!r.has("integration_types")) {
            r.putArray("integration_types").add(0);
        }
        if (guildId != null) {
            r.put("guild_id", guildId);
        }
        return r;
    }

    private ObjectNode newMessage(String channelId, String authorId, int type) {
        ObjectNode m = Fixture.JSON.objectNode();
        m.put("id", Long.toString(nextSnowflake()));
        m.put("channel_id", channelId);
        if (isGuildChannel(channelId)) {
            m.put("guild_id", Fixture.GUILD_ID);
        }
        m.put("type", type);
        m.put("content", "");
        m.set("author", Fixture.user(authorId));
        m.put("timestamp", Fixture.timestamp(clock.instant()));
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

    /** Applies a create/edit body to a stored message the way Discord renders it. */
    private void applyContent(ObjectNode message, JsonNode body, List<RecordedCall.Part> parts, boolean creating) {
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
            // A bot may set SUPPRESS_EMBEDS (4), SUPPRESS_NOTIFICATIONS (4096) and IS_COMPONENTS_V2 (32768) at any
            // time; EPHEMERAL (64) only when the message is created; LOADING (128) is Discord's own.
            int settable = 4 | 4096 | 32768;
            if (creating) {
                settable |= 64;
            }
            int current = message.path("flags").asInt();
            message.put("flags", (current & ~settable) | (body.path("flags").asInt() & settable));
        }
        List<RecordedCall.Part> files = parts.stream().filter(p -> p.name() != null && p.name().startsWith("files[")).toList();
        if (body.has("attachments") || !files.isEmpty()) {
            ArrayNode attachments = message.putArray("attachments");
            int index = 0;
            for (RecordedCall.Part f : files) {
                ObjectNode a = attachments.addObject();
                String id = Long.toString(nextSnowflake());
                String name = f.filename() == null ? "file" + index : f.filename();
                a.put("id", id);
                a.put("filename", name);
                a.put("size", f.content().length);
                a.put("url", "http://127.0.0.1:" + server.getPort() + "/attachments/" + id + "/" + name);
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
    private void computeMentions(ObjectNode message, JsonNode allowed) {
        String content = message.path("content").asText("");
        boolean all = allowed == null || allowed.isNull();
        List<String> parse = new ArrayList<>();
        if (!all) {
            allowed.path("parse").forEach(p -> parse.add(p.asText()));
        }
        boolean everyone = (content.contains("@everyone") || content.contains("@here"))
                && (all || parse.contains("everyone"));
        message.put("mention_everyone", everyone);
        ArrayNode users = message.putArray("mentions");
        Matcher u = USER_MENTION.matcher(content);
        while (u.find()) {
            String id = u.group(1);
            if (all || parse.contains("users") || contains(allowed.path("users"), id)) {
                users.add(Fixture.user(id));
            }
        }
        ArrayNode roles = message.putArray("mention_roles");
        Matcher r = ROLE_MENTION.matcher(content);
        while (r.find()) {
            String id = r.group(1);
            if (all || parse.contains("roles") || contains(allowed.path("roles"), id)) {
                roles.add(id);
            }
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasMessageContent(JsonNode body, List<RecordedCall.Part> parts) {
        if (parts.stream().anyMatch(p -> p.name() != null && p.name().startsWith("files["))) {
            return true;
        }
        if (body == null) {
            return false;
        }
        return !body.path("content").asText("").isEmpty() || body.path("embeds").size() > 0
                || body.path("components").size() > 0 || body.path("sticker_ids").size() > 0
                || body.has("poll");
    }

    private void store(ObjectNode message) {
        messagesByChannel.computeIfAbsent(message.path("channel_id").asText(), k -> new LinkedHashMap<>())
                .put(message.path("id").asText(), message);
    }

    private ObjectNode findMessage(String id) {
        for (Map<String, ObjectNode> channel : messagesByChannel.values()) {
            ObjectNode m = channel.get(id);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    private void removeMessage(ObjectNode message) {
        Map<String, ObjectNode> channel = messagesByChannel.get(message.path("channel_id").asText());
        if (channel != null) {
            channel.remove(message.path("id").asText());
        }
    }

    /** Unique and increasing snowflakes of the server clock's time. */
    private long nextSnowflake() {
        long now = Fixture.snowflakeAt(clock.millis());
        return snowflakes.updateAndGet(last -> Math.max(last + 1, now));
    }

    /** For diagnostics in test failures. */
    @Override
    public String toString() {
        return "LocalDiscord[" + restBaseUrl() + ", " + requests().size() + " calls]";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
