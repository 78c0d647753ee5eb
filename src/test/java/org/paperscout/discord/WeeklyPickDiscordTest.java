package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;
import org.paperscout.club.ClubChannels;
import org.paperscout.club.ClubCommand;
import org.paperscout.club.ClubJob;
import org.paperscout.club.ClubPoll;
import org.paperscout.club.ClubStore;
import org.paperscout.commands.Commands;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Reply;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.LocalJda;
import org.paperscout.discord.local.RecordedCall;
import org.paperscout.store.Database;
import org.paperscout.store.StoreConfig;
import org.paperscout.store.TestClock;

/**
 * A weekly pick through the real JDA client against the local Discord: the process dies between Discord accepting
 * the poll and the store recording it; after the restart (and after Discord's nonce window) the bot finds the poll in
 * the channel's history and records it, so the channel holds exactly one.
 */
class WeeklyPickDiscordTest {

    @TempDir
    Path dir;
    LocalDiscord discord;
    LocalJda bot;
    Database db;
    final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    final Map<String, Paper> papers = new LinkedHashMap<>();

    /** Discord accepts the poll, then the process dies before recording it. */
    record PostsThenCrashes(ClubChannels discord) implements ClubChannels {
        @Override
        public String openThread(String guildId, String channelId, String messageId, String name, Reply first) {
            return discord.openThread(guildId, channelId, messageId, name, first);
        }

        @Override
        public String postPoll(String guildId, String channelId, ClubPoll poll, String nonce) {
            discord.postPoll(guildId, channelId, poll, nonce);
            throw new IllegalStateException("killed between posting the poll and recording it");
        }

        @Override
        public Optional<String> findPoll(String guildId, String channelId, String nonce, String marker,
                                         Instant since) {
            return discord.findPoll(guildId, channelId, nonce, marker, since);
        }

        @Override
        public Optional<List<Integer>> endPoll(String guildId, String channelId, String messageId) {
            return discord.endPoll(guildId, channelId, messageId);
        }

        @Override
        public String post(String guildId, String channelId, Reply message) {
            return discord.post(guildId, channelId, message);
        }

        @Override
        public boolean serves(String guildId) {
            return discord.serves(guildId);
        }
    }

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
        if (discord != null) {
            discord.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private ClubJob process(ClubChannels channels, Map<String, Object> schedule) {
        ClubStore store = new ClubStore(db, clock);
        ClubCommand club = new ClubCommand(store, channels, id -> Optional.ofNullable(papers.get(id)),
                (inv, limit) -> List.of(), (inv, limit) -> List.copyOf(papers.keySet()), clock);
        if (schedule != null) {
            Reply set = new Commands(List.of(club), List.of()).run(new Invocation(discord.adminUserId(), "admin",
                    discord.guildId(), discord.channelId(), Locale.ENGLISH, "club", "schedule", schedule, true, null,
                    List.of()));
            assertThat(set.text()).startsWith("Weekly pick set");
        }
        return new ClubJob(store, channels, club, clock, Duration.ofMinutes(1));
    }

    private List<JsonNode> polls() {
        return discord.messagesIn(discord.channelId()).stream().filter(m -> m.path("poll").isObject()).toList();
    }

    @Test
    void aPollPostedJustBeforeACrashIsFoundAfterTheRestartAndNotPostedAgain() {
        discord = LocalDiscord.builder().clock(clock).start();
        bot = LocalJda.connect(discord);
        db = Database.open(dir, StoreConfig.defaults(), clock);
        for (int i = 1; i <= 4; i++) {
            String id = "2405.0000" + i;
            papers.put(id, new Paper(id, "Weekly paper " + i, "", List.of(), List.of(), null, null, 0, "seed"));
        }
        DiscordClubChannels channels = DiscordClubChannels.forJda(bot.jda());
        Instant due = clock.instant().plus(Duration.ofMinutes(2));
        Map<String, Object> schedule = Map.of("day",
                due.atZone(ZoneOffset.UTC).getDayOfWeek().name().toLowerCase(Locale.ROOT),
                "time", LocalTime.ofInstant(due, ZoneOffset.UTC).toString(), "timezone", "UTC");

        try (ClubJob crashing = process(new PostsThenCrashes(channels), schedule)) {
            clock.advance(Duration.ofMinutes(3));
            assertThatThrownBy(crashing::runOnce).hasMessageContaining("killed");
        }
        assertThat(polls()).as("Discord has the poll the dead process never recorded").hasSize(1);
        String posted = polls().get(0).path("id").asText();

        // The restart comes after the dead process's lease and after Discord's nonce window.
        clock.advance(LocalDiscord.NONCE_WINDOW.plusMinutes(1));
        try (ClubJob restarted = process(channels, null)) {
            restarted.runOnce();
            restarted.runOnce();
        }

        assertThat(polls()).as("exactly one poll in the channel").singleElement()
                .satisfies(p -> assertThat(p.path("id").asText()).isEqualTo(posted));
        assertThat(discord.requests(c -> c.is("POST", "/channels/\\d+/messages"))).as("never posted again")
                .hasSize(1);
        assertThat(discord.requests(c -> c.is("GET", "/channels/\\d+/messages"))).isNotEmpty();
        assertThat(runRow()).isEqualTo("sent " + posted);
        assertThat(pickRecorded(posted)).isTrue();
        RecordedCall post = discord.requests(c -> c.is("POST", "/channels/\\d+/messages")).get(0);
        assertThat(post.json().path("enforce_nonce").asBoolean()).isTrue();
        assertThat(post.json().path("nonce").asText()).hasSize(25).startsWith("c");
        assertThat(post.json().path("poll").path("question").path("text").asText())
                .startsWith("Which paper should we read next? · PaperScout weekly pick ");
        BotHarness.assertSchemaValid(discord);
    }

    private String runRow() {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT state, message_id FROM club_schedule_runs");
                 ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) + " " + rs.getString(2) : "none";
            }
        });
    }

    private boolean pickRecorded(String messageId) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM club_picks WHERE message_id = ?")) {
                p.setString(1, messageId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() && rs.getInt(1) == 1;
                }
            }
        });
    }
}
