package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The one HTTP entry: upgrades {@code /gateway} to a WebSocket, parses REST requests, applies scripted faults,
 * checks the bot token, asks each {@link Room} in turn and records the call with its answer.
 */
final class HttpRouter extends Dispatcher {

    private final ObjectMapper mapper = new ObjectMapper();
    private final ServerState state;
    private final GatewayRoom gateway;
    private final FaultRoom faults;
    private final Recorder recorder;
    private final List<Room> rooms;

    HttpRouter(ServerState state, GatewayRoom gateway, FaultRoom faults, Recorder recorder, List<Room> rooms) {
        this.state = state;
        this.gateway = gateway;
        this.faults = faults;
        this.recorder = recorder;
        this.rooms = List.copyOf(rooms);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        long nanos = System.nanoTime();
        Instant at = state.clock.instant();
        HttpUrl url = request.getUrl();
        String fullPath = url.encodedPath();
        if (fullPath.startsWith("/gateway")) {
            return new MockResponse.Builder().webSocketUpgrade(gateway.newConnection()).build();
        }
        // JDA sends "@me"/"@original" as is, but be lenient with %40.
        String path = (fullPath.startsWith("/api/v10/") ? fullPath.substring("/api/v10".length())
                : fullPath.startsWith("/api/") ? fullPath.substring("/api".length()) : fullPath).replace("%40", "@");
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
        Request r = new Request(request.getMethod(), path, query, headers, json, parts, nanos, at);
        Fault fault = state.locked(() -> faults.take(r.method(), r.path()));
        Fault.Kind kind = fault == null ? null : fault.kind();
        MockResponse.Builder response = new MockResponse.Builder();
        Answer answer;
        if (parseError != null) {
            answer = Answer.error(400, 50109, "The request body contains invalid JSON.");
        } else if (kind == Fault.Kind.STATUS || kind == Fault.Kind.RATE_LIMIT) {
            answer = FaultRoom.answer(fault, at);
        } else if (kind == Fault.Kind.HANG) {
            answer = new Answer(0, null, Headers.of());
            response.onResponseStart(SocketEffect.Stall.INSTANCE);
        } else {
            answer = route(r);
            if (kind == Fault.Kind.DROP) {
                response.onResponseStart(new SocketEffect.CloseSocket());
            } else if (kind == Fault.Kind.DELAY) {
                response.headersDelay(fault.duration().toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        recorder.record(new RecordedCall(0, r.method(), path, query, headers, json, parts, raw, at, nanos,
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

    private Answer route(Request r) {
        if (!InteractionRoom.tokenRoute(r.path())) {
            List<String> auth = r.headers().get("authorization");
            String header = auth == null || auth.isEmpty() ? "" : auth.get(0);
            if (!header.startsWith("Bot ") || !state.tokenAccepted(header.substring(4))) {
                return Answer.error(401, 0, "401: Unauthorized");
            }
        }
        return state.locked(() -> {
            for (Room room : rooms) {
                Answer a = room.route(r);
                if (a != null) {
                    return a;
                }
            }
            return Answer.error(404, 0, "404: Not Found");
        });
    }
}
