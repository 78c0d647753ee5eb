package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The gateway: WebSocket sessions (one per shard), HELLO/heartbeat/IDENTIFY/RESUME, dispatch with replay, and the
 * REST routes {@code GET /gateway} and {@code GET /gateway/bot}. Guild events go to the shard Discord would pick,
 * {@code (guild_id >> 22) % num_shards}; everything else (DMs) to shard 0.
 */
final class GatewayRoom implements Room {

    /** Gateway events kept per session for RESUME replay. */
    static final int REPLAY_BUFFER = 10_000;

    private final ServerState state;
    private final GuildRoom guilds;
    private final int heartbeatIntervalMs;
    private final boolean guildInReady;
    private final int recommendedShards;
    private final ObjectMapper mapper = new ObjectMapper();

    // All guarded by state.lock.
    private final Map<Integer, Session> sessions = new TreeMap<>();
    private final List<Connection> open = new ArrayList<>();
    private final List<JsonNode> received = new ArrayList<>();
    private int identifies;
    private int readies;
    private int resumes;
    private int connections;
    private String lastIdentifyIntents;
    /** Read outside the lock: a heartbeat is answered at once, never queued behind another shard's READY. */
    private volatile boolean ackHeartbeats = true;

    /** One shard's session: survives its socket so a RESUME on a new socket can replay. */
    private static final class Session {
        final int shardId;
        final int numShards;
        final String id = UUID.randomUUID().toString().replace("-", "");
        final Deque<ObjectNode> replay = new ArrayDeque<>();
        int seq;
        Connection socket;

        Session(int shardId, int numShards) {
            this.shardId = shardId;
            this.numShards = numShards;
        }

        boolean serves(long guildId) {
            return (guildId >> 22) % numShards == shardId;
        }
    }

    GatewayRoom(ServerState state, GuildRoom guilds, int heartbeatIntervalMs, boolean guildInReady,
                int recommendedShards) {
        this.state = state;
        this.guilds = guilds;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.guildInReady = guildInReady;
        this.recommendedShards = recommendedShards;
    }

    WebSocketListener newConnection() {
        return new Connection();
    }

    @Override
    public Answer route(Request r) {
        if (r.is("GET", "/gateway")) {
            return Answer.json(200, Fixture.JSON.objectNode().put("url", state.gatewayUrl()));
        }
        if (r.is("GET", "/gateway/bot")) {
            ObjectNode g = Fixture.JSON.objectNode().put("url", state.gatewayUrl()).put("shards", recommendedShards);
            g.putObject("session_start_limit").put("total", 1000).put("remaining", 1000 - identifies)
                    .put("reset_after", 86_400_000)
                    // Discord's large-bot value: shards in different buckets identify at once, so tests do not wait
                    // JDA's 5 s between shards.
                    .put("max_concurrency", 16);
            return Answer.json(200, g);
        }
        return null;
    }

    // ---------------------------------------------------------------- counters and waits (lock held by callers)

    int identifies() {
        return identifies;
    }

    int readies() {
        return readies;
    }

    int resumes() {
        return resumes;
    }

    int connections() {
        return connections;
    }

    List<JsonNode> received() {
        return received;
    }

    String lastIdentifyIntents() {
        return lastIdentifyIntents;
    }

    /** Shard ids with an identified socket right now, for sharding tests. */
    List<Integer> liveShards() {
        return sessions.values().stream().filter(s -> s.socket != null && s.socket.identified)
                .map(s -> s.shardId).toList();
    }

    String describe() {
        return "connections " + connections + ", identifies " + identifies + ", readies " + readies
                + ", resumes " + resumes + ", live shards " + liveShards();
    }

    void acknowledgeHeartbeats(boolean acknowledge) {
        ackHeartbeats = acknowledge;
    }

    /** The shard's session is forgotten: its next RESUME is refused and JDA must IDENTIFY again. */
    void forgetSessions() {
        sessions.clear();
    }

    // ---------------------------------------------------------------- sending

    /** Sends a dispatch event (op 0) on the shard that owns it, with that session's next sequence number. */
    void dispatch(String type, JsonNode data) {
        String guildId = type.startsWith("GUILD_") && !data.has("guild_id") ? data.path("id").asText(null)
                : data.path("guild_id").asText(null);
        Session target = null;
        for (Session s : sessions.values()) {
            if (guildId == null ? s.shardId == 0 : s.serves(Long.parseLong(guildId))) {
                target = s;
                break;
            }
        }
        if (target != null) {
            dispatch(target, type, data);
        }
    }

    private void dispatch(Session s, String type, JsonNode data) {
        dispatch(s, type, data, null);
    }

    /** @param dataJson {@code data} already serialised (a guild's GUILD_CREATE), or null to serialise it here */
    private void dispatch(Session s, String type, JsonNode data, String dataJson) {
        ObjectNode frame = Fixture.JSON.objectNode();
        frame.put("op", 0);
        frame.put("t", type);
        frame.put("s", ++s.seq);
        frame.set("d", data);
        s.replay.addLast(frame);
        while (s.replay.size() > REPLAY_BUFFER) {
            s.replay.removeFirst();
        }
        if (s.socket != null && s.socket.identified) {
            s.socket.ws.send(dataJson == null ? frame.toString()
                    : "{\"op\":0,\"t\":\"" + type + "\",\"s\":" + s.seq + ",\"d\":" + dataJson + "}");
        }
    }

