package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.paperscout.discord.BotHarness.assertAccepted;
import static org.paperscout.discord.BotHarness.message;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.discord.local.Interaction;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.RecordedCall;
import org.paperscout.discord.local.UserKind;
import org.paperscout.i18n.Messages;

/** Start-up, registration, overload, shutdown and session behaviour, each with a bot of its own. */
class DiscordBotLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private static long commandPuts(LocalDiscord discord) {
        return discord.requests(BotHarness::isCommandRegistration).size();
    }

    @Test
    void unchangedCommandsAreNotRegisteredAgainOnTheNextStart() {
        try (LocalDiscord discord = LocalDiscord.start()) {
            new BotHarness(discord, dataDir, Map.of()).start().bot.close();
            assertThat(commandPuts(discord)).isEqualTo(1);

            new BotHarness(discord, dataDir, Map.of()).start().bot.close();
            assertThat(commandPuts(discord)).as("second start with the same commands").isEqualTo(1);

            new BotHarness(discord, dataDir, Map.of("discord.force-register", "true")).start().bot.close();
            assertThat(commandPuts(discord)).as("forced").isEqualTo(2);
            BotHarness.assertSchemaValid(discord);
        }
    }

    @Test
    void devGuildRegistersToThatGuildOnly() {
        try (LocalDiscord discord = LocalDiscord.start()) {
            BotHarness h = new BotHarness(discord, dataDir, Map.of("discord.dev-guild", discord.guildId())).start();
            h.bot.close();
            assertThat(discord.registeredCommands(discord.guildId())).hasSize(9);
            assertThat(discord.registeredCommands("global")).isEmpty();
            BotHarness.assertSchemaValid(discord);
        }
    }

    @Test
    void unknownDevGuildFailsStartWithOneLine() {
        try (LocalDiscord discord = LocalDiscord.start()) {
            BotHarness h = new BotHarness(discord, dataDir, Map.of("discord.dev-guild", "999999999999999999"));
            assertThatThrownBy(h::start).isInstanceOf(DiscordStartupException.class)
                    .hasMessageContaining("discord.dev-guild 999999999999999999").hasMessageNotContaining("\n");
        }
    }

    @Test
    void badTokenFailsStartWithOneLineWithoutTheToken() {
        String badToken = "bad-token.secret.XYZ";
        try (LocalDiscord discord = LocalDiscord.builder().acceptedToken(BotHarness.TOKEN).start()) {
            BotHarness h = new BotHarness(discord, dataDir, Map.of(), badToken);
            assertThatThrownBy(h::start)
                    .isInstanceOf(DiscordStartupException.class)
                    .hasMessageContaining("DISCORD_TOKEN")
                    .hasMessageNotContaining(badToken)
                    .hasMessageNotContaining("\n")
                    .satisfies(e -> assertThat(e.getStackTrace()).isEmpty())
                    .satisfies(e -> assertThat(e.getCause()).isNull());
            assertThat(discord.identifyCount()).isZero();
        }
    }

    @Test
    void aGatewayWithNothingListeningFailsStartWithOneLineNamingItsSetting() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String gateway = "ws://127.0.0.1:" + port + "/gateway";
        try (LocalDiscord discord = LocalDiscord.start()) {
            BotHarness h = new BotHarness(discord, dataDir, Map.of("discord.gateway-url", gateway));
            assertThatThrownBy(h::start).isInstanceOf(DiscordStartupException.class)
                    .hasMessage("Can't reach Discord at " + gateway + ": connection refused. Check "
                            + "discord.gateway-url and that the server there is running.");
            assertThat(discord.identifyCount()).isZero();
        }
    }

    @Test
    void missingTokenFailsBeforeAnyRequest() {
        try (LocalDiscord discord = LocalDiscord.start()) {
            BotHarness h = new BotHarness(discord, dataDir, Map.of(), " ");
            assertThatThrownBy(h::start).isInstanceOf(DiscordStartupException.class)
                    .hasMessageStartingWith("DISCORD_TOKEN is not set");
            assertThat(discord.requests()).isEmpty();
        }
    }

    @Test
    @DisplayName("a full pool answers busy at once, in the user's language; the queued work is still answered")
    void fullPoolAnswersBusyAtOnce() {
        try (LocalDiscord discord = LocalDiscord.builder().locale("de").start()) {
            BotHarness h = new BotHarness(discord, dataDir, Map.of("discord.workers", "1", "discord.queue", "1"));
            // Busy well past the running command's acknowledgement (at 1.5 s), so the next two find the worker taken.
            h.fakes.slowMillis = 3500;
            h.start();
            try {
                Interaction running = discord.slash(UserKind.MEMBER, "slowsearch", Option.string("query", "a"));
                discord.awaitFirstAnswer(running, WAIT);  // deferred: the worker is now busy
                Interaction queued = discord.slash(UserKind.MEMBER, "slowsearch", Option.string("query", "b"));
                Interaction rejected = discord.slash(UserKind.MEMBER, "slowsearch", Option.string("query", "c"));

                RecordedCall busy = discord.awaitFirstAnswer(rejected, WAIT);
                assertThat(discord.answeredInTime(rejected)).isTrue();
                assertThat(message(busy).path("content").asText()).isEqualTo(Messages.of(Locale.GERMAN).get("error.busy"))
                        .isNotEqualTo(Messages.of(Locale.ENGLISH).get("error.busy"));
                assertThat(message(busy).path("flags").asInt() & 64).isEqualTo(64);

                assertThat(discord.answeredInTime(running)).isTrue();
                discord.awaitFirstAnswer(queued, WAIT);
                assertThat(discord.answeredInTime(queued)).isTrue();
                assertAccepted(discord.awaitOriginalEdit(queued, WAIT));
            } finally {
                h.bot.close();
            }
            BotHarness.assertSchemaValid(discord);
        }
    }

    @Test
    void oneUserFloodingIsSlowedDownOthersAreNot() {
        try (LocalDiscord discord = LocalDiscord.start()) {
            BotHarness h = new BotHarness(discord, dataDir, Map.of("discord.cooldown-commands", "2",
                    "discord.cooldown-window", "1m")).start();
            try {
                List<Interaction> flood = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    flood.add(discord.slash(UserKind.MEMBER, "help"));
                }
                RecordedCall third = discord.awaitFirstAnswer(flood.get(2), WAIT);
                assertThat(message(third).path("content").asText()).startsWith("You're going a bit fast — try again in");
                assertThat(message(third).path("flags").asInt() & 64).isEqualTo(64);
                assertThat(message(discord.awaitFirstAnswer(flood.get(0), WAIT)).path("embeds")).hasSize(1);

                RecordedCall other = discord.awaitFirstAnswer(discord.slash(UserKind.ADMIN, "help"), WAIT);
                assertThat(message(other).path("embeds")).hasSize(1);
            } finally {
                h.bot.close();
            }
        }
    }

    @Test
    void shutdownLetsTheAnswerInFlightFinish() {
        try (LocalDiscord discord = LocalDiscord.start()) {
            BotHarness h = new BotHarness(discord, dataDir, Map.of());
            h.fakes.slowMillis = 2000;
            h.start();
            Interaction i = discord.slash(UserKind.MEMBER, "slowsearch", Option.string("query", "shutdown"));
            discord.awaitFirstAnswer(i, WAIT);

            h.bot.close();

            // close() returned, so the edit must already have been received.
            assertThat(discord.responsesFor(i)).anySatisfy(c -> {
                assertThat(c.is("PATCH", "/webhooks/\\d+/.+/messages/@original")).isTrue();
                assertAccepted(c);
            });
        }
    }

    @Test
    void afterShutdownStartsNewInteractionsAreToldToRetry() {
        // Covered without timing: once stop() is called, the router answers "restarting" itself.
        try (LocalDiscord discord = LocalDiscord.start()) {
            BotHarness h = new BotHarness(discord, dataDir, Map.of()).start();
            try {
                h.bot.router().stop();
                RecordedCall answer = discord.awaitFirstAnswer(discord.slash(UserKind.MEMBER, "help"), WAIT);
                assertThat(message(answer).path("content").asText()).isEqualTo(Messages.of(Locale.ENGLISH).get("error.stopping"));
            } finally {
                h.bot.close();
            }
        }
    }

    @Test
    void guildsAreReconciledOnEveryFreshSessionAndOnLeaveButNotOnAnOutage() {
        try (LocalDiscord discord = LocalDiscord.start()) {
            BotHarness h = new BotHarness(discord, dataDir, Map.of()).start();
            try {
                awaitReconciled(h, 1);
                assertThat(h.reconciled.get(0)).containsExactly(discord.guildId());

                // A resume replays missed events: nothing to reconcile.
                int resumes = discord.resumeCount();
                discord.closeGateway(4000, "unknown error");
                discord.awaitResumes(resumes + 1, WAIT);

                discord.dispatch("GUILD_DELETE", JsonNodeFactory.instance.objectNode().put("id", discord.guildId()));
                awaitReconciled(h, 2);
                assertThat(h.reconciled.get(1)).as("after leaving").isEmpty();

                // A new session may have missed removals (or, here, joins): reconcile again from READY.
                int readies = discord.readyCount();
                discord.invalidateSession(false);
                discord.awaitReadies(readies + 1, WAIT);
                awaitReconciled(h, 3);
                assertThat(h.reconciled.get(2)).containsExactly(discord.guildId());

                ObjectNode outage = JsonNodeFactory.instance.objectNode().put("id", discord.guildId())
                        .put("unavailable", true);
                discord.dispatch("GUILD_DELETE", outage);
                assertAccepted(discord.awaitFirstAnswer(discord.slash(UserKind.DM, "help"), WAIT));
                assertThat(h.reconciled).as("an outage is not a removal").hasSize(3);
            } finally {
                h.bot.close();
            }
        }
    }

    private static void awaitReconciled(BotHarness h, int n) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (h.reconciled.size() < n) {
            assertThat(System.nanoTime()).as("reconciled " + n + " times").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
