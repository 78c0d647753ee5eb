package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.config.Settings;
import org.paperscout.discord.local.Interaction;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.UserKind;
import org.paperscout.ops.Telemetry;

/**
 * What only Discord sees, counted through JDA and the local Discord: a quick answer is the first answer, slow
 * work is acknowledged first (deferred) and answered by an edit, and a user going too fast meets the cooldown.
 */
class DiscordMetricsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void firstAnswersAcknowledgementsAndCooldownsAreCountedByCommand(@TempDir Path dataDir) {
        Telemetry metrics = Telemetry.prometheus();
        FakeCommands fakes = new FakeCommands();
        try (LocalDiscord discord = LocalDiscord.start()) {
            DiscordConfig config = DiscordConfig.from(Settings.of(Map.of("discord.rest-url", discord.restBaseUrl(),
                    "discord.gateway-url", discord.gatewayUrl(), "discord.cooldown-commands", "2")));
            try (DiscordBot bot = new DiscordBot(config, BotHarness.TOKEN, dataDir)) {
                bot.start(fakes.commands(metrics), guilds -> { });
                Interaction quick = discord.slash(UserKind.MEMBER, "search", Option.string("query", "memorization"));
                discord.awaitFirstAnswer(quick, WAIT);
                Interaction slow = discord.slash(UserKind.MEMBER, "slowsearch", Option.string("query", "x"));
                discord.awaitOriginalEdit(slow, WAIT);
                Interaction tooFast = discord.slash(UserKind.MEMBER, "search", Option.string("query", "again"));
                discord.awaitFirstAnswer(tooFast, WAIT);
            }
        }
        String scrape = metrics.scrape();
        assertThat(value(scrape, "paperscout_interactions_total{command=\"search\",outcome=\"answered\"}"))
                .isEqualTo(1);
        assertThat(value(scrape, "paperscout_interactions_total{command=\"slowsearch\",outcome=\"deferred\"}"))
                .isEqualTo(1);
        assertThat(value(scrape, "paperscout_interactions_total{command=\"slowsearch\",outcome=\"answered\"}"))
                .isEqualTo(1);
        assertThat(value(scrape, "paperscout_interactions_total{command=\"search\",outcome=\"cooldown\"}"))
                .isEqualTo(1);
        assertThat(value(scrape, "paperscout_interaction_first_answer_seconds_count{command=\"search\"}"))
                .isEqualTo(1);
        assertThat(value(scrape, "paperscout_interaction_first_answer_seconds_count{command=\"slowsearch\"}"))
                .isEqualTo(1);
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
