package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.config.Settings;

/**
 * {@code bench interaction}'s local Discord and users in a JVM of their own ({@link UsersJvm}): the production bot
 * in this JVM connects to it, and a level's latencies come back across the process boundary, as the server took
 * them.
 */
class UsersJvmTest {

    @Test
    void aLevelRunInTheOtherJvmAnswersEveryCommandOfTheBotHere(@TempDir Path data) throws Exception {
        try (UsersJvm users = UsersJvm.start(BotJvm.TEST_JVM)) {
            assertThat(users.restBaseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/api/v10/");
            DiscordBot bot = new DiscordBot(DiscordConfig.from(Settings.of(Map.of(
                    "discord.rest-url", users.restBaseUrl(), "discord.gateway-url", users.gatewayUrl(),
                    "discord.cooldown-commands", "1000"))), BotHarness.TOKEN, data);
            try {
                bot.start(new FakeCommands().commands(), GuildReconciler.NONE);

                InteractionBenchmark.Result r = users.level(3, 12, 0);

                // No timing bound: how late an answer is depends on the machine, not on the protocol checked here.
                assertThat(r.millis()).hasSize(12).allMatch(ms -> ms > 0).isSorted();
                assertThat(r.full()).hasSize(12);
                assertThat(r.full().get(11)).isGreaterThanOrEqualTo(r.millis().get(0));
                assertThat(users.lastLevelCpuNanos()).isPositive();
                users.clear();
                // Users who pause between commands (the think time travels on the level line) answer all the same.
                assertThat(users.level(2, 4, 5).millis()).hasSize(4);
                assertThat(users.level(1, 0, 0).millis()).isEmpty();
            } finally {
                bot.close();
            }
        }
    }

    @Test
    void latenciesSurviveTheLineFormat() {
        List<Double> values = List.of(0.5, 12.25, 3001.125);
        assertThat(UsersJvm.parse(UsersJvm.format(values))).isEqualTo(values);
        assertThat(UsersJvm.parse(UsersJvm.format(List.of()))).isEmpty();
    }
}
