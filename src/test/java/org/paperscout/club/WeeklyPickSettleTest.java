package org.paperscout.club;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.Commands;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Reply;
import org.paperscout.store.Database;
import org.paperscout.store.Engine;
import org.paperscout.store.TestClock;

/**
 * A weekly pick left pending by a crash is settled like a digest: after its lease, by one process, which looks for
 * the poll in the channel before posting it again. Discord's nonce window is over in every scene here (the fake
 * forgets its nonces on "restart"), so only the lookup stands between a crash and a second poll.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class WeeklyPickSettleTest {

    static final String GUILD = "1300000000000000001";
    static final String CHANNEL = "1300000000000000010";
    /** Monday 9 March 2026, the first week the schedule below owes. */
    static final LocalDate WEEK = LocalDate.of(2026, 3, 9);

    @Parameter
    Engine engine;

    @TempDir
    Path dir;
    TestClock clock;
    Database db;
    FakeClubChannels discord;
    final Map<String, Paper> papers = new LinkedHashMap<>();

    /** One running bot: its own store object (so its own claimant id), command and job over the shared database. */
    final class Process implements AutoCloseable {
        final ClubStore store = new ClubStore(db, clock);
        final ClubCommand club;
        final ClubJob job;

        Process(ClubChannels channels) {
            club = new ClubCommand(store, channels, id -> Optional.ofNullable(papers.get(id)),
                    (inv, limit) -> List.of(), (inv, limit) -> List.copyOf(papers.keySet()), clock);
            job = new ClubJob(store, channels, club, clock, Duration.ofMinutes(1));
        }

        Reply run(String sub, Map<String, Object> options) {
            return new Commands(List.of(club), List.of()).run(new Invocation("1400000000000000001", "ada", GUILD,
                    CHANNEL, Locale.ENGLISH, "club", sub, options, true, null, List.of()));
        }

        @Override
        public void close() {
            job.close();
        }
    }

    /** Discord accepts the poll, then the process dies before it records the poll's id. */
    final class PostsThenCrashes extends FakeClubChannels {
        @Override
        public String postPoll(String guildId, String channelId, ClubPoll poll, String nonce) {
            discord.postPoll(guildId, channelId, poll, nonce);
            throw new IllegalStateException("killed between posting the poll and recording it");
        }
    }

    @BeforeEach
    void open() {
        clock = TestClock.at("2026-03-02T07:00:00Z");
        db = engine.open(dir, clock);
        discord = new FakeClubChannels();
        for (int i = 1; i <= 6; i++) {
            String id = "2403.0000" + i;
            papers.put(id, new Paper(id, "Weekly candidate " + i, "", List.of(), List.of(), null, null, 0, "seed"));
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** The schedule is set, the clock moved just past the week's 09:00 UTC, and a process crashes posting it. */
    private void crashWhilePosting() {
        try (Process first = new Process(new PostsThenCrashes())) {
            first.run("schedule", Map.of("day", "monday", "time", "09:00", "timezone", "UTC"));
            clock.advance(Duration.ofDays(7).plusHours(2).plusMinutes(1));
            assertThatThrownBy(first.job::runOnce).hasMessageContaining("killed");
        }
        assertThat(discord.polls).as("the crashed process did post it").hasSize(1);
        discord.nonces.clear(); // Discord's enforce_nonce window is a few minutes; the restart comes later
    }

    @Test
    void aPollPostedBeforeACrashIsFoundAfterTheRestartAndRecordedNotPostedAgain() {
        crashWhilePosting();
        String posted = discord.polls.get(0).id();
        assertThat(discord.polls.get(0).poll().question()).endsWith(WeeklyPicks.marker(WEEK));

        try (Process restarted = new Process(discord)) {
            restarted.job.runOnce();
            assertThat(discord.lookups).as("the dead process's lease still holds").isZero();

            clock.advance(WeeklyRuns.LEASE.plusSeconds(1));
            restarted.job.runOnce();
            restarted.job.runOnce();

            assertThat(discord.polls).as("exactly one poll in the channel").hasSize(1);
            assertThat(discord.lookups).isEqualTo(1);
            assertThat(restarted.store.runs().run(CHANNEL, WEEK).orElseThrow())
                    .satisfies(r -> assertThat(r.state()).isEqualTo("sent"))
                    .satisfies(r -> assertThat(r.messageId()).isEqualTo(posted));
            Pick pick = restarted.store.running(GUILD, CHANNEL).orElseThrow();
            assertThat(pick.messageId()).isEqualTo(posted);
            assertThat(pick.candidates()).as("the papers of the poll that went out, in answer order")
                    .containsExactly("2403.00001", "2403.00002", "2403.00003", "2403.00004", "2403.00005");
        }
    }

    @Test
    void aClaimWhosePollNeverWentOutIsPostedOnceWithTheClaimedPapersAndItsNonce() {
        try (Process first = new Process(discord)) {
            first.run("schedule", Map.of("day", "monday", "time", "09:00", "timezone", "UTC"));
        }
        clock.advance(Duration.ofDays(7).plusHours(2).plusMinutes(1));
        String nonce = WeeklyPicks.nonce(CHANNEL, WEEK);
        // The previous process claimed the week (with its papers) and died before posting.
        try (Process dead = new Process(discord)) {
            assertThat(dead.store.runs().claim(GUILD, CHANNEL, WEEK, "pending", nonce,
                    List.of("2403.00006", "2403.00004"))).isTrue();
        }
        clock.advance(WeeklyRuns.LEASE.plusSeconds(1));

        try (Process restarted = new Process(discord)) {
            restarted.job.runOnce();
            restarted.job.runOnce();
        }

        assertThat(discord.polls).singleElement().satisfies(p -> assertThat(p.poll().answers())
                .containsExactly("Weekly candidate 6", "Weekly candidate 4"));
        assertThat(discord.nonces).containsEntry(nonce, discord.polls.get(0).id());
    }

    @Test
    void aWeekOneProcessIsSettlingIsLeftAloneByAnotherUntilItsLeaseEnds() {
        crashWhilePosting();
        clock.advance(WeeklyRuns.LEASE.plusSeconds(1));
        try (Process a = new Process(discord); Process b = new Process(discord)) {
            assertThat(a.store.runs().takeOver(CHANNEL, WEEK)).as("a starts settling").isTrue();
            assertThat(b.store.runs().takeOver(CHANNEL, WEEK)).as("exactly one wins").isFalse();
            b.job.runOnce();
            assertThat(discord.lookups).as("b neither looks nor posts while a holds the week").isZero();

            // a dies mid-settle; once its lease is over, b finishes the week.
            clock.advance(WeeklyRuns.LEASE.plusSeconds(1));
            b.job.runOnce();
            assertThat(b.store.runs().state(CHANNEL, WEEK)).contains("sent");
        }
        assertThat(discord.lookups).isEqualTo(1);
        assertThat(discord.polls).hasSize(1);
    }

    @Test
    void anUnreadableChannelLeavesTheWeekPendingAndPostsNothingUntilItCanLook() {
        crashWhilePosting();
        clock.advance(WeeklyRuns.LEASE.plusSeconds(1));
        try (Process restarted = new Process(discord)) {
            discord.unreadable = true;
            restarted.job.runOnce();
            assertThat(restarted.store.runs().state(CHANNEL, WEEK)).contains("pending");
            assertThat(discord.polls).hasSize(1);

            discord.unreadable = false;
            restarted.job.runOnce();
            assertThat(discord.lookups).as("not before its own lease ends").isZero();
            clock.advance(WeeklyRuns.LEASE.plusSeconds(1));
            restarted.job.runOnce();
            assertThat(restarted.store.runs().state(CHANNEL, WEEK)).contains("sent");
            assertThat(discord.polls).hasSize(1);
        }
    }

    @Test
    void aPendingWeekStillUnsettledAfterItsGraceIsMissedNotPosted() {
        try (Process first = new Process(discord)) {
            first.run("schedule", Map.of("day", "monday", "time", "09:00", "timezone", "UTC"));
        }
        clock.advance(Duration.ofDays(7).plusHours(2));
        try (Process dead = new Process(discord)) {
            dead.store.runs().claim(GUILD, CHANNEL, WEEK, "pending", WeeklyPicks.nonce(CHANNEL, WEEK),
                    List.of("2403.00001", "2403.00002"));
        }
        clock.advance(Duration.ofHours(24).plusMinutes(30));
        try (Process restarted = new Process(discord)) {
            restarted.job.runOnce();
            assertThat(restarted.store.runs().state(CHANNEL, WEEK)).contains("missed");
        }
        assertThat(discord.polls).isEmpty();
        assertThat(discord.lookups).as("looked first: it might have gone out").isEqualTo(1);
    }
}
