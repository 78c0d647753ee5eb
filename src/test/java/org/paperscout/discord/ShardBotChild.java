package org.paperscout.discord;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.paperscout.commands.Invocation;
import org.paperscout.config.Settings;

/**
 * One bot process for {@link ShardingProcessesTest}: the production {@link DiscordBot} with the fake commands,
 * running the shards given as arguments against a local Discord. Prints {@code guilds <ids>} once online, and on
 * end of input {@code ran <guild id>} per command it ran, then stops.
 * Arguments: data folder, REST URL, gateway URL, shards, shard total.
 */
public final class ShardBotChild {

    private ShardBotChild() {
    }

    public static void main(String[] args) throws Exception {
        DiscordConfig config = DiscordConfig.from(Settings.of(Map.of("discord.rest-url", args[1],
                "discord.gateway-url", args[2], "discord.shards", args[3], "discord.shards-total", args[4],
                "discord.cooldown-commands", "1000")));
        FakeCommands fakes = new FakeCommands();
        DiscordBot bot = new DiscordBot(config, BotHarness.TOKEN, Path.of(args[0]));
        bot.start(fakes.commands(), ids -> { });
        TreeSet<String> guilds = new TreeSet<>();
        bot.shardManager().getGuildCache().forEach(g -> guilds.add(g.getId()));
        System.out.println("guilds " + String.join(",", guilds));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // runs until the parent closes our input
            }
        }
        for (Invocation inv : fakes.invocations) {
            System.out.println("ran " + inv.guildId());
        }
        System.out.flush();
        bot.close();
    }
}
