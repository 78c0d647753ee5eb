package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.discord.local.Interaction;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.UserKind;

/**
 * Two bot instances split four shards against one local Discord with eight guilds: every guild is served by exactly
 * one of them (the one running shard {@code (guild_id >> 22) % 4}), and an interaction in any guild is answered once,
 * by that instance. In one JVM; the instances share nothing but the local server.
 */
class ShardingEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void twoInstancesWithTwoShardsEachServeEveryGuildExactlyOnce(@TempDir Path a, @TempDir Path b) {
        try (LocalDiscord discord = LocalDiscord.builder().extraGuilds(7).recommendedShards(4).start()) {
            BotHarness first = new BotHarness(discord, a,
                    Map.of("discord.shards", "0-1", "discord.shards-total", "4")).start();
            BotHarness second = new BotHarness(discord, b,
                    Map.of("discord.shards", "2,3", "discord.shards-total", "4")).start();
            try {
                discord.awaitLiveShards(List.of(0, 1, 2, 3), WAIT);
                List<String> guilds = discord.guildIds();
                assertThat(guilds).hasSize(8);
                List<Integer> shardsUsed = new ArrayList<>();
                for (String guild : guilds) {
                    int shard = ShardSelection.shardOf(Long.parseLong(guild), 4);
                    shardsUsed.add(shard);
                    boolean inFirst = first.bot.shardManager().getGuildById(guild) != null;
                    boolean inSecond = second.bot.shardManager().getGuildById(guild) != null;
                    assertThat(List.of(inFirst, inSecond)).as("guild %s on shard %d", guild, shard)
                            .containsExactly(shard < 2, shard >= 2);
                }
                assertThat(shardsUsed).as("the fixture spreads guilds over every shard").contains(0, 1, 2, 3);

                for (String guild : guilds) {
                    Interaction i = discord.slashIn(guild, UserKind.MEMBER, "search", Option.string("query", "diffusion"));
                    BotHarness.assertAccepted(discord.awaitFirstAnswer(i, WAIT));
                }
                // Each instance ran exactly the commands of its own guilds, so no interaction was handled twice.
                for (BotHarness h : List.of(first, second)) {
                    List<String> ran = h.fakes.invocations.stream().map(inv -> inv.guildId()).sorted().toList();
                    List<String> own = guilds.stream().filter(g -> (ShardSelection.shardOf(Long.parseLong(g), 4) < 2)
                            == (h == first)).sorted().toList();
                    assertThat(ran).isEqualTo(own);
                }
                assertThat(discord.requests(c -> c.isInteractionCallback())).hasSize(guilds.size());

                // A network drop: every shard resumes its own session, and the shards still answer once.
                int resumesBefore = discord.resumeCount();
                discord.dropGateway();
                discord.awaitResumes(resumesBefore + 4, WAIT);
                assertThat(discord.readyCount()).as("no shard had to identify again").isEqualTo(4);
                String last = guilds.get(guilds.size() - 1);
                Interaction after = discord.slashIn(last, UserKind.MEMBER, "search", Option.string("query", "diffusion"));
                BotHarness.assertAccepted(discord.awaitFirstAnswer(after, WAIT));
                assertThat(discord.callbacksFor(after)).hasSize(1);
                discord.awaitLiveShards(List.of(0, 1, 2, 3), WAIT);
                assertThat(first.bot.shardStatus()).contains("Shard 0: connected, 2 servers, 1 resume")
                        .contains("Shard 1: connected").doesNotContain("Shard 2");
            } finally {
                second.bot.close();
                first.bot.close();
            }
        }
    }
}
