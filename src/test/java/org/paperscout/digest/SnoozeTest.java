package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperscout.commands.Commands;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Reply;
import org.paperscout.privacy.PrivacyStore;
import org.paperscout.store.Database;
import org.paperscout.store.Engine;
import org.paperscout.store.SeenStore;
import org.paperscout.store.TestClock;

/**
 * Snooze and catch-up end to end on both engines: the commands as the console runs them, the store, and the job
 * under a controlled clock.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class SnoozeTest {

    @Parameter
    Engine engine;

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Monday 2 March 2026, 06:00 UTC (07:00 in Berlin). */
    static final Instant MONDAY_MORNING = Instant.parse("2026-03-02T06:00:00Z");
    static final String USER = "u1";

    @TempDir
    Path dir;
    TestClock clock;
    Database db;
    DigestStore store;
    FakePublisher publisher;
    DigestJob job;
    Commands commands;

    @BeforeEach
    void open() {
        clock = new TestClock(MONDAY_MORNING);
        db = engine.open(dir, clock);
        store = new DigestStore(db, clock);
        publisher = new FakePublisher();
        job = new DigestJob(store, new FakeContent(), new SeenStore(db, clock), publisher, DigestConfig.defaults(),
                clock, Pacer.NONE);
        commands = new Commands(List.of(
                new DigestCommand(store, new FakeContent(), publisher, topic -> { }, DigestConfig.defaults(), clock),
                new NotifyCommand(store, clock)), List.of());
    }

    @AfterEach
    void close() {
        job.close();
        db.close();
    }

    /** As the console runs it: no server, no channel, Manage Server held. */
    Reply console(String command, String sub, Object... options) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put((String) options[i], options[i + 1]);
        }
        return commands.run(new Invocation(USER, "you", null, null, null, command, sub, map, true));
    }

    Reply german(String command, String sub, Object... options) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put((String) options[i], options[i + 1]);
        }
        return commands.run(new Invocation(USER, "you", null, null, java.util.Locale.GERMAN, command, sub, map, true));
    }

    @Test
    void notifyAnswersInGermanForAGermanClientWithItsPluralsAndErrors() {
        assertThat(german("notify", "resume").text())
                .isEqualTo("Du hast keine tägliche DM. Starte eine mit /notify daily time:08:30 timezone:Europe/Berlin.");
        assertThat(german("notify", "daily", "time", "8 Uhr", "timezone", "Europe/Berlin").text())
                .isEqualTo("„8 Uhr“ ist keine Uhrzeit, die ich verstehe. Nimm 24-Stunden-Format HH:mm, z. B. 08:30.");
        assertThat(german("notify", "daily", "time", "08:30", "timezone", "Mars/Olympus").text())
                .startsWith("„Mars/Olympus“ ist keine Zeitzone, die ich kenne.");
        assertThat(german("notify", "daily", "time", "08:30", "timezone", "Europe/Berlin").text())
                .startsWith("Deine täglichen Paper kommen jeden Tag um 08:30 Europe/Berlin per DM, zum ersten Mal ")
                .endsWith("Stopp mit /notify off.");
        assertThat(german("notify", "snooze", "days", 1L).text()).startsWith("Deine tägliche DM pausiert 1 Tag, bis ");
        assertThat(german("notify", "snooze", "days", 3L).text()).startsWith("Deine tägliche DM pausiert 3 Tage, bis ");
        assertThat(german("notify", "snooze", "days", 40L).text()).isEqualTo("Eine Pause dauert 1 bis 30 Tage; versuch days:7.");
        assertThat(german("notify", "resume").text()).startsWith("Willkommen zurück! Deine Zusammenfassung kommt ");
        assertThat(german("notify", "off").text()).isEqualTo("Deine tägliche DM ist aus. Schalte sie mit /notify daily wieder ein.");
        assertThat(console("notify", "off").text()).startsWith("You have no daily DM set up.");
    }

    @Test
    void digestAnswersInGermanWithTheChannelTokensAndTypedValuesKept() {
        assertThat(german("digest", "set", "channel", "papers", "time", "09:00", "timezone", "Europe/Berlin",
                "days", "weekdays").text())
                .startsWith("Täglicher Digest für #papers eingerichtet: werktags um 09:00 Europe/Berlin, 5 Paper. ")
                .endsWith("Die Konsole gibt ihn hier aus, solange sie läuft.");
        assertThat(german("digest", "set", "channel", "papers", "time", "09:00", "timezone", "UTC", "size", 11L).text())
                .isEqualTo("Ein Digest zeigt 3 bis 10 Paper; versuch size:5.");
        assertThat(german("digest", "snooze", "channel", "papers", "days", 2L).text())
                .startsWith("Der Digest in #papers pausiert 2 Tage, bis ");
        String status = german("digest", "status").text();
        assertThat(status).startsWith("#papers: werktags um 09:00 Europe/Berlin, 5 Paper\n💤 Pausiert bis ")
                .contains("(/digest resume beendet die Pause früher).\nNächster: ", "\nLetzter: noch keiner");
        assertThat(german("digest", "off", "channel", "lab").text()).startsWith("#lab hat keinen Digest.");
        assertThat(german("digest", "off", "channel", "papers").text()).isEqualTo(
                "Der tägliche Digest in #papers ist aus. Richte ihn jederzeit wieder mit /digest set ein.");
    }

    @Test
    void theDailyDmIsWrittenInTheLanguageStoredByNotifyDailyAndEnglishWithoutOne() {
        assertThat(german("notify", "daily", "time", "08:30", "timezone", "Europe/Berlin").text()).startsWith("Deine");
        assertThat(store.dmLocale(USER)).isEqualTo(java.util.Locale.GERMAN);
        runFor(Duration.ofHours(4));
        Reply dm = publisher.messagesFor("dm:" + USER).get(0).reply();
        assertThat(dm.title()).startsWith("Deine Paper · ").doesNotContain("Your papers");
        assertThat(dm.locale()).isEqualTo(java.util.Locale.GERMAN);

        // An update that carries no language (a DM set up before V86) keeps the stored one.
        store.saveDm(USER, java.time.LocalTime.of(8, 30), java.time.ZoneId.of("Europe/Berlin"), clock.instant());
        assertThat(store.dmLocale(USER)).isEqualTo(java.util.Locale.GERMAN);
        assertThat(console("notify", "daily", "time", "08:30", "timezone", "Europe/Berlin").text()).startsWith("Your");
        assertThat(store.dmLocale(USER)).isEqualTo(java.util.Locale.ENGLISH);
        assertThat(store.dmLocale("nobody")).isEqualTo(java.util.Locale.ENGLISH);
    }

    void runFor(Duration span) {
        Instant end = clock.instant().plus(span);
        while (clock.instant().isBefore(end)) {
            clock.advance(Duration.ofMinutes(15));
            job.runOnce();
        }
    }

    void setUpDigests() {
        assertThat(console("digest", "set", "channel", "papers", "time", "09:00", "timezone", "Europe/Berlin").text())
                .contains("Daily digest set for #papers");
        assertThat(console("notify", "daily", "time", "08:30", "timezone", "Europe/Berlin").text())
                .contains("every day at 08:30");
    }

    @Test
    void aThreeDaySnoozeSendsNothingThenOneCatchUpOfTheAbsenceThenDailyAgain() {
        setUpDigests();
        runFor(Duration.ofHours(4)); // Monday's digests, 08:30 and 09:00 Berlin
        assertThat(publisher.messagesFor("channel:papers")).hasSize(1);
        assertThat(publisher.messagesFor("dm:" + USER)).hasSize(1);

        assertThat(console("digest", "snooze", "channel", "papers", "days", 3L).text())
                .contains("#papers is snoozed for 3 days");
        assertThat(console("notify", "snooze", "days", 3L).text()).contains("snoozed for 3 days");
        assertThat(console("digest", "status").text()).contains("Snoozed until").contains("/digest resume");

        runFor(Duration.ofDays(3).plusHours(20)); // to Friday 06:00 UTC, before Friday's digests
        assertThat(publisher.messagesFor("channel:papers")).as("nothing while snoozed").hasSize(1);
        assertThat(publisher.messagesFor("dm:" + USER)).hasSize(1);

        runFor(Duration.ofHours(4)); // Friday's: the catch-ups
        List<FakePublisher.Message> channel = publisher.messagesFor("channel:papers");
        assertThat(channel).hasSize(2);
        Reply catchUp = channel.get(1).reply();
        assertThat(channel.get(1).date()).isEqualTo(LocalDate.of(2026, 3, 6));
        assertThat(catchUp.title()).startsWith("Catch-up");
        // FakeContent has three papers per UTC day of the window: Monday 09:00 to Friday 09:00 is four days.
        assertThat(catchUp.text()).contains("While you were away: 12 papers; here are the best.");
        assertThat(catchUp.cards()).hasSize(DeliveryPolicy.CATCH_UP_SIZE);
        assertThat(catchUp.cards().get(0).paper().id()).isEqualTo("t2026-03-02x0");
        Reply dmCatchUp = publisher.messagesFor("dm:" + USER).get(1).reply();
        assertThat(dmCatchUp.text()).contains("While you were away: 12 papers; here are the best.");
        assertThat(dmCatchUp.cards()).hasSize(DeliveryPolicy.CATCH_UP_SIZE);
        // The days away have no ledger row: neither sent nor missed.
        assertThat(store.ledger().history("channel:papers")).extracting(Delivery::date, Delivery::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 3, 2), Delivery.State.SENT),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 3, 6), Delivery.State.SENT));
        assertThat(store.channel("papers").orElseThrow().snooze()).as("over once caught up").isNull();
        assertThat(store.dm(USER).orElseThrow().snooze()).isNull();

        runFor(Duration.ofDays(1)); // Saturday: an ordinary digest again
        List<FakePublisher.Message> after = publisher.messagesFor("channel:papers");
        assertThat(after).hasSize(3);
        assertThat(after.get(2).reply().title()).startsWith("Daily digest");
        assertThat(after.get(2).reply().text()).doesNotContain("While you were away");
        // Its window starts at the catch-up: Friday's three papers only.
        assertThat(after.get(2).reply().cards()).extracting(c -> c.paper().id())
                .containsExactly("t2026-03-06x0", "t2026-03-06x1", "t2026-03-06x2");
        assertThat(publisher.messagesFor("dm:" + USER)).hasSize(3);
        assertThat(publisher.messagesFor("dm:" + USER).get(2).reply().cards()).hasSize(DigestComposer.DM_SIZE);
    }

    @Test
    void resumingEarlyMakesTheNextDigestTheCatchUp() {
        setUpDigests();
        runFor(Duration.ofHours(4));
        console("digest", "snooze", "channel", "papers", "days", 10L);
        runFor(Duration.ofDays(2)); // to Wednesday 10:00 UTC, Wednesday's digest snoozed
        assertThat(publisher.messagesFor("channel:papers")).hasSize(1);
        assertThat(console("digest", "resume", "channel", "papers").text()).contains("#papers is back");
        assertThat(console("digest", "resume", "channel", "papers").text()).contains("isn't snoozed");
        runFor(Duration.ofDays(1)); // Thursday
        List<FakePublisher.Message> channel = publisher.messagesFor("channel:papers");
        assertThat(channel).hasSize(2);
        assertThat(channel.get(1).date()).isEqualTo(LocalDate.of(2026, 3, 5));
        // Monday 09:00 to Thursday 09:00 (three UTC days, three papers each).
        assertThat(channel.get(1).reply().text()).contains("While you were away: 9 papers");
        assertThat(console("notify", "resume").text()).contains("isn't snoozed");
    }

    @Test
    void theStoreKeepsAnAbsencesStartAndClearsOnlyTheSnoozeThatWasCaughtUp() {
        store.saveDm(USER, LocalTime.of(8, 30), BERLIN, clock.instant());
        Instant start = clock.instant();
        Instant end = start.plus(Duration.ofDays(3));
        assertThat(store.snooze(DigestTarget.Kind.DM, USER, start, end)).isTrue();
        assertThat(store.snooze(DigestTarget.Kind.DM, "nobody", start, end)).isFalse();
        assertThat(store.dm(USER).orElseThrow().snooze()).isEqualTo(new DigestTarget.Snooze(start, end));

        // Snoozed again a day later for longer: the catch-up still covers the whole absence.
        Instant later = start.plus(Duration.ofDays(1));
        store.snooze(DigestTarget.Kind.DM, USER, later, later.plus(Duration.ofDays(5)));
        DigestTarget t = store.dm(USER).orElseThrow();
        assertThat(t.snooze()).isEqualTo(new DigestTarget.Snooze(start, later.plus(Duration.ofDays(5))));

        // A catch-up settled for an older end leaves the newer snooze alone.
        store.endSnooze(t.withSnooze(new DigestTarget.Snooze(start, end)));
        assertThat(store.dm(USER).orElseThrow().snooze()).isNotNull();

        assertThat(store.resume(DigestTarget.Kind.DM, USER, later)).isTrue();
        assertThat(store.dm(USER).orElseThrow().snooze().until()).isEqualTo(later);
        assertThat(store.resume(DigestTarget.Kind.DM, USER, later)).as("already over").isFalse();
        store.endSnooze(store.dm(USER).orElseThrow());
        assertThat(store.dm(USER).orElseThrow().snooze()).isNull();
    }

    @Test
    void myDataShowsTheSnoozeAndForgetMeRemovesIt() {
        setUpDigests();
        console("notify", "snooze", "days", 5L);
        PrivacyStore privacy = new PrivacyStore(db);
        Map<String, Object> row = privacy.export(USER).get("dm_digests").get(0);
        assertThat(row.get("snoozed_at")).isEqualTo(MONDAY_MORNING.toString());
        assertThat(row.get("snooze_ends_at")).isEqualTo(
                LocalDate.of(2026, 3, 7).atStartOfDay(BERLIN).toInstant().toString());
        privacy.forget(USER);
        assertThat(store.dm(USER)).isEmpty();
        assertThat(console("notify", "snooze", "days", 5L).text()).contains("You have no daily DM to snooze");
    }

    @Test
    void badInputGetsOneClearLine() {
        setUpDigests();
        for (long days : new long[] {0, 31}) {
            for (Reply r : List.of(console("notify", "snooze", "days", days),
                    console("digest", "snooze", "channel", "papers", "days", days))) {
                assertThat(r.text()).isEqualTo("A snooze lasts 1 to 30 days; try days:7.");
                assertThat(r.ephemeral()).isTrue();
            }
        }
        Reply member = commands.run(new Invocation(USER, "you", "g1", "c1", null, "digest", "snooze",
                Map.of("days", 3L), false));
        assertThat(member.text()).isEqualTo("You need the Manage Server permission to use /digest.");
        assertThat(console("digest", "snooze", "channel", "nowhere", "days", 3L).text())
                .contains("#nowhere has no digest").doesNotContain("\n");
        assertThat(store.channel("papers").orElseThrow().snooze()).isNull();
        assertThat(store.dm(USER).orElseThrow().snooze()).isNull();
        // The alerts' weekly cadence is not a digest's.
        assertThat(console("digest", "set", "channel", "papers", "time", "09:00", "timezone", "Europe/Berlin",
                "days", "mondays").text()).isEqualTo("days can be “every day” or “weekdays”.");
    }
}
