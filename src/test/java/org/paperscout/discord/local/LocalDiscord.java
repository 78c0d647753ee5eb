package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.MockWebServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

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
 *   <li>Interactions: a first callback later than {@link LocalDiscordBuilder#answerDeadline(Duration) 3 s} after dispatch gets
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
 * <h2>Layout</h2>
 * This class is the public face; each Discord resource family is a {@link Room} ({@link GatewayRoom},
 * {@link InteractionRoom}, {@link ThreadRoom}, {@link PollRoom}, {@link MessageRoom}, {@link ChannelRoom},
 * {@link GuildRoom}) behind one {@link HttpRouter}, sharing one {@link ServerState}. A new family is a new room in
 * the list {@code create} hands the router.
 * <p>
 * Sharding: {@code GET /gateway/bot} recommends {@link LocalDiscordBuilder#recommendedShards(int)} shards, IDENTIFY's
 * {@code [shard_id, num_shards]} opens one session per shard, and guild events go to the shard of
 * {@code (guild_id >> 22) % num_shards}; {@link LocalDiscordBuilder#extraGuilds(int)} adds guilds to spread.
 * <p>
 * Everything is recorded ({@link #requests()}); waiting is done with {@code await*} methods, never sleeps.
 * Thread-safe. Not a full Discord: no rate limiting unless scripted, no permission checks on REST routes (but
 * Create Public Threads, see {@link LocalDiscordBuilder#withoutThreadPermission()}), no
 * gateway events other than READY, GUILD_CREATE, RESUMED and INTERACTION_CREATE (and what tests dispatch themselves
 * with {@link #dispatch(String, JsonNode)}).
 */public final class LocalDiscord extends UserSide implements AutoCloseable {

    /** Discord's window for the first answer to an interaction. */
    public static final Duration DEFAULT_ANSWER_DEADLINE = Duration.ofSeconds(3);
    /** How long an interaction token accepts follow-ups and edits. */
    public static final Duration INTERACTION_TOKEN_LIFETIME = InteractionRoom.TOKEN_LIFETIME;
    /** How long {@code enforce_nonce} remembers a nonce ("a few minutes" in Discord's docs). */
    public static final Duration NONCE_WINDOW = MessageRoom.NONCE_WINDOW;

    private final MockWebServer server;
    private final FaultRoom faults;
    private final ChannelRoom channels;
    private final GatewayRoom gateway;
    private final PollRoom polls;

    private LocalDiscord(LocalDiscordBuilder b, MockWebServer server, ServerState state, GuildRoom guilds, ChannelRoom channels,
                         MessageRoom messages, InteractionRoom interactions, GatewayRoom gateway) {
        super(state, new Recorder(state, b.validator != null ? b.validator : OpenApiSchemaValidator.fromEnvironment()),
                guilds, messages, interactions,
                new InteractionFactory(state, gateway, guilds, channels, messages, interactions));
        this.server = server;
        this.faults = new FaultRoom();
        this.channels = channels;
        this.gateway = gateway;
        this.polls = new PollRoom(state, channels, messages);
        // Threads and polls before messages: their routes extend message paths.
        server.setDispatcher(new HttpRouter(state, gateway, faults, recorder,
                List.of(interactions, new ThreadRoom(state, channels, messages), polls, messages, channels, guilds,
                        gateway)));
    }

    /** Wires the rooms in dependency order; a new route family is one more room in the router's list. */
    static LocalDiscord create(LocalDiscordBuilder b) {
        MockWebServer server = new MockWebServer();
        server.setServerSocketFactory(NoDelayServerSockets.INSTANCE);
        ServerState state = new ServerState(b.clock, b.locale, b.extraChannels, b.acceptedToken, server,
                b.threadsDenied);
        List<String> extraGuildIds = new ArrayList<>();
        for (int i = 0; i < b.extraGuilds; i++) {
            extraGuildIds.add(Fixture.extraGuildId(i));
        }
        GuildRoom guilds = new GuildRoom(state, extraGuildIds);
        ChannelRoom channels = new ChannelRoom(state, guilds);
        MessageRoom messages = new MessageRoom(state, channels);
        InteractionRoom interactions = new InteractionRoom(b.answerDeadline, messages);
        GatewayRoom gateway = new GatewayRoom(state, guilds, b.heartbeatIntervalMs, b.guildInReady, b.recommendedShards);
        LocalDiscord d = new LocalDiscord(b, server, state, guilds, channels, messages, interactions, gateway);
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the local Discord", e);
        }
        return d;
    }

    /** Starts a server with Discord's defaults on a free loopback port. */
    public static LocalDiscord start() {
        return builder().start();
    }

    public static LocalDiscordBuilder builder() {
        return new LocalDiscordBuilder();
    }

    // ---------------------------------------------------------------- addresses and ids

    /** {@code http://127.0.0.1:PORT/api/v10/}, for {@code RestConfig.setBaseUrl}. */
    public String restBaseUrl() {
        return state.baseUrl() + "/api/v10/";
    }

    /** {@code ws://127.0.0.1:PORT/gateway}, for a session controller's {@code getGateway()}. */
    public String gatewayUrl() {
        return state.gatewayUrl();
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

    /** The id of extra guild {@code i} (0-based; see {@link LocalDiscordBuilder#extraGuilds(int)}). */
    public String extraGuildId(int i) {
        return Fixture.extraGuildId(i);
    }

    /** Every guild the bot is in: the test guild first, then the extra guilds. */
    public List<String> guildIds() {
        return locked(guilds::guildIds);
    }

    /** The text channel "#papers" where interactions happen by default. */
    public String channelId() {
        return Fixture.CHANNEL_ID;
    }

    /** The "#papers" channel of any guild (the test guild's or an extra guild's). */
    public String channelIdOf(String guildId) {
        return Fixture.channelOfGuild(guildId);
    }

    /** "#announcements", where @everyone (the bot included) is denied Send Messages and Embed Links. */
    public String readOnlyChannelId() {
        return Fixture.READ_ONLY_CHANNEL_ID;
    }

    /** The id of extra channel {@code i} (0-based; see {@link LocalDiscordBuilder#extraChannels(int)}). */
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
        return dmChannelIdOf(Fixture.MEMBER_ID);
    }

    /** The DM channel between the bot and any user (created on first use, as {@code POST users/@me/channels} would). */
    public String dmChannelIdOf(String userId) {
        return locked(() -> channels.dmChannel(userId).path("id").asText());
    }

    public OpenApiSchemaValidator validator() {
        return recorder.validator();
    }

    // ---------------------------------------------------------------- threads and polls

    /** The threads opened in a channel, oldest first, as Discord describes them (type 11, parent_id, name). */
    public List<JsonNode> threadsIn(String channelId) {
        return locked(() -> List.<JsonNode>copyOf(channels.threadsOf(channelId)));
    }

    /**
     * A user's vote in a poll (answer ids count from 1); false when Discord would refuse it: the poll ended, the
     * answer does not exist, or the user already voted in a single-choice poll.
     */
    public boolean vote(String messageId, int answerId, String userId) {
        return locked(() -> polls.vote(messageId, answerId, userId));
    }

    // ---------------------------------------------------------------- gateway control

    /** Waits up to 30 s for the first READY to be sent. */
    public void awaitReady() {
        awaitReady(Duration.ofSeconds(30));
    }

    /** Waits for the first READY to be sent. */
    public void awaitReady(Duration timeout) {
        awaitReadies(1, timeout);
    }

    /** Waits until {@code n} RESUMED events have been sent in total. */
    public void awaitResumes(int n, Duration timeout) {
        awaitGateway(() -> gateway.resumes() >= n, timeout, n + " RESUMED");
    }

    /** Waits until {@code n} READY events (i.e. fresh sessions, one per shard) have been sent in total. */
    public void awaitReadies(int n, Duration timeout) {
        awaitGateway(() -> gateway.readies() >= n, timeout, n + " READY");
    }

    /** Waits until exactly these shard ids have an identified socket, e.g. after two processes connected. */
    public void awaitLiveShards(List<Integer> shardIds, Duration timeout) {
        awaitGateway(() -> gateway.liveShards().equals(shardIds), timeout, "live shards " + shardIds);
    }

    public int identifyCount() {
        return locked(gateway::identifies);
    }

    public int readyCount() {
        return locked(gateway::readies);
    }

    public int resumeCount() {
        return locked(gateway::resumes);
    }

    /** WebSocket connections accepted so far. */
    public int gatewayConnections() {
        return locked(gateway::connections);
    }

    /** Waits until at least {@code count} frames received from JDA match, e.g. heartbeats ({@code op == 1}). */
    public void awaitGatewayReceived(Predicate<JsonNode> filter, int count, Duration timeout) {
        awaitGateway(() -> gateway.received().stream().filter(filter).count() >= count, timeout,
                count + " matching gateway frames");
    }

    /** The {@code intents} JDA sent in its last IDENTIFY, or null before one. */
    public String identifiedIntents() {
        return locked(gateway::lastIdentifyIntents);
    }

    /** Every frame JDA sent on the gateway, in order (heartbeats included). */
    public List<JsonNode> gatewayReceived() {
        return locked(() -> List.copyOf(gateway.received()));
    }

    /**
     * Closes every gateway socket without a close frame, as a network failure would; sessions stay resumable, so JDA
     * reconnects and sends RESUME. Events dispatched meanwhile are replayed on resume.
     */
    public void dropGateway() {
        locked(gateway::sockets).forEach(GatewayRoom::abort);
    }

    /**
     * The bot is removed from the test guild: GUILD_DELETE now (JDA fires GuildLeaveEvent), and later READYs list no
     * guild, as after an outage during which the bot was kicked. {@link #rejoinGuild()} undoes it.
     */
    public void kickBotFromGuild() {
        state.locked(() -> {
            guilds.setBotInGuild(false);
            gateway.dispatch("GUILD_DELETE", Fixture.JSON.objectNode().put("id", Fixture.GUILD_ID));
        });
    }

    /** The bot is added to the test guild again: a complete GUILD_CREATE now (JDA fires GuildJoinEvent). */
    public void rejoinGuild() {
        state.locked(() -> {
            guilds.setBotInGuild(true);
            gateway.dispatch("GUILD_CREATE", Fixture.guildCreate(state.locale, state.extraChannels,
                    state.threadsDenied));
        });
    }

    /**
     * Stops (or resumes) acknowledging heartbeats: a zombied connection. JDA notices a missing ACK at its next
     * heartbeat, closes the socket and resumes.
     */
    public void acknowledgeHeartbeats(boolean acknowledge) {
        state.locked(() -> gateway.acknowledgeHeartbeats(acknowledge));
    }

    /** Sends op 7 RECONNECT: JDA closes and resumes. */
    public void requestReconnect() {
        state.locked(() -> gateway.sendOp(7, null));
    }

    /** Sends op 9 INVALID SESSION; with {@code resumable} false the session is forgotten and JDA must IDENTIFY again. */
    public void invalidateSession(boolean resumable) {
        state.locked(() -> {
            if (!resumable) {
                gateway.forgetSessions();
            }
            gateway.sendOp(9, resumable);
        });
    }

    /** Closes the gateway with a close frame carrying {@code code} (e.g. 4000 resumable, 4004 authentication failed). */
    public void closeGateway(int code, String reason) {
        locked(gateway::sockets).forEach(ws -> ws.close(code, reason));
    }

    /** Sends a dispatch event (op 0) on the shard that owns it, with its next sequence number; kept for RESUME replay. */
    public void dispatch(String type, JsonNode data) {
        state.locked(() -> gateway.dispatch(type, data));
    }

    private void awaitGateway(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        state.await(condition, timeout, () -> "no " + what + " within " + timeout + " (" + gateway.describe() + ")");
    }

    // ---------------------------------------------------------------- faults and housekeeping

    /** Adds a scripted fault; faults are tried in the order added, each until its count is used up. */
    public void inject(Fault fault) {
        state.locked(() -> faults.inject(fault));
    }

    /** Removes all scripted faults not yet used up. */
    public void clearFaults() {
        state.locked(faults::clear);
    }

    /**
     * Forgets recorded calls and violations, and drains MockWebServer's own unbounded request queue, so long
     * benchmarks do not grow without bound; messages and interactions stay.
     */
    public void clearRecorded() {
        recorder.clear();
        drainServerQueue();
    }

    private void drainServerQueue() {
        try {
            while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
                // drained
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The calls recorded so far, forgotten in the same step (as {@link #clearRecorded()} does): for benchmarks that
     * count calls over a long run without keeping them all.
     */
    public List<RecordedCall> drainRecorded() {
        List<RecordedCall> out = recorder.drain();
        drainServerQueue();
        return out;
    }

    /** Stops the server; close JDA first so its shutdown gets the close frame echoed. */
    @Override
    public void close() {
        recorder.close();
        locked(gateway::sockets).forEach(GatewayRoom::abort);
        server.close();
    }

    private <T> T locked(java.util.function.Supplier<T> s) {
        return state.locked(s);
    }

    /** For diagnostics in test failures. */
    @Override
    public String toString() {
        return "LocalDiscord[" + restBaseUrl() + ", " + requests().size() + " calls]";
    }
}
