package org.paperscout.discord.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Threads and polls as the local Discord serves them, driven with a plain HTTP client, each rule directly. */
class ThreadAndPollRoomTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalDiscord discord;

    @AfterEach
    void stop() {
        if (discord != null) {
            discord.close();
        }
    }

    private JsonNode send(int expectedStatus, String method, String path, String json) throws IOException,
            InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(discord.restBaseUrl() + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bot rooms-test");
        b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + " -> " + r.body()).isEqualTo(expectedStatus);
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    private String post(String content) throws Exception {
        return send(200, "POST", "channels/" + discord.channelId() + "/messages",
                "{\"content\":\"" + content + "\"}").path("id").asText();
    }

    private static String poll(int answers, String answerText, int hours) {
        StringBuilder a = new StringBuilder();
        for (int i = 0; i < answers; i++) {
            a.append(i == 0 ? "" : ",").append("{\"poll_media\":{\"text\":\"").append(answerText).append(i)
                    .append("\"}}");
        }
        return "{\"poll\":{\"question\":{\"text\":\"Which next?\"},\"answers\":[" + a + "],\"duration\":" + hours
                + ",\"allow_multiselect\":false}}";
    }

    @Test
    @DisplayName("a thread on a message takes its id and name, takes messages, and a second one on it gets 160004")
    void threadOnAMessage() throws Exception {
        discord = LocalDiscord.start();
        String message = post("a card");
        String path = "channels/" + discord.channelId() + "/messages/" + message + "/threads";

        JsonNode thread = send(201, "POST", path, "{\"name\":\"Paper title\",\"auto_archive_duration\":1440}");

        assertThat(thread.path("id").asText()).isEqualTo(message);
        assertThat(thread.path("type").asInt()).isEqualTo(11);
        assertThat(thread.path("parent_id").asText()).isEqualTo(discord.channelId());
        assertThat(discord.threadsIn(discord.channelId())).extracting(t -> t.path("name").asText())
                .containsExactly("Paper title");
        send(200, "POST", "channels/" + message + "/messages", "{\"content\":\"inside\"}");
        assertThat(discord.messagesIn(message)).extracting(m -> m.path("content").asText()).containsExactly("inside");
        assertThat(send(400, "POST", path, "{\"name\":\"again\"}").path("code").asInt()).isEqualTo(160004);
        assertThat(discord.schemaViolations()).isEmpty();
    }

    @Test
    @DisplayName("a thread name over 100 characters gets 50035; an unknown message 10008; no permission 50013")
    void threadRefusals() throws Exception {
        discord = LocalDiscord.start();
        String message = post("a card");
        String path = "channels/" + discord.channelId() + "/messages/";

        JsonNode tooLong = send(400, "POST", path + message + "/threads", "{\"name\":\"" + "x".repeat(101) + "\"}");
        assertThat(tooLong.path("errors").path("name").toString()).contains("BASE_TYPE_BAD_LENGTH");
        assertThat(send(404, "POST", path + "1999999999999999999/threads", "{\"name\":\"t\"}").path("code").asInt())
                .isEqualTo(10008);
        assertThat(discord.threadsIn(discord.channelId())).isEmpty();
        discord.close();

        discord = LocalDiscord.builder().withoutThreadPermission().start();
        String other = post("a card");
        assertThat(send(403, "POST", "channels/" + discord.channelId() + "/messages/" + other + "/threads",
                "{\"name\":\"t\"}").path("code").asInt()).isEqualTo(50013);
    }

    @Test
    @DisplayName("a poll message gets Discord's poll object; votes count once each; expire finalizes it once")
    void pollLifecycle() throws Exception {
        discord = LocalDiscord.start();
        JsonNode created = send(200, "POST", "channels/" + discord.channelId() + "/messages", poll(3, "Paper ", 48));
        String id = created.path("id").asText();
        JsonNode p = created.path("poll");
        assertThat(p.path("answers")).extracting(a -> a.path("answer_id").asInt()).containsExactly(1, 2, 3);
        assertThat(p.path("results").path("is_finalized").asBoolean()).isFalse();

        assertThat(discord.vote(id, 2, discord.memberUserId())).isTrue();
        assertThat(discord.vote(id, 3, discord.memberUserId())).as("single choice").isFalse();
        assertThat(discord.vote(id, 9, discord.adminUserId())).as("no such answer").isFalse();
        assertThat(discord.vote(id, 2, discord.adminUserId())).isTrue();
        JsonNode voters = send(200, "GET", "channels/" + discord.channelId() + "/polls/" + id + "/answers/2", null);
        assertThat(voters.path("users")).hasSize(2);

        String expire = "channels/" + discord.channelId() + "/polls/" + id + "/expire";
        JsonNode ended = send(200, "POST", expire, null);
        assertThat(ended.path("poll").path("results").path("is_finalized").asBoolean()).isTrue();
        assertThat(ended.path("poll").path("results").path("answer_counts").get(0).path("count").asInt()).isEqualTo(2);
        assertThat(discord.vote(id, 1, discord.ownerUserId())).as("closed").isFalse();
        assertThat(send(400, "POST", expire, null).path("code").asInt()).isEqualTo(520001);
        String plain = post("no poll");
        assertThat(send(400, "POST", "channels/" + discord.channelId() + "/polls/" + plain + "/expire", null)
                .path("code").asInt()).isEqualTo(520006);
        assertThat(discord.schemaViolations()).isEmpty();
    }

    @Test
    @DisplayName("a poll over Discord's limits (11 answers, a 56-character answer, 769 hours) gets 50035")
    void pollLimits() throws Exception {
        discord = LocalDiscord.start();
        String messages = "channels/" + discord.channelId() + "/messages";
        assertThat(send(400, "POST", messages, poll(11, "P", 24)).path("errors").path("poll").has("answers")).isTrue();
        assertThat(send(400, "POST", messages, poll(2, "x".repeat(55), 24)).path("errors").path("poll")
                .path("answers").has("0")).isTrue();
        assertThat(send(400, "POST", messages, poll(2, "P", 769)).path("errors").path("poll").has("duration"))
                .isTrue();
        assertThat(discord.messagesIn(discord.channelId())).isEmpty();
        assertThat(send(200, "POST", messages, poll(10, "x".repeat(54), 168)).path("poll").path("answers"))
                .hasSize(10);
    }
}
