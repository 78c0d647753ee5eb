package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.paperscout.config.Settings;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.LocalJda;
import org.paperscout.discord.local.RecordedCall;
import org.paperscout.discord.local.SchemaViolation;

/** Starts the production {@link DiscordBot} against a {@link LocalDiscord}, plus assertions shared by the suites. */
final class BotHarness {

    static final String TOKEN = LocalJda.TOKEN;

    final FakeCommands fakes = new FakeCommands();
    final List<Set<String>> reconciled = new CopyOnWriteArrayList<>();
    final DiscordBot bot;

    BotHarness(LocalDiscord discord, Path dataDir, Map<String, String> settings) {
        this(discord, dataDir, settings, TOKEN);
    }

    BotHarness(LocalDiscord discord, Path dataDir, Map<String, String> settings, String token) {
        Map<String, String> values = new HashMap<>();
        values.put("discord.rest-url", discord.restBaseUrl());
        values.put("discord.gateway-url", discord.gatewayUrl());
        // Tests send many commands as one user; the cooldown has its own test.
        values.put("discord.cooldown-commands", "1000");
        values.putAll(settings);
        DiscordConfig config = DiscordConfig.from(Settings.of(values));
        bot = new DiscordBot(config, token, dataDir);
    }

    BotHarness start() {
        bot.start(fakes.commands(), reconciled::add);
        return this;
    }

    /** The callback body's {@code data} (the message), for a JSON or multipart callback. */
    static JsonNode message(RecordedCall call) {
        JsonNode json = call.json();
        return json.has("data") ? json.get("data") : json;
    }

    static void assertNoMentions(RecordedCall call) {
        JsonNode mentions = message(call).path("allowed_mentions");
        assertThat(mentions.isObject()).as("allowed_mentions present in " + call).isTrue();
        assertThat(mentions.path("parse").isArray()).as("parse array in " + call).isTrue();
        assertThat(mentions.path("parse")).as("parse in " + call).isEmpty();
    }

    static void assertAccepted(RecordedCall call) {
        assertThat(call.status()).as(call.toString()).isBetween(200, 299);
    }

    /**
     * No body the bot sent breaks Discord's OpenAPI schema. Two JDA wire forms that Discord documents and accepts
     * but the OpenAPI file types more strictly are normalised, narrowly, before a violating body is checked again
     * (so everything else in it is still validated):
     * <ul>
     *   <li>command registration: {@code contexts}, {@code integration_types} and
     *   {@code default_member_permissions} as numeric strings ({@code "0"}, {@code "32"}); Discord's docs type the
     *   permissions as a string;</li>
     *   <li>messages with files: {@code attachments[].id} as the integer index of the file part, which is how
     *   Discord's docs show uploads ({@code "id": 0}).</li>
     * </ul>
     */
    static void assertSchemaValid(LocalDiscord discord) {
        List<SchemaViolation> violations = new ArrayList<>();
        for (SchemaViolation v : discord.schemaViolations()) {
            List<String> problems = discord.validator().validate(v.call().method(), v.call().path(),
                    documentedJdaForms(v.call()));
            if (!problems.isEmpty()) {
                violations.add(new SchemaViolation(v.call(), v.route(), problems));
            }
        }
        assertThat(violations).isEmpty();
    }

    private static JsonNode documentedJdaForms(RecordedCall call) {
        JsonNode copy = call.json().deepCopy();
        if (isCommandRegistration(call)) {
            numericCommandFields(copy);
        }
        JsonNode message = copy.has("data") ? copy.get("data") : copy;
        if (message.get("attachments") instanceof ArrayNode attachments) {
            for (JsonNode a : attachments) {
                if (a.path("id").isIntegralNumber()) {
                    ((ObjectNode) a).put("id", a.get("id").asText());
                }
            }
        }
        return copy;
    }

    static boolean isCommandRegistration(RecordedCall call) {
        return call.is("PUT", "/applications/\\d+(/guilds/\\d+)?/commands");
    }

    private static void numericCommandFields(JsonNode copy) {
        for (JsonNode command : copy) {
            ObjectNode c = (ObjectNode) command;
            for (String field : List.of("contexts", "integration_types")) {
                if (c.get(field) instanceof ArrayNode array) {
                    for (int i = 0; i < array.size(); i++) {
                        array.set(i, IntNode.valueOf(Integer.parseInt(array.get(i).asText())));
                    }
                }
            }
            if (c.path("default_member_permissions").isTextual()) {
                c.put("default_member_permissions", Long.parseLong(c.get("default_member_permissions").asText()));
            }
        }
    }
}
