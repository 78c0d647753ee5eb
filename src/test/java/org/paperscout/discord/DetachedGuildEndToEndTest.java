package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperscout.discord.BotHarness.assertAccepted;
import static org.paperscout.discord.BotHarness.message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.commands.Invocation;
import org.paperscout.discord.local.Interaction;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.RecordedCall;
import org.paperscout.discord.local.UserKind;

/**
 * READY without guilds: interactions carry a partial guild and JDA builds detached guild objects (what a
 * user-installed or not-yet-cached guild looks like). The bot must still answer, and read Manage Server from the
 * permissions Discord sends with the interaction.
 */
class DetachedGuildEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @Test
    void answersInAGuildJdaHasNotCached() {
        try (LocalDiscord discord = LocalDiscord.builder().guildInReady(false).start()) {
            BotHarness h = new BotHarness(discord, dataDir, Map.of()).start();
            try {
                Interaction search = discord.slash(UserKind.MEMBER, "search", Option.string("query", "memorization"));
                RecordedCall answer = discord.awaitFirstAnswer(search, WAIT);
                assertAccepted(answer);
                assertThat(discord.answeredInTime(search)).isTrue();
                assertThat(message(answer).path("embeds")).hasSize(6);

                RecordedCall refused = discord.awaitFirstAnswer(discord.slash(UserKind.MEMBER, "digest",
                        Option.sub("off")), WAIT);
                assertThat(message(refused).path("content").asText()).contains("Manage Server");

                RecordedCall admin = discord.awaitFirstAnswer(discord.slash(UserKind.ADMIN, "digest",
                        Option.sub("off")), WAIT);
                assertAccepted(admin);
                Invocation inv = h.fakes.invocations.stream().filter(x -> x.command().equals("digest")).findFirst()
                        .orElseThrow();
                assertThat(inv.guildId()).isEqualTo(discord.guildId());
                assertThat(inv.canManageServer()).isTrue();
                assertThat(h.reconciled.get(0)).as("READY listed no guilds").isEmpty();
            } finally {
                h.bot.close();
            }
            BotHarness.assertSchemaValid(discord);
        }
    }
}