    /** Sends a non-dispatch opcode (7 RECONNECT, 9 INVALID SESSION) on every open socket. */
    void sendOp(int op, Boolean d) {
        ObjectNode frame = Fixture.JSON.objectNode();
        frame.put("op", op);
        if (d != null) {
            frame.put("d", d);
        } else {
            frame.putNull("d");
        }
        List.copyOf(open).forEach(c -> c.ws.send(frame.toString()));
    }

    /** Open sockets, to drop or close them outside the lock. */
    List<WebSocket> sockets() {
        return open.stream().map(c -> c.ws).toList();
    }

    /**
     * Tears the TCP connection down without a close frame. A server-side OkHttp WebSocket has no Call, so
     * {@code cancel()} throws; {@code failWebSocket} is OkHttp's own path for a broken connection.
     */
    static void abort(WebSocket ws) {
        if (ws instanceof okhttp3.internal.ws.RealWebSocket real) {
            real.failWebSocket(new IOException("connection dropped by LocalDiscord"), null, false);
        } else {
            ws.close(4000, "dropped");
        }
    }

    // ---------------------------------------------------------------- one socket

    /** One gateway WebSocket; a resume opens a new one. */
    private final class Connection extends WebSocketListener {
        WebSocket ws;
        volatile boolean identified;

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            this.ws = webSocket;
            // HELLO first: JDA gives up on a socket that says nothing for 10 s, and the lock may be busy that long
            // with other shards' READYs of thousands of guilds on a loaded machine.
            webSocket.send("{\"op\":10,\"d\":{\"heartbeat_interval\":" + heartbeatIntervalMs + "}}");
            state.locked(() -> {
                open.add(this);
                connections++;
                state.changed.signalAll();
            });
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
            int op = frame.path("op").asInt(-1);
            if (op == 1 && ackHeartbeats) {
                webSocket.send("{\"op\":11}");
            }
            state.locked(() -> {
                received.add(frame);
                state.changed.signalAll();
                switch (op) {
                    case 2 -> identify(frame.path("d"));
                    case 6 -> resume(frame.path("d"));
                    default -> {
                        // presence updates (3), voice (4), member requests (8): accepted and ignored
                    }
                }
            });
        }

        private void identify(JsonNode d) {
            identifies++;
            lastIdentifyIntents = d.path("intents").asText(null);
            if (!state.tokenAccepted(d.path("token").asText(""))) {
                ws.close(4004, "Authentication failed.");
                return;
            }
            JsonNode shard = d.path("shard");
            int shardId = shard.isArray() ? shard.path(0).asInt() : 0;
            int numShards = shard.isArray() ? shard.path(1).asInt(1) : 1;
            if (numShards < 1 || shardId < 0 || shardId >= numShards) {
                ws.close(4010, "Invalid shard.");
                return;
            }
            Session s = new Session(shardId, numShards);
            Session previous = sessions.put(shardId, s);
            if (previous != null && previous.socket != null && previous.socket != this) {
                previous.socket.identified = false;
            }
            s.socket = this;
            identified = true;
            List<ObjectNode> served = guildInReady ? guilds.guildCreates(s::serves) : List.of();
            ObjectNode ready = Fixture.JSON.objectNode();
            ready.put("v", 10);
            ready.set("user", Fixture.selfUser());
            ArrayNode list = ready.putArray("guilds");
            served.forEach(g -> list.addObject().put("id", g.path("id").asText()).put("unavailable", true));
            ready.put("session_id", s.id);
            ready.put("resume_gateway_url", state.gatewayUrl());
            ready.putArray("private_channels"); // JDA still requires it
            ready.putObject("application").put("id", Fixture.APPLICATION_ID).put("flags", 0);
            ready.putArray("presences");
            ready.putArray("relationships");
            ready.putArray("guild_join_requests");
            ready.putObject("auth").putNull("token");
            ready.putArray("geo_ordered_rtc_regions").add("local");
            ready.putArray("shard").add(shardId).add(numShards);
            readies++;
            dispatch(s, "READY", ready);
            served.forEach(g -> dispatch(s, "GUILD_CREATE", g, guilds.guildCreateJson(g.path("id").asText())));
            state.changed.signalAll();
        }

        private void resume(JsonNode d) {
            Session s = null;
            for (Session candidate : sessions.values()) {
                if (candidate.id.equals(d.path("session_id").asText())) {
                    s = candidate;
                }
            }
            if (!state.tokenAccepted(d.path("token").asText("")) || s == null) {
                ws.send("{\"op\":9,\"d\":false}");
                return;
            }
            long after = d.path("seq").asLong(0);
            s.socket = this;
            identified = true;
            for (ObjectNode frame : s.replay) {
                if (frame.path("s").asLong() > after) {
                    ws.send(frame.toString());
                }
            }
            resumes++;
            dispatch(s, "RESUMED", Fixture.JSON.objectNode());
            state.changed.signalAll();
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
            state.locked(() -> {
                identified = false;
                open.remove(this);
                for (Session s : sessions.values()) {
                    if (s.socket == this) {
                        s.socket = null;
                    }
                }
                state.changed.signalAll();
            });
        }
    }
}
