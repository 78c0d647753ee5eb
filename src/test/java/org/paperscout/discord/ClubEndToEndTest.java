package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.FrontEnd;
import org.paperscout.PaperScout;
import org.paperscout.catalog.Ingestor;
import org.paperscout.config.Settings;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.LocalDiscordBuilder;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.UserKind;
import org.paperscout.store.TestClock;

/**
 * The paper club as the composition root wires it for {@code run}, through the real JDA client and the local Discord:
 * Discuss opens one thread per paper and channel, /club pick posts a native poll whose end is announced with the
 * winner's card and thread, /club history links it; a server that withholds Create Public Threads gets that named.
 */
class ClubEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String TITLE = "Memorize, Factorize, or be Naïve: Learning Optimal Feature Interaction "
            + "Methods for CTR Prediction";

    @TempDir
    Path dir;

    @Test
    void discussTwiceMakesOneThreadAndAPickEndsWithTheWinnersThread() throws Exception {
        TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
        run(LocalDiscord.builder(), clock, (discord, live) -> {
            String channel = discord.channelId();
            LiveBot.Answer card = live.answer(discord.slash(UserKind.MEMBER, "paper", Option.string("paper", TITLE)));
            List<String> discuss = card.verb("discuss");
            assertThat(discuss).hasSize(1);
            assertThat(card.message().path("components")).as("six actions in two rows of at most five").hasSize(2);

            LiveBot.Answer first = live.answer(discord.button(UserKind.MEMBER, discuss.get(0), card.id()));
            assertThat(first.ephemeral()).isTrue();
            List<JsonNode> threads = discord.threadsIn(channel);
            assertThat(threads).singleElement().satisfies(t -> {
                assertThat(t.path("id").asText()).as("a thread on the card's message").isEqualTo(card.id());
                assertThat(t.path("name").asText()).hasSizeLessThanOrEqualTo(100).startsWith("Memorize, Factorize");
            });
            String threadId = threads.get(0).path("id").asText();
            String link = "https://discord.com/channels/" + discord.guildId() + "/" + threadId;
            assertThat(first.message().path("content").asText()).isEqualTo("Discussion started: " + link);
            assertThat(discord.messagesIn(threadId)).singleElement().satisfies(m -> assertThat(
                    m.path("embeds").get(0).path("title").asText()).startsWith("Memorize, Factorize"));

            LiveBot.Answer again = live.answer(discord.button(UserKind.ADMIN, discuss.get(0), card.id()));
            assertThat(again.message().path("content").asText())
                    .isEqualTo("This paper already has a discussion here: " + link);
            assertThat(discord.threadsIn(channel)).as("the stored thread is reused").hasSize(1);
            assertThat(discord.requests(c -> c.path().endsWith("/threads"))).hasSize(1);

            LiveBot.Answer posted = live.answer(discord.slash(UserKind.ADMIN, "club", Option.sub("pick",
                    Option.integer("candidates", 3), Option.integer("days", 1))));
            assertThat(posted.message().path("content").asText()).startsWith("Poll posted with 3 papers");
            JsonNode poll = discord.messagesIn(channel).stream().filter(m -> m.path("poll").isObject())
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(poll.path("poll").path("question").path("text").asText())
                    .isEqualTo("Which paper should we read next?");
            assertThat(poll.path("poll").path("allow_multiselect").asBoolean()).isFalse();
            JsonNode answers = poll.path("poll").path("answers");
            assertThat(answers).hasSize(3).allSatisfy(a -> assertThat(
                    a.path("poll_media").path("text").asText().length()).isBetween(1, 55));
            String pollId = poll.path("id").asText();
            assertThat(discord.vote(pollId, 2, discord.memberUserId())).isTrue();
            assertThat(discord.vote(pollId, 2, discord.adminUserId())).isTrue();
            assertThat(discord.vote(pollId, 1, discord.ownerUserId())).isTrue();
            assertThat(discord.vote(pollId, 1, discord.ownerUserId())).as("one choice each").isFalse();
            String winner = answers.get(1).path("poll_media").path("text").asText().replace("…", "").strip();

            clock.advance(Duration.ofDays(1).plusMinutes(1));
            await(() -> winnerRecorded() && discord.threadsIn(channel).size() == 2);
            JsonNode announcement = discord.messagesIn(channel).stream()
                    .filter(m -> m.path("embeds").toString().contains("Next reading")).findFirst().orElseThrow();
            assertThat(announcement.path("embeds").get(1).path("title").asText()).startsWith(winner);
            assertThat(discord.threadsIn(channel).get(1).path("id").asText()).isEqualTo(announcement.path("id").asText());
            assertThat(discord.requests(c -> c.path().endsWith("/polls/" + pollId + "/expire")))
                    .as("the bot ended the poll to read final counts").hasSize(1);
            assertThat(discord.message(pollId).orElseThrow().path("poll").path("results").path("is_finalized")
                    .asBoolean()).isTrue();

            LiveBot.Answer history = live.answer(discord.slash(UserKind.MEMBER, "club", Option.sub("history")));
            assertThat(history.shown()).contains("Papers picked in this server")
                    .contains("https://discord.com/channels/" + discord.guildId() + "/" + announcement.path("id").asText());

            LiveBot.Answer scheduled = live.answer(discord.slash(UserKind.ADMIN, "club", Option.sub("schedule",
                    Option.string("day", "friday"), Option.string("time", "16:00"),
                    Option.string("timezone", "Europe/Berlin"))));
            assertThat(scheduled.message().path("content").asText()).startsWith("Weekly pick set");
            assertThat(clubRows()).as("threads, the pick, the schedule").isGreaterThanOrEqualTo(3);

            // Removed from the server: its threads, picks and schedule go with it (the leave event).
            discord.kickBotFromGuild();
            await(() -> clubRows() == 0);
        });
    }

    @Test
    void withoutCreatePublicThreadsDiscussNamesThePermissionAndOpensNothing() throws Exception {
        run(LocalDiscord.builder().withoutThreadPermission(), new TestClock(Instant.now()), (discord, live) -> {
            LiveBot.Answer card = live.answer(discord.slash(UserKind.MEMBER, "paper", Option.string("paper", TITLE)));

            LiveBot.Answer refused = live.answer(discord.button(UserKind.MEMBER, card.verb("discuss").get(0),
                    card.id()));

            assertThat(refused.ephemeral()).isTrue();
            assertThat(refused.message().path("content").asText()).isEqualTo("I need the Create Public Threads "
                    + "permission in this channel for that. Ask an admin to give it to me, then try again.");
            assertThat(discord.threadsIn(discord.channelId())).isEmpty();
            assertThat(discord.requests(c -> c.path().endsWith("/threads"))).as("checked before asking Discord")
                    .isEmpty();
        });
    }

    private interface Scene {
        void play(LocalDiscord discord, LiveBot live) throws Exception;
    }

    private void run(LocalDiscordBuilder builder, TestClock clock, Scene scene) throws Exception {
        try (LocalDiscord discord = builder.start()) {
            Settings settings = Settings.of(Map.of("data.dir", dir.toString(),
                    "seeds.dir", System.getProperty("paperscout.seeds", "seeds"), "digest.tick", "1s",
                    "discord.rest-url", discord.restBaseUrl(), "discord.gateway-url", discord.gatewayUrl(),
                    "discord.cooldown-commands", "1000", "search.semantic", "false"));
            try (PaperScout app = PaperScout.open(settings, clock, FrontEnd.discord(BotHarness.TOKEN))) {
                app.seedIfEmpty(Ingestor.Progress.NONE);
                DiscordBot bot = app.startDiscord();
                app.startDigests();
                // LiveBot reads the answers; this test needs the digest and club jobs running on its clock.
                scene.play(discord, LiveBot.over(app, discord, bot));
                BotHarness.assertSchemaValid(discord);
            }
        }
    }

    private boolean winnerRecorded() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("paperscout.db"));
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM club_picks WHERE thread_id IS NOT NULL")) {
            return r.next() && r.getInt(1) == 1;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    /** The server's club rows: threads, picks and schedules. */
    private int clubRows() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("paperscout.db"));
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM club_threads) + (SELECT count(*) FROM "
                     + "club_picks) + (SELECT count(*) FROM club_schedules)")) {
            return r.next() ? r.getInt(1) : -1;
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("within " + WAIT).isTrue();
    }
}
