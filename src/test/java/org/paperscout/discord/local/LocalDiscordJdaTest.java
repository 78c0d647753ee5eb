package org.paperscout.discord.local;

import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LocalDiscordJdaTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void jdaReachesReadyWithTheGuildCachedAndAnswersASlashCommand() {
        try (LocalDiscord discord = LocalDiscord.start();
             LocalJda bot = LocalJda.connect(discord, new ListenerAdapter() {
                 @Override
                 public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                     event.reply("pong " + event.getOption("query").getAsString()).queue();
                 }
             })) {
            Guild guild = bot.jda().getGuildById(discord.guildId());
            assertThat(guild).isNotNull();
            Interaction i = discord.slash(UserKind.MEMBER, "search", Option.string("query", "diffusion"));
            RecordedCall answer = discord.awaitFirstAnswer(i, WAIT);
            System.out.println(answer);
            discord.requests().forEach(System.out::println);
            System.out.println(discord.schemaViolations());
        }
    }
}
