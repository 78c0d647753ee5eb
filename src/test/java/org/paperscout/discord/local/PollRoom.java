package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Polls: a message created with a {@code poll} gets Discord's poll object ({@link #render}); users vote
 * ({@link LocalDiscord#vote}); {@code POST /channels/{id}/polls/{message}/expire} ends it early and finalizes the
 * counts; {@code GET /channels/{id}/polls/{message}/answers/{answer}} lists an answer's voters. Limits as Discord's:
 * a question of at most 300 characters, 1-10 answers of at most 55, a duration of 1-768 hours.
 */
final class PollRoom implements Room {

    static final int QUESTION_MAX = 300;
    static final int ANSWERS_MAX = 10;
    static final int ANSWER_MAX = 55;
    static final int DURATION_HOURS_MAX = 768;
    private static final Pattern EXPIRE = Pattern.compile("/channels/(\\d+)/polls/(\\d+)/expire");
    private static final Pattern VOTERS = Pattern.compile("/channels/(\\d+)/polls/(\\d+)/answers/(\\d+)");

    private final ServerState state;
    private final ChannelRoom channels;
    private final MessageRoom messages;
    /** Voters per poll message and answer id. */
    private final Map<String, Map<Integer, Set<String>>> votes = new HashMap<>();

    PollRoom(ServerState state, ChannelRoom channels, MessageRoom messages) {
        this.state = state;
        this.channels = channels;
        this.messages = messages;
    }

    @Override
    public Answer route(Request r) {
        Matcher m;
        if ((m = r.match("POST", EXPIRE)) != null) {
            ObjectNode message = pollMessage(m.group(1), m.group(2));
            if (message == null) {
                return channels.channel(m.group(1)) == null ? ChannelRoom.unknownChannel()
                        : messages.find(m.group(2)) == null ? MessageRoom.unknownMessage()
                        : Answer.error(400, 520006, "Cannot expire a non-poll message");
            }
            ObjectNode poll = (ObjectNode) message.path("poll");
            if (poll.path("results").path("is_finalized").asBoolean()) {
                return Answer.error(400, 520001, "Poll expired");
            }
            poll.put("expiry", Fixture.timestamp(r.at()));
            ((ObjectNode) poll.path("results")).put("is_finalized", true);
            return Answer.json(200, message.deepCopy());
        }
        if ((m = r.match("GET", VOTERS)) != null) {
            ObjectNode message = pollMessage(m.group(1), m.group(2));
            if (message == null) {
                return MessageRoom.unknownMessage();
            }
            ObjectNode out = Fixture.JSON.objectNode();
            ArrayNode users = out.putArray("users");
            votes.getOrDefault(m.group(2), Map.of()).getOrDefault(Integer.parseInt(m.group(3)), Set.of())
                    .forEach(u -> users.add(Fixture.user(u)));
            return Answer.json(200, out);
        }
        return null;
    }

    private ObjectNode pollMessage(String channelId, String messageId) {
        ObjectNode message = messages.find(messageId);
        return message != null && message.path("channel_id").asText().equals(channelId)
                && message.path("poll").isObject() ? message : null;
    }

    /** A user's vote; false when the poll is over, the answer unknown or (single choice) the user voted already. */
    boolean vote(String messageId, int answerId, String userId) {
        ObjectNode message = messages.find(messageId);
        if (message == null || !message.path("poll").isObject()) {
            return false;
        }
        ObjectNode poll = (ObjectNode) message.path("poll");
        boolean known = false;
        for (JsonNode a : poll.path("answers")) {
            known |= a.path("answer_id").asInt() == answerId;
        }
        Instant expiry = Instant.parse(poll.path("expiry").asText());
        if (!known || poll.path("results").path("is_finalized").asBoolean() || !state.clock.instant().isBefore(expiry)) {
            return false;
        }
        Map<Integer, Set<String>> byAnswer = votes.computeIfAbsent(messageId, k -> new HashMap<>());
        boolean multi = poll.path("allow_multiselect").asBoolean();
        if (!multi && byAnswer.values().stream().anyMatch(v -> v.contains(userId))) {
            return false;
        }
        byAnswer.computeIfAbsent(answerId, k -> new LinkedHashSet<>()).add(userId);
        ArrayNode counts = ((ObjectNode) poll.path("results")).putArray("answer_counts");
        byAnswer.forEach((id, voters) -> counts.addObject().put("id", id).put("count", voters.size())
                .put("me_voted", voters.contains(Fixture.BOT_ID)));
        return true;
    }

    /** Discord's poll object for a poll request: answers numbered from 1, expiry from the duration in hours. */
    static ObjectNode render(JsonNode request, Instant at) {
        ObjectNode poll = Fixture.JSON.objectNode();
        poll.putObject("question").put("text", request.path("question").path("text").asText(""));
        ArrayNode answers = poll.putArray("answers");
        int id = 1;
        for (JsonNode a : request.path("answers")) {
            ObjectNode answer = answers.addObject();
            answer.put("answer_id", id++);
            answer.set("poll_media", a.path("poll_media").deepCopy());
        }
        poll.put("expiry", Fixture.timestamp(at.plus(Duration.ofHours(request.path("duration").asInt(24)))));
        poll.put("allow_multiselect", request.path("allow_multiselect").asBoolean(false));
        poll.put("layout_type", request.path("layout_type").asInt(1));
        ObjectNode results = poll.putObject("results");
        results.put("is_finalized", false);
        results.putArray("answer_counts");
        return poll;
    }

    /** Discord's limits on a poll request, added to a message body's {@code errors}. */
    static void checkPoll(ObjectNode errors, JsonNode poll) {
        if (!poll.isObject()) {
            return;
        }
        JsonNode question = poll.path("question").path("text");
        if (!question.isTextual() || question.asText().isEmpty()) {
            DiscordLimits.add(errors, "BASE_TYPE_REQUIRED", "This field is required", "poll", "question", "text");
        }
        DiscordLimits.maxLength(errors, question, QUESTION_MAX, "poll", "question", "text");
        JsonNode answers = poll.path("answers");
        if (!answers.isArray() || answers.size() < 1 || answers.size() > ANSWERS_MAX) {
            DiscordLimits.add(errors, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and " + ANSWERS_MAX + " in length.",
                    "poll", "answers");
        } else {
            for (int i = 0; i < answers.size(); i++) {
                DiscordLimits.maxLength(errors, answers.get(i).path("poll_media").path("text"), ANSWER_MAX, "poll",
                        "answers", Integer.toString(i), "poll_media", "text");
            }
        }
        JsonNode duration = poll.path("duration");
        if (duration.isNumber() && (duration.asInt() < 1 || duration.asInt() > DURATION_HOURS_MAX)) {
            DiscordLimits.add(errors, "NUMBER_TYPE_MAX", "int value should be between 1 and " + DURATION_HOURS_MAX
                    + ".", "poll", "duration");
        }
    }
}
