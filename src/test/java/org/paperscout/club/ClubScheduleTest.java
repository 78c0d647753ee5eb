package org.paperscout.club;

import static org.assertj.core.api.Assertions.assertThat;

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

/** /club schedule: a weekly pick per channel, posted exactly once per week through a run ledger and a nonce. */
@ParameterizedClass
@EnumSource(Engine.class)
class ClubScheduleTest {

    static final String GUILD = "1300000000000000001";
    static final String CHANNEL = "1300000000000000010";
    static final String ADMIN = "1400000000000000001";

    @Parameter
    Engine engine;

    @TempDir
    Path dir;
    TestClock clock;
    Database db;
    ClubStore store;
    FakeClubChannels channels;
    ClubJob job;
    Commands commands;

    @BeforeEach
    void open() {
        // Monday 2 March 2026, 07:00 UTC = 08:00 in Berlin.
        clock = TestClock.at("2026-03-02T07:00:00Z");
        db = engine.open(dir, clock);
        store = new ClubStore(db, clock);
        channels = new FakeClubChannels();
        Map<String, Paper> papers = new LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            String id = "2403.0000" + i;
            papers.put(id, new Paper(id, "Weekly candidate " + i, "", List.of(), List.of(), null, null, 0, "seed"));
        }
        ClubCommand club = new ClubCommand(store, channels, id -> Optional.ofNullable(papers.get(id)),
                (inv, limit) -> inv.userId().equals(ADMIN) ? List.of("2403.00006", "2403.00004", "2403.00002")
                        : List.of(),
                (inv, limit) -> List.copyOf(papers.keySet()), clock);
        job = new ClubJob(store, channels, club, clock, Duration.ofMinutes(1));
        commands = new Commands(List.of(club), List.of());
    }

    @AfterEach
    void close() {
        job.close();
        db.close();
    }

    private Reply schedule(boolean manage, Map<String, Object> options) {
        return commands.run(new Invocation(ADMIN, "ada", GUILD, CHANNEL, Locale.ENGLISH, "club",
                "schedule", options, manage, null, List.of()));
    }

    @Test
    void aWeeklyPickIsPostedOncePerWeekAtItsLocalTime() {
        Reply set = schedule(true, Map.of("day", "monday", "time", "09:00", "timezone", "Europe/Berlin"));
        assertThat(set.text()).startsWith("Weekly pick set: every week here a poll of 5 papers from this week's "
                + "trending papers, open for 2 days; the first one ");

        job.runOnce();
        assertThat(channels.polls).as("09:00 in Berlin is 08:00 UTC: not yet").isEmpty();

        clock.advance(Duration.ofHours(1));
        job.runOnce();
        job.runOnce();
        assertThat(channels.polls).as("once, however often the job runs").singleElement()
                .satisfies(p -> assertThat(p.poll().answers()).hasSize(5));
        assertThat(store.runs().state(CHANNEL, LocalDate.of(2026, 3, 2))).contains("sent");

        clock.advance(Duration.ofDays(7));
        job.runOnce();
        assertThat(channels.polls).as("the next Monday").hasSize(2);
    }

    @Test
    void aRunLeftPendingIsPostedAgainWithItsNonceOnceItsLeaseEnds() {
        schedule(true, Map.of("day", "monday", "time", "08:00", "timezone", "Europe/Berlin"));
        clock.advance(Duration.ofDays(7));
        LocalDate week = LocalDate.of(2026, 3, 9);
        String nonce = WeeklyPicks.nonce(CHANNEL, week);
        assertThat(nonce).hasSize(25).startsWith("c20260309");
        // The previous process claimed the week and posted the poll, then died before recording it.
        store.runs().claim(GUILD, CHANNEL, week, "pending", nonce, List.of("2403.00001", "2403.00002"));
        channels.nonces.put(nonce, "777");

        job.runOnce();
        assertThat(store.runs().state(CHANNEL, week)).as("held by its claim's lease").contains("pending");
        clock.advance(WeeklyRuns.LEASE.plusSeconds(1));
        job.runOnce();

        assertThat(channels.polls).as("Discord answered the nonce with the first poll").isEmpty();
        assertThat(store.runs().state(CHANNEL, week)).contains("sent");
        assertThat(store.running(GUILD, CHANNEL).orElseThrow().messageId()).isEqualTo("777");
    }

    @Test
    void aWeekPastItsGraceIsMissedAndARunningPickSkipsTheWeek() {
        schedule(true, Map.of("day", "monday", "time", "09:00", "timezone", "UTC"));
        clock.advance(Duration.ofDays(8).plusHours(3));
        job.runOnce();
        assertThat(store.runs().state(CHANNEL, LocalDate.of(2026, 3, 2))).as("before it was set: not owed").isEmpty();
        assertThat(channels.polls).isEmpty();
        assertThat(store.runs().state(CHANNEL, LocalDate.of(2026, 3, 9))).as("a day late").contains("missed");

        clock.advance(Duration.ofDays(6));
        commands.run(new Invocation("1400000000000000001", "ada", GUILD, CHANNEL, Locale.ENGLISH, "club", "pick",
                Map.of("days", 7L), true, null, List.of()));
        clock.advance(Duration.ofHours(1));
        job.runOnce();
        assertThat(store.runs().state(CHANNEL, LocalDate.of(2026, 3, 16))).contains("skipped");
        assertThat(channels.polls).hasSize(1);
    }

    @Test
    void scheduleNeedsManageServerAndClearInputAndOffStopsIt() {
        assertThat(schedule(false, Map.of("day", "monday", "time", "09:00", "timezone", "UTC")).text())
                .contains("Manage Server");
        assertThat(schedule(true, Map.of("day", "monday", "time", "9 pm", "timezone", "UTC")).text())
                .startsWith("Give a weekday, a time and a time zone");
        assertThat(schedule(true, Map.of("day", "monday", "time", "09:00", "timezone", "Mars/Olympus")).text())
                .startsWith("Give a weekday, a time and a time zone");
        assertThat(schedule(true, Map.of("day", "off")).text()).startsWith("This channel has no weekly pick.");

        schedule(true, Map.of("day", "monday", "time", "09:00", "timezone", "UTC"));
        assertThat(schedule(true, Map.of("day", "off")).text()).isEqualTo("The weekly pick in this channel is off.");
        clock.advance(Duration.ofDays(1));
        job.runOnce();
        assertThat(channels.polls).isEmpty();
    }

    @Test
    void aScheduleTakesPicksOptionsKeepsThemAndShowsThem() {
        Reply set = schedule(true, Map.of("day", "monday", "time", "09:00", "timezone", "Europe/Berlin",
                "candidates", 3L, "from", "library", "days", 4L));
        assertThat(set.text()).startsWith("Weekly pick set: every week here a poll of 3 papers from the library of "
                + "<@" + ADMIN + ">, open for 4 days;");

        Reply status = schedule(true, Map.of());
        assertThat(status.ephemeral()).isTrue();
        assertThat(status.text()).startsWith("Weekly pick here: every Monday at 09:00 (Europe/Berlin), a poll of 3 "
                + "papers from the library of <@" + ADMIN + ">, open for 4 days; the next one ");

        clock.advance(Duration.ofHours(1));
        job.runOnce();
        assertThat(channels.polls).singleElement().satisfies(p -> {
            assertThat(p.poll().answers()).as("the admin's library, in its order")
                    .containsExactly("Weekly candidate 6", "Weekly candidate 4", "Weekly candidate 2");
            assertThat(p.poll().duration()).isEqualTo(Duration.ofDays(4));
        });
        assertThat(store.running(GUILD, CHANNEL).orElseThrow().endsAt())
                .isEqualTo(clock.instant().plus(Duration.ofDays(4)));
    }

    @Test
    void aScheduleWithBadOptionsSaysWhichAndKeepsNothing() {
        assertThat(schedule(true, Map.of("day", "monday", "time", "09:00", "timezone", "UTC", "candidates", 11L))
                .text()).startsWith("candidates must be from 2 to 10");
        assertThat(schedule(true, Map.of("day", "monday", "time", "09:00", "timezone", "UTC", "days", 8L))
                .text()).startsWith("days must be from 1 to 7");
        assertThat(schedule(true, Map.of("day", "monday", "time", "09:00", "timezone", "UTC", "from", "arxiv"))
                .text()).startsWith("from is digest, library or trending");
        assertThat(schedule(true, Map.of()).text()).as("status without a schedule")
                .startsWith("This channel has no weekly pick.");
        assertThat(store.schedules()).isEmpty();
    }

    @Test
    void aWeeklyPickFromTheChannelsDigestsThatFindsTooFewSkipsTheWeek() {
        schedule(true, Map.of("day", "monday", "time", "09:00", "timezone", "UTC", "from", "digest"));
        clock.advance(Duration.ofHours(2).plusMinutes(1));
        job.runOnce();
        assertThat(channels.polls).as("no digest was sent in this channel").isEmpty();
        assertThat(store.runs().state(CHANNEL, LocalDate.of(2026, 3, 2))).contains("skipped");
    }
}
