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
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.FrontEnd;
import org.paperscout.PaperScout;
import org.paperscout.catalog.Ingestor;
import org.paperscout.config.Settings;
import org.paperscout.discord.local.Interaction;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.RecordedCall;
import org.paperscout.discord.local.UserKind;
import org.paperscout.store.TestClock;

/**
 * The digest as the composition root wires it for {@code run}: /digest set through JDA, the job started after the bot
 * is online and posting through the publisher built over it, /status naming the next digest, the server's language,
 * and the guild hooks: an unavailable server keeps its digests, a server that removed the bot loses them (even its
 * last one).
 */
class DigestWiringEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void setDeliverStatusThenAnOutageKeepsAndARemovalDropsTheServersDigests() throws Exception {
        TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
        try (LocalDiscord discord = LocalDiscord.start()) {
            Settings settings = Settings.of(Map.of("data.dir", dir.toString(),
                    "seeds.dir", System.getProperty("paperscout.seeds", "seeds"), "digest.tick", "1s",
                    "discord.rest-url", discord.restBaseUrl(), "discord.gateway-url", discord.gatewayUrl(),
                    "discord.cooldown-commands", "1000"));
            try (PaperScout app = PaperScout.open(settings, clock, FrontEnd.discord(BotHarness.TOKEN))) {
                app.seedIfEmpty(Ingestor.Progress.NONE);
                app.startDiscord();
                app.startDigests();
                LocalTime due = LocalTime.ofInstant(clock.instant().plus(Duration.ofMinutes(2)), ZoneOffset.UTC);
                String set = answer(discord, discord.slash(UserKind.ADMIN, "digest", Option.sub("set",
                        Option.channel("channel", discord.channelId()),
                        Option.string("time", String.format("%02d:%02d", due.getHour(), due.getMinute())),
                        Option.string("timezone", "UTC"))));
                assertThat(set).contains("Daily digest set for");
                assertThat(answer(discord, discord.slash(UserKind.ADMIN, "status"))).contains("Digests:")
                        .contains("<#" + discord.channelId() + ">: next <t:");

                clock.advance(Duration.ofMinutes(3));
                await(() -> discord.messagesIn(discord.channelId()).stream()
                        .anyMatch(m -> m.path("embeds").toString().contains("PaperScout digest")));
                assertThat(configs()).isEqualTo(1);

                // An outage (GUILD_DELETE with unavailable) is not a removal.
                discord.dispatch("GUILD_DELETE", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                        .put("id", discord.guildId()).put("unavailable", true));
                // JDA handles gateway events in order: once this DM is answered, the outage was seen.
                answer(discord, discord.slash(UserKind.DM, "help"));
                assertThat(configs()).isEqualTo(1);
                discord.rejoinGuild();

                // Removed from its last server: the leave event drops that server's digests.
                discord.kickBotFromGuild();
                await(() -> configs() == 0);
                assertThat(configs()).isZero();
                BotHarness.assertSchemaValid(discord);
            }
        }
    }

    /** The job asks the publisher the app was built with for the server's language, not a stand-in's English. */
    @Test
    void aChannelDigestIsWrittenInTheServersPreferredLanguage() throws Exception {
        TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
        try (LocalDiscord discord = LocalDiscord.builder().locale("de").start()) {
            Settings settings = Settings.of(Map.of("data.dir", dir.toString(),
                    "seeds.dir", System.getProperty("paperscout.seeds", "seeds"), "digest.tick", "1s",
                    "discord.rest-url", discord.restBaseUrl(), "discord.gateway-url", discord.gatewayUrl(),
                    "discord.cooldown-commands", "1000", "search.semantic", "false"));
            try (PaperScout app = PaperScout.open(settings, clock, FrontEnd.discord(BotHarness.TOKEN))) {
                app.seedIfEmpty(Ingestor.Progress.NONE);
                app.startDiscord();
                app.startDigests();
                LocalTime due = LocalTime.ofInstant(clock.instant().plus(Duration.ofMinutes(2)), ZoneOffset.UTC);
                answer(discord, discord.slash(UserKind.ADMIN, "digest", Option.sub("set",
                        Option.channel("channel", discord.channelId()),
                        Option.string("time", String.format("%02d:%02d", due.getHour(), due.getMinute())),
                        Option.string("timezone", "UTC"))));
                assertThat(configs()).isEqualTo(1);

                clock.advance(Duration.ofMinutes(3));
                await(() -> discord.messagesIn(discord.channelId()).stream()
                        .anyMatch(m -> m.path("embeds").toString().contains("PaperScout digest")));
                String digest = discord.messagesIn(discord.channelId()).stream()
                        .map(m -> m.path("embeds").toString()).filter(e -> e.contains("PaperScout digest"))
                        .findFirst().orElseThrow();
                assertThat(digest).contains("Täglicher Digest").doesNotContain("Daily digest");
            }
        }
    }

    private int configs() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("paperscout.db"));
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM channel_digests")) {
            return r.next() ? r.getInt(1) : -1;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String answer(LocalDiscord discord, Interaction i) {
        RecordedCall first = discord.awaitFirstAnswer(i, WAIT);
        BotHarness.assertAccepted(first);
        JsonNode msg = first.json().path("type").asInt() == 4 ? BotHarness.message(first)
                : discord.awaitOriginalEdit(i, WAIT).json();
        return msg.toString();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
