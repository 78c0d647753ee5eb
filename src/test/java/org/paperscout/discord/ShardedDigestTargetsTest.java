package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.digest.DigestDays;
import org.paperscout.digest.DigestTarget;
import org.paperscout.discord.local.LocalDiscord;

/**
 * With the shards split over processes on one store, a process claims only the channel digests it can post: those of
 * servers on its own shards. Every process serves DMs (any shard opens a DM).
 */
class ShardedDigestTargetsTest {

    @Test
    void aProcessServesTheChannelDigestsOfItsOwnShardsAndEveryDm(@TempDir Path dir) {
        try (LocalDiscord discord = LocalDiscord.builder().extraGuilds(7).recommendedShards(2).start()) {
            BotHarness h = new BotHarness(discord, dir, Map.of("discord.shards", "0", "discord.shards-total", "2"))
                    .start();
            try {
                DiscordPublisher publisher = new DiscordPublisher(h.bot);
                int ours = 0;
                int theirs = 0;
                for (String guild : discord.guildIds()) {
                    boolean onShardZero = ShardSelection.shardOf(Long.parseLong(guild), 2) == 0;
                    assertThat(publisher.serves(channel(discord.channelIdOf(guild), guild))).as(guild)
                            .isEqualTo(onShardZero);
                    ours += onShardZero ? 1 : 0;
                    theirs += onShardZero ? 0 : 1;
                }
                assertThat(ours).as("guilds on this process's shard").isPositive();
                assertThat(theirs).as("guilds on the other process's shard").isPositive();
                DigestTarget dm = new DigestTarget(DigestTarget.Kind.DM, discord.memberUserId(), null,
                        LocalTime.of(9, 0), ZoneOffset.UTC, DigestDays.EVERY_DAY, null, 5, false, Instant.EPOCH, null,
                        null, false);
                assertThat(publisher.serves(dm)).isTrue();
            } finally {
                h.bot.close();
            }
        }
    }

    private static DigestTarget channel(String channelId, String guildId) {
        return new DigestTarget(DigestTarget.Kind.CHANNEL, channelId, guildId, LocalTime.of(9, 0), ZoneOffset.UTC,
                DigestDays.EVERY_DAY, null, 5, false, Instant.EPOCH, null, "1", false);
    }
}
