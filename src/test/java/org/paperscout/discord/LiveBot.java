package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperscout.FrontEnd;
import org.paperscout.PaperScout;
import org.paperscout.catalog.Ingestor;
import org.paperscout.config.Settings;
import org.paperscout.discord.local.Interaction;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.RecordedCall;
import org.paperscout.search.SearchRequest;

/**
 * The real composition ({@link PaperScout} over the seeds, its SQLite file and Lucene index) behind the production
 * {@link DiscordBot}, connected to a {@link LocalDiscord}; plus the checks every end-to-end answer must pass.
 */
final class LiveBot implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    /** Discord's own deadline for the first answer to an interaction. */
    static final Duration FIRST_ANSWER = Duration.ofSeconds(3);

    final PaperScout app;
    final LocalDiscord discord;
    final DiscordBot bot;

    private LiveBot(PaperScout app, LocalDiscord discord, DiscordBot bot) {
        this.app = app;
        this.discord = discord;
        this.bot = bot;
    }

    /** Answer reading over a bot a test wired itself (e.g. through {@link PaperScout#startDiscord}); closing it closes all. */
    static LiveBot over(PaperScout app, LocalDiscord discord, DiscordBot bot) {
        return new LiveBot(app, discord, bot);
    }

    /** Opens the app on {@code dataDir} (seeded), starts a local Discord and the bot; {@code settings} override. */
    static LiveBot start(Path dataDir, Map<String, String> settings) throws IOException {
        return start(dataDir, settings, "en-US");
    }

    /** {@link #start(Path, Map)} with every user and the server in Discord's {@code locale} ("de", "ja"...). */
    static LiveBot start(Path dataDir, Map<String, String> settings, String locale) throws IOException {
        Map<String, String> appSettings = new HashMap<>();
        appSettings.put("data.dir", dataDir.toString());
        appSettings.put("seeds.dir", System.getProperty("paperscout.seeds", "seeds"));
        appSettings.putAll(settings);
        LocalDiscord discord = LocalDiscord.builder().locale(locale).start();
        PaperScout app = null;
        try {
            appSettings.put("discord.rest-url", discord.restBaseUrl());
            appSettings.put("discord.gateway-url", discord.gatewayUrl());
            // The suites send many commands as one user; the cooldown has its own test.
            appSettings.put("discord.cooldown-commands", "1000");
            app = PaperScout.open(Settings.of(appSettings), Clock.systemUTC(), FrontEnd.discord(BotHarness.TOKEN));
            app.seedIfEmpty(Ingestor.Progress.NONE);
            DiscordBot bot = app.startDiscord();
            return new LiveBot(app, discord, bot);
        } catch (RuntimeException | IOException e) {
            try {
                if (app != null) {
                    app.close(); // the bot before the server, so its close frame is echoed
                }
            } finally {
                discord.close();
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            bot.close(); // JDA before the server, so its close frame is echoed
        } finally {
            try {
                discord.close();
            } finally {
                app.close();
            }
        }
    }

    /**
     * What the user ends up seeing for one interaction.
     *
     * @param first   the first callback (checked: in time and accepted)
     * @param carrier the request that carried the message: the callback itself (4, 7), the edit of the original
     *                or a follow-up after an acknowledgement (5, 6)
     * @param message the message as the local Discord stores it (content, embeds, components, flags, attachments,
     *                mention_everyone)
     */
    record Answer(RecordedCall first, RecordedCall carrier, JsonNode message) {

        boolean ephemeral() {
            return (message.path("flags").asInt() & 64) == 64;
        }

        /** Content and embeds as one string, for "says ..." assertions (JSON-escaped as Discord received it). */
        String shown() {
            return message.path("content").asText() + "\n" + message.path("embeds");
        }

        String id() {
            return message.path("id").asText();
        }

        /**
         * The custom ids of the enabled buttons whose label starts with {@code label}, in order (Discord sends no
         * clicks on disabled ones).
         */
        List<String> buttons(String label) {
            List<String> ids = new ArrayList<>();
            for (JsonNode row : message.path("components")) {
                for (JsonNode c : row.path("components")) {
                    if (c.path("type").asInt() == 2 && !c.path("disabled").asBoolean()
                            && c.path("label").asText().startsWith(label)) {
                        ids.add(c.path("custom_id").asText());
                    }
                }
            }
            return ids;
        }

        /**
         * The custom ids of all buttons with this component verb (e.g. {@code vote-up}), in order, and of select-menu
         * options with it (a list whose actions do not all fit as buttons offers them in a menu).
         */
        List<String> verb(String verb) {
            List<String> ids = new ArrayList<>();
            for (JsonNode row : message.path("components")) {
                for (JsonNode c : row.path("components")) {
                    List<String> candidates = new ArrayList<>(List.of(c.path("custom_id").asText()));
                    c.path("options").forEach(o -> candidates.add(o.path("value").asText()));
                    for (String id : candidates) {
                        if (id.equals("ps1:" + verb) || id.startsWith("ps1:" + verb + ":")) {
                            ids.add(id);
                        }
                    }
                }
            }
            return ids;
        }

        /** The "Why" lines of every card, as shown (escaped). */
        List<String> reasons() {
            List<String> out = new ArrayList<>();
            for (JsonNode embed : message.path("embeds")) {
                for (JsonNode field : embed.path("fields")) {
                    if (field.path("name").asText().equals("Why")) {
                        out.add(field.path("value").asText());
                    }
                }
            }
            return out;
        }

        List<RecordedCall.Part> files() {
            return carrier.files();
        }
    }

    /** The first callback: within Discord's 3 seconds, accepted. */
    RecordedCall firstAnswer(Interaction i) {
        RecordedCall first = discord.awaitFirstAnswer(i, WAIT);
        assertThat(discord.answeredInTime(i)).as("answered within 3 s: " + first).isTrue();
        assertThat(discord.firstAnswerLatency(i).orElseThrow()).isLessThan(FIRST_ANSWER);
        BotHarness.assertAccepted(first);
        return first;
    }

    /** The answer the user sees, wherever it went out; checked for mentions (none may ping). */
    Answer answer(Interaction i) {
        RecordedCall first = firstAnswer(i);
        int type = first.json().path("type").asInt();
        RecordedCall carrier = type == 4 || type == 7 ? first
                : discord.awaitRequest(c -> c.path().startsWith("/webhooks/" + discord.applicationId() + "/"
                        + i.token()) && c.json() != null
                        && (c.method().equals("PATCH") || c.method().equals("POST")), WAIT);
        BotHarness.assertAccepted(carrier);
        BotHarness.assertNoMentions(carrier);
        String messageId = switch (type) {
            case 4 -> first.response().path("interaction").path("response_message_id").asText();
            case 7 -> i.messageId();
            default -> carrier.response().path("id").asText();
        };
        JsonNode stored = discord.message(messageId).orElseThrow(() -> new AssertionError("no message " + messageId));
        assertThat(stored.path("mention_everyone").asBoolean()).as("pings everyone: " + stored).isFalse();
        assertThat(stored.path("mentions")).as("pings users").isEmpty();
        assertThat(stored.path("mention_roles")).as("pings roles").isEmpty();
        return new Answer(first, carrier, stored);
    }

    /** Autocomplete choices as sent: at most 25, names and values 1-100 characters. */
    JsonNode choices(Interaction i) {
        RecordedCall answer = firstAnswer(i);
        assertThat(answer.json().path("type").asInt()).isEqualTo(8);
        JsonNode choices = answer.json().path("data").path("choices");
        assertThat(choices.size()).isLessThanOrEqualTo(25);
        choices.forEach(c -> {
            assertThat(c.path("name").asText()).hasSizeBetween(1, 100);
            assertThat(c.path("value").asText()).hasSizeBetween(1, 100);
        });
        return choices;
    }

    /** A seed paper's title found by a search, so suites need no hard-coded ids. */
    String titleOfTopHit(String query, int rank) {
        return app.search().search(SearchRequest.of(query, rank + 1)).hits().get(rank).paper().title();
    }

    String paperIdOfTopHit(String query, int rank) {
        return app.search().search(SearchRequest.of(query, rank + 1)).hits().get(rank).paper().id();
    }

    /** The first column of every row a query returns, as text (a read on the bot's own database). */
    List<String> column(String sql, Object... args) {
        return app.database().read(c -> {
            try (var p = c.prepareStatement(sql)) {
                for (int n = 0; n < args.length; n++) {
                    p.setObject(n + 1, args[n]);
                }
                List<String> values = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        values.add(r.getString(1));
                    }
                }
                return values;
            }
        });
    }

    /**
     * Rows that mention {@code value} anywhere, per table: every table in {@code sqlite_master}, every column,
     * compared as text, so a table or column added later is covered without changing this.
     */
    Map<String, Integer> rowsMentioning(String value) {
        return app.database().read(c -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String table : tables(c)) {
                List<String> columns = new ArrayList<>();
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT name FROM pragma_table_info('" + table + "')")) {
                    while (r.next()) {
                        columns.add(r.getString(1));
                    }
                }
                String where = String.join(" OR ", columns.stream()
                        .map(col -> "instr(CAST(\"" + col + "\" AS TEXT), ?) > 0").toList());
                try (var p = c.prepareStatement("SELECT count(*) FROM \"" + table + "\" WHERE " + where)) {
                    for (int n = 1; n <= columns.size(); n++) {
                        p.setString(n, value);
                    }
                    try (ResultSet r = p.executeQuery()) {
                        r.next();
                        counts.put(table, r.getInt(1));
                    }
                }
            }
            return counts;
        });
    }

    private static List<String> tables(java.sql.Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
                     + "AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        return tables;
    }
}
