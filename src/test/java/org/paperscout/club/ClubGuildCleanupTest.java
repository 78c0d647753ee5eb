package org.paperscout.club;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperscout.store.Database;
import org.paperscout.store.Engine;
import org.paperscout.store.TestClock;

/** A server the bot leaves takes its club rows along (threads, picks, role, schedules, runs); others keep theirs. */
@ParameterizedClass
@EnumSource(Engine.class)
class ClubGuildCleanupTest {

    static final String GONE = "1300000000000000001";
    static final String KEPT = "1300000000000000002";
    static final List<String> TABLES = List.of("club_threads", "club_picks", "club_settings", "club_schedules",
            "club_schedule_runs");

    @Parameter
    Engine engine;

    @TempDir
    Path dir;
    TestClock clock;
    Database db;
    ClubStore store;

    @BeforeEach
    void open() {
        clock = TestClock.at("2026-03-02T07:00:00Z");
        db = engine.open(dir, clock);
        store = new ClubStore(db, clock);
        fill(GONE, "10");
        fill(KEPT, "20");
        fill(Discussions.CONSOLE, "30");
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** One row of each kind for a server, its channels numbered from {@code prefix}. */
    private void fill(String guild, String prefix) {
        String channel = "14000000000000000" + prefix;
        store.saveThread(guild, channel, "2403.00001", "15000000000000000" + prefix);
        store.savePick(new Pick("16000000000000000" + prefix, guild, channel, List.of("2403.00001", "2403.00002"),
                clock.instant(), clock.instant().plus(Duration.ofDays(2)), null, null, null));
        store.setPickRole(guild, "17000000000000000" + prefix);
        store.saveSchedule(new Schedule(channel, guild, DayOfWeek.MONDAY, LocalTime.NOON, ZoneOffset.UTC,
                clock.instant()));
        store.runs().claim(guild, channel, LocalDate.of(2026, 3, 2), "sent", "n" + prefix, List.of());
        // A run written before V87 knew its server: found through its channel's schedule.
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO club_schedule_runs (channel_id, local_date, "
                    + "state, nonce, created_at, updated_at) VALUES (?, '2026-02-23', 'sent', ?, 0, 0)")) {
                p.setString(1, channel);
                p.setString(2, "old" + prefix);
                return p.executeUpdate();
            }
        });
    }

    /** Rows per table for a server's channel prefix (runs counted by channel: old ones have no server). */
    private List<Integer> rows(String guild, String prefix) {
        return TABLES.stream().map(t -> db.read(c -> {
            String where = t.equals("club_schedule_runs") ? "channel_id = ?" : "guild_id = ?";
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM " + t + " WHERE " + where)) {
                p.setString(1, t.equals("club_schedule_runs") ? "14000000000000000" + prefix : guild);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        })).toList();
    }

    @Test
    void leavingAServerDropsEveryClubRowOfThatServerOnly() {
        assertThat(rows(GONE, "10")).containsExactly(1, 1, 1, 1, 2);

        assertThat(store.removeGuild(GONE)).isEqualTo(6);

        assertThat(rows(GONE, "10")).containsExactly(0, 0, 0, 0, 0);
        assertThat(rows(KEPT, "20")).containsExactly(1, 1, 1, 1, 2);
        assertThat(store.removeGuild(Discussions.CONSOLE)).as("the console is no Discord server").isZero();
        assertThat(rows(Discussions.CONSOLE, "30")).containsExactly(1, 1, 1, 1, 2);
    }

    @Test
    void aFreshSessionDropsTheServersNoLongerListedButNeverOnAnEmptyList() {
        assertThat(store.retainGuilds(Set.of())).as("likelier a broken start than removal from everywhere").isZero();
        assertThat(rows(GONE, "10")).containsExactly(1, 1, 1, 1, 2);

        assertThat(store.retainGuilds(Set.of(KEPT))).isEqualTo(6);

        assertThat(rows(GONE, "10")).containsExactly(0, 0, 0, 0, 0);
        assertThat(rows(KEPT, "20")).containsExactly(1, 1, 1, 1, 2);
        assertThat(rows(Discussions.CONSOLE, "30")).containsExactly(1, 1, 1, 1, 2);
    }
}
