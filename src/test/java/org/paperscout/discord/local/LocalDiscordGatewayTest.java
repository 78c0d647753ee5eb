package org.paperscout.discord.local;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local Discord's gateway held to account by the real JDA 6.5.0 client: resume, reconnect, heartbeats, losing
 * the guild, login and shutdown.
 */
class LocalDiscordGatewayTest extends WithLocalDiscord {

    @Test
    @DisplayName("dropped gateway: JDA resumes, an interaction dispatched while it was away is replayed, and the next one works")
    void resumeAfterDrop() throws Exception {
        Events events = new Events();
        connect(events);

        discord.dropGateway();
        Interaction whileAway = discord.slash(UserKind.MEMBER, "help");
        discord.awaitResumes(1, WAIT);
        events.next(SlashCommandInteractionEvent.class).reply("replayed").queue();
        assertThat(discord.awaitFirstAnswer(whileAway, WAIT).status()).isEqualTo(200);

        Interaction after = discord.slash(UserKind.MEMBER, "help");
        events.next(SlashCommandInteractionEvent.class).reply("still here").queue();
        assertThat(discord.awaitFirstAnswer(after, WAIT).status()).isEqualTo(200);
        assertThat(discord.identifyCount()).isEqualTo(1);
        assertThat(discord.gatewayConnections()).isEqualTo(2);
    }

    @Test
    @DisplayName("op 7 makes JDA resume; op 9 (not resumable) makes it identify again")
    void reconnectAndInvalidSession() throws Exception {
        Events events = new Events();
        connect(events);

        discord.requestReconnect();
        discord.awaitResumes(1, WAIT);
        discord.invalidateSession(false);
        discord.awaitReadies(2, Duration.ofSeconds(15));
        Interaction i = discord.slash(UserKind.MEMBER, "help");
        events.next(SlashCommandInteractionEvent.class).reply("ok").queue();
        assertThat(discord.awaitFirstAnswer(i, WAIT).status()).isEqualTo(200);
        assertThat(discord.identifyCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("heartbeats are acknowledged: with a 100 ms interval JDA keeps its one connection")
    void heartbeatsAcknowledged() {
        discord.close();
        discord = LocalDiscord.builder().heartbeatInterval(Duration.ofMillis(100)).start();
        connect();
        discord.awaitGatewayReceived(frame -> frame.path("op").asInt() == 1, 5, WAIT);
        assertThat(discord.gatewayConnections()).isEqualTo(1);
        assertThat(discord.identifyCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("unacknowledged heartbeats make JDA drop the zombie connection and resume")
    void zombieConnection() {
        discord.close();
        discord = LocalDiscord.builder().heartbeatInterval(Duration.ofMillis(200)).start();
        connect();
        discord.acknowledgeHeartbeats(false);
        discord.awaitGatewayReceived(frame -> frame.path("op").asInt() == 6, 1, WAIT); // RESUME
        discord.acknowledgeHeartbeats(true);
        discord.awaitResumes(1, WAIT);
        assertThat(discord.identifyCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("kicked from the guild: JDA drops it at once, and a fresh session after an outage has no guild")
    void kickedFromGuild() throws Exception {
        BlockingQueue<String> left = new LinkedBlockingQueue<>();
        BlockingQueue<String> joined = new LinkedBlockingQueue<>();
        LocalJda bot = connect(new ListenerAdapter() {
            @Override
            public void onGuildLeave(net.dv8tion.jda.api.events.guild.GuildLeaveEvent e) {
                left.add(e.getGuild().getId());
            }

            @Override
            public void onGuildJoin(net.dv8tion.jda.api.events.guild.GuildJoinEvent e) {
                joined.add(e.getGuild().getId());
            }
        });
        discord.kickBotFromGuild();
        assertThat(left.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(discord.guildId());
        discord.invalidateSession(false);
        discord.awaitReadies(2, Duration.ofSeconds(15));
        assertThat(bot.jda().getGuilds()).isEmpty();
        discord.rejoinGuild();
        assertThat(joined.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(discord.guildId());
        assertThat(bot.jda().getGuildById(discord.guildId())).isNotNull();
    }

    @Test
    @DisplayName("a token the server rejects makes build() throw InvalidTokenException, with no gateway connection")
    void invalidToken() {
        discord.close();
        discord = LocalDiscord.builder().acceptedToken("the-right-token").start();
        assertThatThrownBy(() -> LocalJda.builder(discord, "a-wrong-token").build())
                .isInstanceOf(InvalidTokenException.class);
        assertThat(discord.gatewayConnections()).isZero();

        discord.inject(Fault.on("GET", "/users/@me").unauthorized());
        assertThatThrownBy(() -> LocalJda.builder(discord, "the-right-token").build())
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    @DisplayName("shutdown completes promptly because the server echoes the close frame")
    void quickShutdown() throws Exception {
        JDA jda = LocalJda.builder(discord, LocalJda.TOKEN).build().awaitReady();
        jda.shutdown();
        // Without the echoed close frame JDA waits about 5 s for it.
        assertThat(jda.awaitShutdown(3, TimeUnit.SECONDS)).isTrue();
        assertThat(jda.getStatus()).isEqualTo(JDA.Status.SHUTDOWN);
    }
}
