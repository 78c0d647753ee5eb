package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
import org.paperscout.commands.Action;
import org.paperscout.commands.Commands;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.Reply;
import org.paperscout.store.Database;
import org.paperscout.store.Engine;
import org.paperscout.store.SeenStore;
import org.paperscout.store.TestClock;

/** The weekly emerging-topics alert through the digest job, ledger and nonces, on both engines. */
@ParameterizedClass
@EnumSource(Engine.class)
class EmergingAlertsTest {

    @Parameter
    Engine engine;

    /** Monday 2 March 2026, 06:00 UTC: the week's alert is due at 09:00 UTC. */
    static final Instant MONDAY_MORNING = Instant.parse("2026-03-02T06:00:00Z");

    @TempDir
    Path dir;
    TestClock clock;
    Database db;
    DigestStore store;
    FakePublisher publisher;
    FakeContent content;
    DigestJob job;
    Commands commands;

    @BeforeEach
    void open() {
        clock = new TestClock(MONDAY_MORNING);
        db = engine.open(dir, clock);
        store = new DigestStore(db, clock);
        publisher = new FakePublisher();
        content = new FakeContent();
        content.emerging = topics();
        job = new DigestJob(store, content, new SeenStore(db, clock), publisher, DigestConfig.defaults(), clock,
                Pacer.NONE);
        commands = new Commands(List.of(new AlertsCommand(store, publisher, clock),
                new DigestCommand(store, content, publisher, topic -> { }, DigestConfig.defaults(), clock)), List.of());
    }

    @AfterEach
    void close() {
        job.close();
        db.close();
    }

    /** One emerging topic with its Follow button, as EmergingReply builds it. */
    static Reply topics() {
        PaperCard card = new PaperCard(FakeContent.paper("e1"), 1, org.paperscout.search.Snippet.EMPTY, false,
                List.of("emerging: “state space models”, 7 papers this week, 1 the week before"), List.of());
        return Reply.builder().title("Emerging topics this week").cards(List.of(card))
                .row(List.of(Action.of("Follow “state space models”",
                        ComponentId.of("follow-topic", "state space models"))))
                .footer("Phrases whose share of new papers rose at least threefold")
                .attachment(new org.paperscout.commands.Attachment("emerging.png", "image/png", new byte[] {1, 2, 3}))
                .build();
    }

    Reply alerts(String state, String channel, boolean canManage) {
        Map<String, Object> options = new HashMap<>();
        options.put("state", state);
        options.put("channel", channel);
        return commands.run(new Invocation("admin", "admin", null, null, null, "alerts", "emerging", options,
                canManage));
    }

    void runFor(Duration span) {
        Instant end = clock.instant().plus(span);
        while (clock.instant().isBefore(end)) {
            clock.advance(Duration.ofMinutes(30));
            job.runOnce();
        }
    }

    @Test
    void oneAlertPerWeekWithItsFollowButtonsAndNoneOnceOff() {
        assertThat(alerts("on", "lab", true).text()).contains("posted in #lab every Monday at 09:00 UTC");
        runFor(Duration.ofHours(4)); // past Monday 09:00 UTC
        List<FakePublisher.Message> sent = publisher.messagesFor("emerging:lab");
        assertThat(sent).hasSize(1);
        Reply alert = sent.get(0).reply();
        assertThat(alert.title()).isEqualTo("Emerging topics this week");
        assertThat(alert.rows().get(0).get(0).label()).isEqualTo("Follow “state space models”");
        assertThat(alert.footer()).endsWith("PaperScout emerging topics 2026-03-02");
        assertThat(alert.attachment()).as("the sparkline goes out with the alert").isNotNull()
                .extracting(org.paperscout.commands.Attachment::fileName).isEqualTo("emerging.png");

        runFor(Duration.ofDays(3)); // more ticks in the same week
        job.runOnce();
        assertThat(publisher.messagesFor("emerging:lab")).as("once per week").hasSize(1);

        runFor(Duration.ofDays(4)); // past next Monday 09:00 UTC
        assertThat(publisher.messagesFor("emerging:lab")).hasSize(2);
        assertThat(store.ledger().history("emerging:lab")).extracting(Delivery::date, Delivery::state)
                .containsExactly(tuple(LocalDate.of(2026, 3, 2), Delivery.State.SENT),
                        tuple(LocalDate.of(2026, 3, 9), Delivery.State.SENT));
        assertThat(publisher.messagesFor("emerging:lab").get(1).nonce())
                .isEqualTo(Nonces.of("emerging:lab", LocalDate.of(2026, 3, 9)))
                .isNotEqualTo(publisher.messagesFor("emerging:lab").get(0).nonce());

        assertThat(commands.run(new Invocation("admin", "admin", null, null, null, "digest", "status", Map.of(),
                true)).text()).contains("#lab: emerging topics every Monday").contains("Last: 1 paper,");
        assertThat(alerts("off", "lab", true).text()).contains("alerts in #lab are off");
        runFor(Duration.ofDays(7));
        assertThat(publisher.messagesFor("emerging:lab")).as("off stops it").hasSize(2);
    }

    @Test
    void aWeekWithNoEmergingTopicIsSkippedNotPosted() {
        content.emerging = null;
        alerts("on", "lab", true);
        runFor(Duration.ofHours(4));
        assertThat(publisher.messagesFor("emerging:lab")).isEmpty();
        assertThat(store.ledger().delivery("emerging:lab", LocalDate.of(2026, 3, 2)).orElseThrow().state())
                .isEqualTo(Delivery.State.SKIPPED);
        content.emerging = topics();
        runFor(Duration.ofDays(7));
        assertThat(publisher.messagesFor("emerging:lab")).hasSize(1);
    }

    @Test
    void turnedOnAfterThisWeeksTimeTheFirstAlertIsNextWeeks() {
        clock.advance(Duration.ofHours(4)); // Monday 10:00 UTC
        alerts("on", "lab", true);
        runFor(Duration.ofDays(1));
        assertThat(publisher.messagesFor("emerging:lab")).isEmpty();
        assertThat(store.ledger().history("emerging:lab")).as("not owed, so not missed").isEmpty();
        runFor(Duration.ofDays(6));
        assertThat(publisher.messagesFor("emerging:lab")).hasSize(1);
    }

    @Test
    void badInputAndNonAdminsGetOneClearLine() {
        assertThat(alerts("on", "lab", false).text())
                .isEqualTo("You need the Manage Server permission to use /alerts.");
        assertThat(alerts("off", "lab", true).text()).isEqualTo("#lab has no emerging-topics alert. Start one with "
                + "/alerts emerging state:on.");
        assertThat(alerts("maybe", "lab", true).text()).doesNotContain("\n").contains("on or off");
        assertThat(store.alert("lab")).isEmpty();
    }
}
