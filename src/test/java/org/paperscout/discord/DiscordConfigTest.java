package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperscout.config.ConfigException;
import org.paperscout.config.Settings;

class DiscordConfigTest {

    @Test
    void defaultsTalkToDiscordItself() {
        DiscordConfig c = DiscordConfig.from(Settings.of(Map.of()));
        assertThat(c.restUrl()).isNull();
        assertThat(c.gatewayUrl()).isNull();
        assertThat(c.devGuild()).isNull();
        assertThat(c.customGateway()).isFalse();
        assertThat(c.workers()).isEqualTo(4);
        assertThat(c.deferAfter()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.ephemeralCommands()).contains("library", "following").doesNotContain("search");
    }

    @Test
    void restUrlGetsTheApiSuffixOnce() {
        for (String given : new String[] {"http://127.0.0.1:8080", "http://127.0.0.1:8080/",
                "http://127.0.0.1:8080/api/v10", "http://127.0.0.1:8080/api/v10/"}) {
            DiscordConfig c = DiscordConfig.from(Settings.of(Map.of("discord.rest-url", given)));
            assertThat(c.restUrl()).as(given).isEqualTo("http://127.0.0.1:8080/api/v10/");
        }
    }

    @Test
    void badValuesFailWithOneLineNamingTheKey() {
        assertThatThrownBy(() -> DiscordConfig.from(Settings.of(Map.of("discord.gateway-url", "http://x:1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("discord.gateway-url")
                .hasMessageContaining("PAPERSCOUT_DISCORD_GATEWAY_URL");
        assertThatThrownBy(() -> DiscordConfig.from(Settings.of(Map.of("discord.dev-guild", "my-server"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("discord.dev-guild");
        assertThatThrownBy(() -> DiscordConfig.from(Settings.of(Map.of("discord.defer-after", "5s"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("discord.defer-after");
        assertThatThrownBy(() -> DiscordConfig.from(Settings.of(Map.of("discord.workers", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("discord.workers");
    }

    @Test
    void theCommittedPropertiesFileGivesTheDefaults() {
        DiscordConfig fromFile = DiscordConfig.from(Settings.load(java.nio.file.Path.of("config/paperscout.properties"),
                Map.of()));
        assertThat(fromFile).isEqualTo(DiscordConfig.from(Settings.of(Map.of())));
    }

    @Test
    void environmentOverridesTheFile() {
        Settings s = Settings.load(null, Map.of("PAPERSCOUT_DISCORD_GATEWAY_URL", "ws://127.0.0.1:9/gateway",
                "PAPERSCOUT_DISCORD_DEV_GUILD", "123456789012345678"));
        DiscordConfig c = DiscordConfig.from(s);
        assertThat(c.gatewayUrl()).isEqualTo("ws://127.0.0.1:9/gateway");
        assertThat(c.devGuild()).isEqualTo("123456789012345678");
        assertThat(c.customGateway()).isTrue();
    }

    @Test
    void shardsAreAllByDefaultAndParsedFromRangesAndLists() {
        assertThat(DiscordConfig.from(Settings.of(Map.of())).shards()).isEqualTo(ShardSelection.all());
        assertThat(DiscordConfig.from(Settings.of(Map.of("discord.shards", "0-3", "discord.shards-total", "8")))
                .shards()).isEqualTo(new ShardSelection(java.util.List.of(0, 1, 2, 3), 8));
        assertThat(DiscordConfig.from(Settings.of(Map.of("discord.shards", "3, 1", "discord.shards-total", "4")))
                .shards()).isEqualTo(new ShardSelection(java.util.List.of(1, 3), 4));
        assertThat(DiscordConfig.from(Settings.of(Map.of("discord.shards", "all", "discord.shards-total", "2")))
                .shards()).isEqualTo(new ShardSelection(java.util.List.of(), 2));
    }

    @Test
    void theDigestSendRateIsSplitByTheShardsEachProcessRuns() {
        // The three processes of bench shards: together exactly the bot's whole rate, never more.
        double[] parts = java.util.stream.Stream.of("0-5", "6-10", "11-15")
                .mapToDouble(spec -> DiscordConfig.from(Settings.of(Map.of("discord.shards", spec,
                        "discord.shards-total", "16"))).shards().part()).toArray();
        assertThat(parts).containsExactly(6 / 16.0, 5 / 16.0, 5 / 16.0);
        assertThat(ShardSelection.all().part()).isEqualTo(1);
        assertThat(DiscordConfig.from(Settings.of(Map.of("discord.shards", "all", "discord.shards-total", "16")))
                .shards().part()).isEqualTo(1);
    }

    @Test
    void badShardSelectionsSayWhatToWriteInstead() {
        assertThatThrownBy(() -> DiscordConfig.from(Settings.of(Map.of("discord.shards", "0-1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("discord.shards")
                .hasMessageContaining("discord.shards-total as well");
        assertThatThrownBy(() -> DiscordConfig.from(Settings.of(Map.of("discord.shards", "2-5", "discord.shards-total", "4"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("shard 5 does not exist");
        assertThatThrownBy(() -> DiscordConfig.from(Settings.of(Map.of("discord.shards", "3-1", "discord.shards-total", "4"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("write it as 1-3");
        assertThatThrownBy(() -> DiscordConfig.from(Settings.of(Map.of("discord.shards", "first two", "discord.shards-total", "4"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("0-3, 1,3 or all");
        assertThatThrownBy(() -> DiscordConfig.from(Settings.of(Map.of("discord.shards-total", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("discord.shards-total");
    }

    @Test
    void aGuildBelongsToTheShardOfItsTimestampBits() {
        // Discord's documented example: shard_id = (guild_id >> 22) % num_shards.
        assertThat(ShardSelection.shardOf(41771983423143937L, 4)).isEqualTo((int) ((41771983423143937L >> 22) % 4));
        assertThat(ShardSelection.shardOf(5L << 22, 4)).isEqualTo(1);
        assertThat(ShardSelection.shardOf(5L << 22, 1)).isZero();
    }
}
