package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;
import org.paperscout.commands.Commands;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Reply;
import org.paperscout.digest.AlertsCommand;
import org.paperscout.digest.DigestCommand;
import org.paperscout.digest.DigestConfig;
import org.paperscout.digest.DigestContent;
import org.paperscout.digest.DigestJob;
import org.paperscout.digest.DigestStore;
import org.paperscout.discord.local.Fault;
import org.paperscout.recommend.EmergingReply;
import org.paperscout.recommend.EmergingTopics;
import org.paperscout.recommend.TrendingWindow;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.LocalJda;
import org.paperscout.discord.local.RecordedCall;
import org.paperscout.i18n.Messages;
import org.paperscout.store.Database;
import org.paperscout.store.SeenStore;
import org.paperscout.store.StoreConfig;
import org.paperscout.store.TestClock;

/**
 * Digests through the real JDA client against the local Discord: the job's clock is a test clock kept near real
 * time (message ids and Discord's nonce window follow the server's real clock).
 */
class DigestDiscordTest {

    @TempDir
    Path dir;
    LocalDiscord discord;
    LocalJda bot;
    Database db;
    TestClock clock;
    DigestStore store;
    DigestJob job;
    Commands commands;

    void start(int extraChannels) {
        start(extraChannels, "en-US");
    }

    /** With the server's preferred locale (and its users') {@code locale}. */
    void start(int extraChannels, String locale) {
        discord = LocalDiscord.builder().extraChannels(extraChannels).locale(locale).start();
        bot = LocalJda.connect(discord);
        clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
        db = Database.open(dir, StoreConfig.defaults(), clock);
        store = new DigestStore(db, clock);
        DiscordPublisher publisher = DiscordPublisher.forJda(bot.jda());
        DigestContent content = new ThreePapers();
        commands = new Commands(List.of(new DigestCommand(store, content, publisher, topic -> { },
                DigestConfig.defaults(), clock), new AlertsCommand(store, publisher, clock)), List.of());
        job = new DigestJob(store, content, new SeenStore(db, clock), publisher, DigestConfig.defaults(), clock);
    }

