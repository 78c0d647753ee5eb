package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Discord's REST rules as the local server enforces them, driven with a plain HTTP client so each rule is tested
 * directly (JDA refuses some of these bodies before sending them).
 */
class LocalDiscordRestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "rest-test-token";

    private LocalDiscord discord;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        discord = LocalDiscord.start();
    }

    @AfterEach
    void stop() {
        discord.close();
    }

    private HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        return send(method, path, json, Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(String method, String path, String json, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(discord.restBaseUrl() + path))
                .timeout(timeout)
                .header("Authorization", "Bot " + TOKEN);
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode body(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static String callbackPath(Interaction i) {
        return "interactions/" + i.id() + "/" + i.token() + "/callback";
    }

    private static String repeat(int n) {
        return "x".repeat(n);
    }

    @Test
    @DisplayName("a second callback for one interaction gets 400 code 40060; an unknown interaction 404 code 10062")
    void secondCallbackRejected() throws Exception {
        Interaction i = discord.slash(UserKind.MEMBER, "help");
        assertThat(send("POST", callbackPath(i), "{\"type\":5}").statusCode()).isEqualTo(204);
        HttpResponse<String> again = send("POST", callbackPath(i), "{\"type\":4,\"data\":{\"content\":\"hi\"}}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(body(again).path("code").asInt()).isEqualTo(40060);

        HttpResponse<String> unknown = send("POST", "interactions/123/nope/callback", "{\"type\":5}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(body(unknown).path("code").asInt()).isEqualTo(10062);
        assertThat(discord.callbacksFor(i)).extracting(RecordedCall::status).containsExactly(204, 400);
    }

    @Test
    @DisplayName("bodies over Discord's limits get 400 code 50035 with the offending field in errors, and are not stored")
    void limitsGive50035() throws Exception {
        Interaction i = discord.slash(UserKind.MEMBER, "paper");
        String embed = "{\"title\":\"" + repeat(257) + "\",\"description\":\"" + repeat(4097) + "\"}";
        HttpResponse<String> r = send("POST", callbackPath(i), "{\"type\":4,\"data\":{\"embeds\":[" + embed + "]}}");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = body(r);
        assertThat(error.path("code").asInt()).isEqualTo(50035);
        assertThat(error.path("message").asText()).isEqualTo("Invalid Form Body");
        JsonNode embedErrors = error.path("errors").path("data").path("embeds").path("0");
        assertThat(embedErrors.path("title").path("_errors").get(0).path("code").asText()).isEqualTo("BASE_TYPE_MAX_LENGTH");
        assertThat(embedErrors.has("description")).isTrue();
        // A rejected callback does not acknowledge: a valid answer is still accepted.
        assertThat(send("POST", callbackPath(i), "{\"type\":4,\"data\":{\"content\":\"ok\"}}").statusCode()).isEqualTo(204);

        String channel = "channels/" + discord.channelId() + "/messages";
        assertThat(body(send("POST", channel, "{\"content\":\"" + repeat(2001) + "\"}")).path("errors").has("content")).isTrue();
        StringBuilder fields = new StringBuilder();
        for (int f = 0; f < 26; f++) {
            fields.append(f == 0 ? "" : ",").append("{\"name\":\"n\",\"value\":\"v\"}");
        }
        JsonNode tooManyFields = body(send("POST", channel, "{\"embeds\":[{\"title\":\"t\",\"fields\":[" + fields + "]}]}"));
        assertThat(tooManyFields.path("errors").path("embeds").path("0").has("fields")).isTrue();
        // 6,000 characters across embeds: two embeds of 4,000 each, each within its own limits.
        String big = "{\"description\":\"" + repeat(4000) + "\"}";
        JsonNode total = body(send("POST", channel, "{\"embeds\":[" + big + "," + big + "]}"));
        assertThat(total.path("errors").path("embeds").path("_errors").get(0).path("code").asText())
                .isEqualTo("MAX_EMBED_SIZE_EXCEEDED");
        StringBuilder rows = new StringBuilder();
        for (int row = 0; row < 6; row++) {
            rows.append(row == 0 ? "" : ",").append("{\"type\":1,\"components\":[{\"type\":2,\"style\":1,\"label\":\"b\",\"custom_id\":\"")
                    .append(row == 0 ? repeat(101) : "ok" + row).append("\"}]}");
        }
        JsonNode components = body(send("POST", channel, "{\"content\":\"c\",\"components\":[" + rows + "]}"));
        assertThat(components.path("errors").path("components").has("_errors")).isTrue();
        assertThat(components.path("errors").path("components").path("0").path("components").path("0").has("custom_id")).isTrue();
        assertThat(discord.messagesIn(discord.channelId())).extracting(m -> m.path("content").asText()).containsExactly("ok");
        // The hand-written limits agree with JDA's own constants.
        assertThat(DiscordLimits.EMBED_TITLE).isEqualTo(MessageEmbed.TITLE_MAX_LENGTH);
        assertThat(DiscordLimits.EMBED_TOTAL).isEqualTo(MessageEmbed.EMBED_MAX_LENGTH_BOT);
        assertThat(DiscordLimits.FIELD_VALUE).isEqualTo(MessageEmbed.VALUE_MAX_LENGTH);
    }

    @Test
    @DisplayName("autocomplete: 26 choices or a 101-character name get 50035; 25 are fine")
    void autocompleteLimits() throws Exception {
        Interaction tooMany = discord.autocomplete(UserKind.MEMBER, "paper", Option.focused("title", "a"));
        StringBuilder choices = new StringBuilder();
        for (int c = 0; c < 26; c++) {
            choices.append(c == 0 ? "" : ",").append("{\"name\":\"n").append(c).append("\",\"value\":\"v\"}");
        }
        HttpResponse<String> r = send("POST", callbackPath(tooMany), "{\"type\":8,\"data\":{\"choices\":[" + choices + "]}}");
        assertThat(body(r).path("errors").path("data").path("choices").has("_errors")).isTrue();

        Interaction longName = discord.autocomplete(UserKind.MEMBER, "paper", Option.focused("title", "a"));
        r = send("POST", callbackPath(longName), "{\"type\":8,\"data\":{\"choices\":[{\"name\":\"" + repeat(101) + "\",\"value\":\"v\"}]}}");
        assertThat(body(r).path("errors").path("data").path("choices").path("0").has("name")).isTrue();

        Interaction fine = discord.autocomplete(UserKind.MEMBER, "paper", Option.focused("title", "a"));
        String ok = choices.toString().replaceFirst("\\{\"name\":\"n0\",\"value\":\"v\"},", "");
        assertThat(send("POST", callbackPath(fine), "{\"type\":8,\"data\":{\"choices\":[" + ok + "]}}").statusCode()).isEqualTo(204);
        // A deferral is not a valid answer to autocomplete.
        Interaction deferred = discord.autocomplete(UserKind.MEMBER, "paper", Option.focused("title", "a"));
        assertThat(send("POST", callbackPath(deferred), "{\"type\":5}").statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("follow-ups need an acknowledged interaction; after a deferral the original can be edited and fetched")
    void webhookRules() throws Exception {
        Interaction i = discord.slash(UserKind.MEMBER, "search");
        String webhook = "webhooks/" + discord.applicationId() + "/" + i.token();
        HttpResponse<String> early = send("POST", webhook + "?wait=true", "{\"content\":\"too early\"}");
        assertThat(early.statusCode()).isEqualTo(404);
        assertThat(body(early).path("code").asInt()).isEqualTo(10015);

        send("POST", callbackPath(i), "{\"type\":5}");
        HttpResponse<String> edit = send("PATCH", webhook + "/messages/@original", "{\"content\":\"results\"}");
        assertThat(edit.statusCode()).isEqualTo(200);
        JsonNode message = body(edit);
        for (String field : List.of("id", "channel_id", "type", "content", "author", "timestamp", "tts", "mention_everyone",
                "mentions", "mention_roles", "attachments", "embeds", "components", "pinned", "flags")) {
            assertThat(message.has(field)).as(field).isTrue();
        }
        assertThat(body(send("GET", webhook + "/messages/@original", null)).path("content").asText()).isEqualTo("results");
        HttpResponse<String> followUp = send("POST", webhook + "?wait=true", "{\"content\":\"more\",\"flags\":64}");
        assertThat(body(followUp).path("flags").asInt()).isEqualTo(64);
        HttpResponse<String> wrongApp = send("POST", "webhooks/999/" + i.token() + "?wait=true", "{\"content\":\"x\"}");
        assertThat(wrongApp.statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("enforce_nonce: the same nonce twice returns the first message instead of creating another")
    void nonceDeduplicates() throws Exception {
        String channel = "channels/" + discord.channelId() + "/messages";
        JsonNode first = body(send("POST", channel, "{\"content\":\"digest\",\"nonce\":\"d-1\",\"enforce_nonce\":true}"));
        JsonNode second = body(send("POST", channel, "{\"content\":\"digest again\",\"nonce\":\"d-1\",\"enforce_nonce\":true}"));
        assertThat(second.path("id").asText()).isEqualTo(first.path("id").asText());
        assertThat(second.path("content").asText()).isEqualTo("digest");
        // Without enforce_nonce Discord creates a second message.
        send("POST", channel, "{\"content\":\"no enforcement\",\"nonce\":\"d-1\"}");
        assertThat(discord.messagesIn(discord.channelId())).extracting(m -> m.path("content").asText())
                .containsExactly("digest", "no enforcement");
    }

    @Test
    @DisplayName("history: newest first, limit, before and after")
    void history() throws Exception {
        String channel = "channels/" + discord.otherChannelId() + "/messages";
        for (int n = 1; n <= 5; n++) {
            send("POST", channel, "{\"content\":\"m" + n + "\"}");
        }
        JsonNode page = body(send("GET", channel + "?limit=2", null));
        assertThat(page.findValuesAsText("content")).containsExactly("m5", "m4");
        String m4 = page.get(1).path("id").asText();
        assertThat(body(send("GET", channel + "?limit=2&before=" + m4, null)).findValuesAsText("content")).containsExactly("m3", "m2");
        assertThat(body(send("GET", channel + "?limit=10&after=" + m4, null)).findValuesAsText("content")).containsExactly("m5");
        assertThat(send("GET", channel + "?limit=101", null).statusCode()).isEqualTo(400);
        // Ephemeral interaction replies never show up in history.
        Interaction i = discord.slash(UserKind.MEMBER, "library");
        send("POST", callbackPath(i), "{\"type\":4,\"data\":{\"content\":\"private\",\"flags\":64}}");
        assertThat(discord.messagesIn(discord.channelId())).hasSize(1);
        assertThat(body(send("GET", "channels/" + discord.channelId() + "/messages", null))).isEmpty();
        assertThat(send("GET", "channels/42/messages", null).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("multipart: payload_json is parsed as the body, files are recorded and become attachments")
    void multipart() throws Exception {
        String boundary = "b0undary";
        String payload = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"payload_json\"\r\nContent-Type: application/json\r\n\r\n"
                + "{\"content\":\"export\",\"attachments\":[{\"id\":0,\"filename\":\"library.bib\"}]}\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"library.bib\"\r\nContent-Type: text/x-bibtex\r\n\r\n"
                + "@article{x}\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create(discord.restBaseUrl() + "channels/" + discord.channelId() + "/messages"))
                .header("Authorization", "Bot " + TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(body(r).path("attachments").get(0).path("filename").asText()).isEqualTo("library.bib");
        RecordedCall call = discord.awaitRequest(c -> c.is("POST", "/channels/\\d+/messages"), Duration.ofSeconds(1));
        assertThat(call.json().path("content").asText()).isEqualTo("export");
        assertThat(call.files()).singleElement().satisfies(f -> {
            assertThat(f.filename()).isEqualTo("library.bib");
            assertThat(f.text()).isEqualTo("@article{x}");
        });
    }

    @Test
    @DisplayName("scripted faults hit only the next N matching calls; 429 carries Discord's headers")
    void scriptedFaults() throws Exception {
        String channel = "channels/" + discord.channelId() + "/messages";
        discord.inject(Fault.on("POST", "/channels/\\d+/messages").times(2).forbidden());
        assertThat(send("POST", channel, "{\"content\":\"a\"}").statusCode()).isEqualTo(403);
        assertThat(body(send("POST", channel, "{\"content\":\"a\"}")).path("code").asInt()).isEqualTo(50013);
        assertThat(send("POST", channel, "{\"content\":\"a\"}").statusCode()).isEqualTo(200);

        discord.inject(Fault.on("*", "/channels/.*").rateLimited(Duration.ofMillis(1500)));
        HttpResponse<String> limited = send("GET", channel, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("via")).contains("1.1 google");
        assertThat(limited.headers().firstValue("retry-after")).contains("2");
        assertThat(limited.headers().firstValue("x-ratelimit-bucket")).isPresent();
        assertThat(limited.headers().firstValue("x-ratelimit-scope")).contains("user");
        assertThat(body(limited).path("retry_after").asDouble()).isEqualTo(1.5);

        discord.inject(Fault.on("POST", "/channels/\\d+/messages").serverError(502));
        assertThat(send("POST", channel, "{\"content\":\"b\"}").statusCode()).isEqualTo(502);

        // A lost response: the message exists, the client sees a broken connection.
        discord.inject(Fault.on("POST", "/channels/\\d+/messages").dropResponse());
        assertThatThrownBy(() -> send("POST", channel, "{\"content\":\"lost\"}")).isInstanceOf(IOException.class);
        assertThat(discord.messagesIn(discord.channelId())).extracting(m -> m.path("content").asText()).contains("lost");

        discord.inject(Fault.on("GET", "/users/@me").hang());
        assertThatThrownBy(() -> send("GET", "users/@me", null, Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);

        discord.inject(Fault.on("GET", "/users/@me").delay(Duration.ofMillis(200)));
        long t0 = System.nanoTime();
        assertThat(send("GET", "users/@me", null).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(discord.requests(c -> c.fault() != null)).hasSize(7);
    }

    @Test
    @DisplayName("unknown routes answer 404 JSON and are recorded; a wrong token gets 401 when the server is strict")
    void catchAllAndAuth() throws Exception {
        HttpResponse<String> r = send("POST", "guilds/1/emojis", "{\"name\":\"x\"}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(body(r).path("message").asText()).isEqualTo("404: Not Found");
        assertThat(discord.requests()).singleElement().satisfies(c -> assertThat(c.path()).isEqualTo("/guilds/1/emojis"));
        assertThat(body(send("POST", "users/@me/channels", "{\"recipient_id\":\"" + discord.memberUserId() + "\"}"))
                .path("id").asText()).isEqualTo(discord.dmChannelId());

        discord.clearRecorded();
        assertThat(discord.requests()).isEmpty();
        assertThat(discord.dmChannelId()).isNotEmpty();

        discord.close();
        discord = LocalDiscord.builder().acceptedToken("other").start();
        assertThat(send("GET", "users/@me", null).statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("every body is checked against the OpenAPI schema: what the limits miss is still caught")
    void schemaViolationsCollected() throws Exception {
        assumeTrue(discord.validator().isAvailable(), "Discord's OpenAPI file is absent");
        String channel = "channels/" + discord.channelId() + "/messages";
        // Within the hand-written limits (so Discord-like 200) but not Discord's schema: an unknown mention type
        // and a colour beyond 0xFFFFFF.
        HttpResponse<String> r = send("POST", channel,
                "{\"content\":\"hi\",\"allowed_mentions\":{\"parse\":[\"nobody\"]},\"embeds\":[{\"title\":\"t\",\"color\":16777216}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        send("POST", channel, "{\"content\":\"fine\",\"allowed_mentions\":{\"parse\":[]}}");
        List<SchemaViolation> violations = discord.schemaViolations();
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.route()).isEqualTo("/channels/{channel_id}/messages");
            assertThat(String.join("\n", v.problems())).contains("/allowed_mentions/parse/0").contains("/embeds/0/color");
        });
    }
}