    @AfterEach
    void stop() {
        if (job != null) {
            job.close();
        }
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

    Reply set(String channelId, boolean canManage, String time) {
        Map<String, Object> options = new HashMap<>();
        options.put("channel", channelId);
        options.put("time", time);
        options.put("timezone", "UTC");
        return commands.run(new Invocation(discord.adminUserId(), "admin", discord.guildId(), discord.channelId(),
                null, "digest", "set", options, canManage));
    }

    /** A digest time two minutes from the test clock, and the clock moved just past it. */
    String dueSoon() {
        LocalTime t = LocalTime.ofInstant(clock.instant().plus(Duration.ofMinutes(2)), ZoneOffset.UTC);
        return String.format("%02d:%02d", t.getHour(), t.getMinute());
    }

    void passDueTime() {
        clock.advance(Duration.ofMinutes(3));
    }

    List<JsonNode> digestsIn(String channelId) {
        return discord.messagesIn(channelId).stream()
                .filter(m -> m.path("author").path("id").asText().equals(discord.botUserId()))
                .filter(m -> m.toString().contains("PaperScout digest")).toList();
    }

    @Test
    void aLostResponseAfterASuccessfulSendCreatesNoSecondMessage() {
        start(0);
        assertThat(set(discord.channelId(), true, dueSoon()).ephemeral()).isFalse();
        passDueTime();
        discord.inject(Fault.on("POST", "/channels/" + discord.channelId() + "/messages").dropResponse());
        job.runOnce();
        // Whether JDA's own retry or the job's next run (a few minutes on) completes it, there is one message.
        clock.advance(Duration.ofMinutes(5));
        job.runOnce();
        job.runOnce();
        List<JsonNode> digests = digestsIn(discord.channelId());
        assertThat(digests).hasSize(1);
        assertThat(discord.requests(c -> c.is("POST", "/channels/\\d+/messages"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(statusLine()).contains("3 papers");
        BotHarness.assertSchemaValid(discord);
        for (RecordedCall c : discord.requests(c -> c.is("POST", "/channels/\\d+/messages"))) {
            assertThat(c.json().path("enforce_nonce").asBoolean()).isTrue();
            assertThat(c.json().path("nonce").asText()).hasSizeLessThanOrEqualTo(25).startsWith("d");
            BotHarness.assertNoMentions(c);
        }
    }

    @Test
    void forbiddenDisablesTheChannelTellsTheAdminOnceAndTriesAtMostOnceADay() {
        start(0);
        set(discord.channelId(), true, dueSoon());
        passDueTime();
        discord.inject(Fault.on("POST", "/channels/" + discord.channelId() + "/messages").times(Integer.MAX_VALUE)
                .forbidden());
        for (int i = 0; i < 5; i++) {
            job.runOnce();
            clock.advance(Duration.ofMinutes(10));
        }
        assertThat(channelPosts()).isEqualTo(1);
        assertThat(statusLine()).contains("Paused").contains("permission");
        List<RecordedCall> dms = discord.requests(c -> c.is("POST", "/channels/16\\d+/messages"));
        assertThat(dms).hasSize(1);
        assertThat(dms.get(0).json().toString()).contains("paused");
        // The next two days: one attempt each, no second DM.
        for (int day = 0; day < 2; day++) {
            clock.advance(Duration.ofDays(1));
            for (int i = 0; i < 3; i++) {
                job.runOnce();
                clock.advance(Duration.ofMinutes(10));
            }
            clock.advance(Duration.ofMinutes(-30));
        }
        assertThat(channelPosts()).isEqualTo(3);
        assertThat(discord.requests(c -> c.is("POST", "/channels/16\\d+/messages"))).hasSize(1);
    }

    @Test
    void aSnoozedChannelGetsNothingThenOneCatchUpThroughDiscord() {
        start(0);
        set(discord.channelId(), true, dueSoon());
        passDueTime();
        job.runOnce();
        assertThat(digestsIn(discord.channelId())).hasSize(1);
        Reply snoozed = commands.run(new Invocation(discord.adminUserId(), "admin", discord.guildId(),
                discord.channelId(), null, "digest", "snooze", Map.of("days", 1L), true));
        assertThat(snoozed.text()).contains("snoozed for 1 day");
        assertThat(statusLine()).contains("Snoozed until");
        clock.advance(Duration.ofDays(1));
        job.runOnce();
        assertThat(digestsIn(discord.channelId())).as("snoozed day").hasSize(1);
        clock.advance(Duration.ofDays(1));
        job.runOnce();
        List<JsonNode> digests = digestsIn(discord.channelId());
        assertThat(digests).hasSize(2);
        assertThat(digests.get(1).toString()).contains("Catch-up").contains("While you were away: 3 papers");
        BotHarness.assertSchemaValid(discord);
    }

    @Test
    void theWeeklyEmergingAlertGoesOutOncePerWeekWithFollowButtons() {
        start(0);
        JsonNode alert = weeklyAlert();
        JsonNode button = alert.path("components").get(0).path("components").get(0);
        assertThat(button.path("label").asText()).isEqualTo("Follow “state space models”");
        // The sparkline went up as a file of the multipart post and shows in the header embed.
        assertThat(alert.path("attachments").get(0).path("filename").asText()).isEqualTo(EmergingReply.SPARKLINES_FILE);
        assertThat(alert.path("embeds").get(0).path("image").path("url").asText())
                .isEqualTo("attachment://" + EmergingReply.SPARKLINES_FILE);
        List<RecordedCall> posts = discord.requests(c -> c.is("POST", "/channels/\\d+/messages")
                && c.json() != null && c.json().toString().contains("PaperScout emerging topics"));
        assertThat(posts).hasSize(1);
        List<RecordedCall.Part> files = posts.get(0).files();
        assertThat(files).hasSize(1);
        java.awt.image.BufferedImage png = org.paperscout.charts.ChartPixels.decode(files.get(0).content());
        assertThat(png.getHeight()).isEqualTo(org.paperscout.charts.SparklineChart.height(1));
        assertThat(org.paperscout.charts.ChartPixels.bars(png, org.paperscout.charts.Palette.BLUE)).isEqualTo(2);
        assertThat(org.paperscout.charts.ChartPixels.bars(png, org.paperscout.charts.Palette.ORANGE)).isEqualTo(1);
        BotHarness.assertSchemaValid(discord);
        BotHarness.assertNoMentions(discord.requests(c -> c.is("POST", "/channels/\\d+/messages")).get(0));
    }

    @Test
    void aFrenchServersEmergingAlertIsInFrenchWithTheTopicAndMarkerAsTheyAre() {
        start(0, "fr");
        JsonNode alert = weeklyAlert();
        Messages fr = Messages.of(Locale.FRENCH);
        JsonNode embed = alert.path("embeds").get(0);
        assertThat(embed.path("title").asText()).isEqualTo(fr.get("emerging.title", "when",
                TrendingWindow.WEEK.phrase(fr)));
        assertThat(alert.path("embeds").toString()).contains(fr.get("card.why"), "state space models")
                .doesNotContain("this week", "the week before");
        assertThat(embed.path("footer").path("text").asText()).endsWith("PaperScout emerging topics "
                + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).with(java.time.DayOfWeek.MONDAY));
        assertThat(alert.path("components").get(0).path("components").get(0).path("label").asText())
                .isEqualTo(fr.get("recommend.follow-button", "topic", "state space models"));
        BotHarness.assertSchemaValid(discord);
    }

    /** Turns the alert on, runs the job through the next Monday's and twice more that week: one alert. */
    private JsonNode weeklyAlert() {
        Reply on = commands.run(new Invocation(discord.adminUserId(), "admin", discord.guildId(),
                discord.channelId(), null, "alerts", "emerging", Map.of("state", "on"), true));
        assertThat(on.text()).contains("every Monday at 09:00 UTC");
        // To the next Monday 09:01 UTC, then twice more in that week.
        java.time.ZonedDateTime monday = clock.instant().atZone(ZoneOffset.UTC).toLocalDate()
                .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY))
                .atTime(9, 1).atZone(ZoneOffset.UTC);
        clock.advance(Duration.between(clock.instant(), monday.toInstant()));
        job.runOnce();
        clock.advance(Duration.ofHours(30));
        job.runOnce();
        List<JsonNode> alerts = discord.messagesIn(discord.channelId()).stream()
                .filter(m -> m.toString().contains("PaperScout emerging topics")).toList();
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }

    private long channelPosts() {
        return discord.requests(c -> c.is("POST", "/channels/" + discord.channelId() + "/messages")).size();
    }

    private String statusLine() {
        return commands.run(new Invocation(discord.adminUserId(), "admin", discord.guildId(), discord.channelId(),
                null, "digest", "status", Map.of(), true)).text();
    }

    @Test
    void setIsRefusedWithoutManageServerAndInAChannelTheBotCannotPostIn() {
        start(0);
        Reply member = set(discord.channelId(), false, "09:00");
        assertThat(member.ephemeral()).isTrue();
        assertThat(member.text()).contains("Manage Server");
        Reply readOnly = set(discord.readOnlyChannelId(), true, "09:00");
        assertThat(readOnly.ephemeral()).isTrue();
        assertThat(readOnly.text()).contains("Send Messages").contains("Embed Links").doesNotContain("View Channel");
        assertThat(statusLine()).contains("No digests");
    }

    @Test
    void aThousandChannelsDueInTheSameMinuteAreAllDeliveredPacedWithoutA429() {
        int n = 1000;
        start(n);
        String time = dueSoon();
        for (int i = 0; i < n; i++) {
            assertThat(set(discord.extraChannelId(i), true, time).ephemeral()).isFalse();
        }
        passDueTime();
        discord.clearRecorded();
        DigestJob.RunSummary summary = job.runOnce();
        assertThat(summary.sent()).isEqualTo(n);
        List<RecordedCall> posts = discord.requests(c -> c.is("POST", "/channels/\\d+/messages"));
        assertThat(posts).hasSize(n).allMatch(c -> c.status() == 200);
        assertThat(discord.requests(c -> c.status() == 429)).isEmpty();
        for (int i = 0; i < n; i++) {
            assertThat(digestsIn(discord.extraChannelId(i))).hasSize(1);
        }
        // Paced: the job releases 40 a second evenly; arrival jitter through JDA's queue can bunch a few, but no
        // one-second window reaches Discord's global limit of 50.
        List<Long> at = new ArrayList<>(posts.stream().map(RecordedCall::receivedNanos).sorted().toList());
        int worst = 0;
        for (int i = 0, j = 0; i < at.size(); i++) {
            while (at.get(i) - at.get(j) >= 1_000_000_000L) {
                j++;
            }
            worst = Math.max(worst, i - j + 1);
        }
        assertThat(worst).isLessThan(50);
        System.out.printf("1000 channels delivered through JDA + local Discord in %.1f s (max %d requests/s)%n",
                (at.get(at.size() - 1) - at.get(0)) / 1e9, worst);
    }

    /** Three papers for every window, every topic. */
    static final class ThreePapers implements DigestContent {
        @Override
        public Ranked trending(Instant since, Instant until, String topic, int offset, int limit) {
            List<Pick> picks = new ArrayList<>();
            for (int i = offset; i < Math.min(3, offset + limit); i++) {
                picks.add(new Pick(new Paper("2401.0000" + i, "Paper " + i + " @everyone",
                        "First sentence of paper " + i + ". Second sentence.", List.of("A. Author"), List.of("cs.LG"),
                        java.time.LocalDate.of(2024, 1, 1), new PaperLinks("https://arxiv.org/abs/2401.0000" + i,
                        "https://arxiv.org/pdf/2401.0000" + i, null), 3, "seed"), List.of("trending today")));
            }
            return new Ranked(picks, 3);
        }

        @Override
        public Ranked recommended(String userId, Set<String> exclude, Instant until, int limit) {
            return Ranked.EMPTY;
        }

        @Override
        public Reply emergingTopics(Locale locale) {
            List<Paper> papers = trending(Instant.EPOCH, Instant.EPOCH, null, 0, 3).picks().stream()
                    .map(Pick::paper).toList();
            return EmergingReply.of(Messages.of(locale),
                    List.of(new EmergingTopics.Topic("state space models", 7, 1, 4, 0.5, papers,
                            List.of(0, 1, 0, 1, 7))),
                    TrendingWindow.WEEK).build();
        }
    }
}
