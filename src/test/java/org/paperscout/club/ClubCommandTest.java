package org.paperscout.club;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.paperscout.catalog.PaperLinks;
import org.paperscout.commands.Action;
import org.paperscout.commands.Commands;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.PaperCards;
import org.paperscout.commands.Reply;
import org.paperscout.store.Database;
import org.paperscout.store.Engine;
import org.paperscout.store.TestClock;

/** The paper club's commands, button and job over a real store (both engines) and a recording front end. */
@ParameterizedClass
@EnumSource(Engine.class)
class ClubCommandTest {

    static final String GUILD = "1300000000000000001";
    static final String CHANNEL = "1300000000000000010";
    static final String CARD_MESSAGE = "1500000000000000001";
    static final String ADMIN = "1400000000000000001";
    static final String MEMBER = "1400000000000000002";
    static final String READERS_ROLE = "1300000000000000201";

    @Parameter
    Engine engine;

    @TempDir
    Path dir;
    TestClock clock;
    Database db;
    ClubStore store;
    FakeClubChannels channels;
    Map<String, Paper> papers;
    List<String> trending;
    List<String> library;
    ClubJob job;
    Commands commands;

    @BeforeEach
    void open() {
        clock = TestClock.at("2026-03-02T10:00:00Z");
        db = engine.open(dir, clock);
        store = new ClubStore(db, clock);
        channels = new FakeClubChannels();
        papers = new LinkedHashMap<>();
        for (int i = 1; i <= 8; i++) {
            paper("2403.0000" + i, "Paper number " + i + " on reading groups");
        }
        trending = new ArrayList<>(papers.keySet());
        library = new ArrayList<>();
        ClubCommand club = new ClubCommand(store, channels, id -> Optional.ofNullable(papers.get(id)),
                (inv, limit) -> library, (inv, limit) -> trending, clock);
        job = new ClubJob(store, channels, club, clock, java.time.Duration.ofMinutes(1));
        commands = new Commands(List.of(club), List.of());
    }

    @AfterEach
    void close() {
        job.close();
        db.close();
    }

    private Paper paper(String id, String title) {
        Paper p = new Paper(id, title, "We study " + title + ". More follows.", List.of("Ada Lovelace"),
                List.of("cs.LG"), LocalDate.of(2026, 2, 1), new PaperLinks("https://arxiv.org/abs/" + id,
                "https://arxiv.org/pdf/" + id, null), 0, "seed");
        papers.put(id, p);
        return p;
    }

    private static Invocation in(String user, boolean manage, List<String> roles, String sub,
                                 Map<String, Object> options) {
        return new Invocation(user, "u", GUILD, CHANNEL, Locale.ENGLISH, "club", sub, options, manage, null, roles);
    }

    private Reply discuss(String paperId, String guild, String channel) {
        Invocation press = new Invocation(MEMBER, "max", guild, channel, Locale.ENGLISH, PaperCards.DISCUSS, null,
                Map.of(), false, CARD_MESSAGE, List.of());
        return commands.component(press, ComponentId.of(PaperCards.DISCUSS, paperId).encode());
    }

    private Reply pick(String user, boolean manage, List<String> roles, Map<String, Object> options) {
        return commands.run(in(user, manage, roles, "pick", options));
    }

    // ---------------------------------------------------------------- Discuss

    @Test
    void everyCardOffersDiscussAndAFullCardsSixButtonsStayWithinDiscordsRowOfFive() {
        List<Action> full = PaperCards.actions(Locale.ENGLISH, "2403.00001", false);
        assertThat(full).extracting(Action::label).contains("Discuss");
        assertThat(PaperCards.actions(Locale.GERMAN, "2403.00001", true)).extracting(Action::label)
                .contains("Diskutieren");
    }

    @Test
    void discussTwiceOpensOneThreadOnTheCardsMessageAndThenLinksIt() {
        Reply first = discuss("2403.00001", GUILD, CHANNEL);

        assertThat(channels.threads).hasSize(1);
        FakeClubChannels.Thread t = channels.threads.get(0);
        assertThat(t.messageId()).isEqualTo(CARD_MESSAGE);
        assertThat(t.name()).isEqualTo("Paper number 1 on reading groups");
        assertThat(t.firstPost().cards()).singleElement().satisfies(c -> {
            assertThat(c.paper().id()).isEqualTo("2403.00001");
            assertThat(c.actions()).extracting(Action::label).as("no Discuss inside the thread").doesNotContain("Discuss");
        });
        String link = "https://discord.com/channels/" + GUILD + "/" + t.id();
        assertThat(first.text()).isEqualTo("Discussion started: " + link);
        assertThat(first.ephemeral()).isTrue();

        Reply second = discuss("2403.00001", GUILD, CHANNEL);
        assertThat(channels.threads).as("the stored thread is reused").hasSize(1);
        assertThat(second.text()).isEqualTo("This paper already has a discussion here: " + link);

        discuss("2403.00001", GUILD, "1300000000000000011");
        assertThat(channels.threads).as("another channel gets its own thread").hasSize(2);
    }

    @Test
    void aLongTitleIsCutToDiscordsHundredCharacterThreadName() {
        String title = "A very long title about reading groups ".repeat(5).strip();
        paper("2403.00099", title);

        discuss("2403.00099", GUILD, CHANNEL);

        String name = channels.threads.get(0).name();
        assertThat(name).hasSizeLessThanOrEqualTo(100).startsWith("A very long title about reading groups A very");
        assertThat(title).startsWith(name.replace("…", "").strip());
    }

    @Test
    void withoutCreatePublicThreadsTheUserIsToldWhichPermissionIsMissingAndNothingIsStored() {
        channels.missing = "Create Public Threads";

        Reply refused = discuss("2403.00001", GUILD, CHANNEL);

        assertThat(refused.ephemeral()).isTrue();
        assertThat(refused.text()).isEqualTo("I need the Create Public Threads permission in this channel for that. "
                + "Ask an admin to give it to me, then try again.");
        assertThat(store.thread(GUILD, CHANNEL, "2403.00001")).isEmpty();
        channels.missing = null;
        assertThat(discuss("2403.00001", GUILD, CHANNEL).text()).startsWith("Discussion started:");
    }

    @Test
    void discussInADirectMessageOrOnAnUnknownPaperSaysWhy() {
        assertThat(discuss("2403.00001", null, "1600000000000000002").text())
                .contains("Discussion threads live in server channels");
        assertThat(discuss("2499.99999", GUILD, CHANNEL).text()).contains("can't find that paper");
        assertThat(channels.threads).isEmpty();
    }

    @Test
    void inTheConsoleTheThreadIsNamedNotLinked() {
        Invocation press = new Invocation("local", "you", null, null, Locale.ENGLISH, PaperCards.DISCUSS, null,
                Map.of(), true);
        String id = ComponentId.of(PaperCards.DISCUSS, "2403.00002").encode();
        assertThat(commands.component(press, id).text())
                .isEqualTo("Discussion started: thread \"Paper number 2 on reading groups\"");
        assertThat(commands.component(press, id).text())
                .isEqualTo("This paper already has a discussion here: thread \"Paper number 2 on reading groups\"");
    }

    // ---------------------------------------------------------------- pick

    @Test
    void anAdminsPickPostsASingleChoicePollOfTrendingTitlesAndStoresIt() {
        paper("2403.00050", "An extremely long title that goes well past the fifty-five characters of a poll");
        trending.add(0, "2403.00050");

        Reply posted = pick(ADMIN, true, List.of(), Map.of());

        assertThat(channels.polls).singleElement().satisfies(p -> {
            assertThat(p.poll().question()).isEqualTo("Which paper should we read next?");
            assertThat(p.poll().answers()).hasSize(5).allSatisfy(a -> assertThat(a.length()).isLessThanOrEqualTo(55));
            assertThat(p.poll().answers().get(0)).startsWith("An extremely long title").endsWith("…");
            assertThat(p.poll().answers().get(1)).isEqualTo("Paper number 1 on reading groups");
            assertThat(p.poll().duration()).isEqualTo(Duration.ofDays(2));
        });
        assertThat(posted.ephemeral()).isTrue();
        assertThat(posted.text()).startsWith("Poll posted with 5 papers; it ends ");
        Pick stored = store.running(GUILD, CHANNEL).orElseThrow();
        assertThat(stored.candidates()).containsExactly("2403.00050", "2403.00001", "2403.00002", "2403.00003",
                "2403.00004");
        assertThat(stored.endsAt()).isEqualTo(clock.instant().plus(Duration.ofDays(2)));

        assertThat(pick(ADMIN, true, List.of(), Map.of()).text()).startsWith("A pick is already running");
        assertThat(channels.polls).hasSize(1);
    }

    @Test
    void candidatesAndDaysAreHonouredAndOutOfRangeValuesRefused() {
        pick(ADMIN, true, List.of(), Map.of("candidates", 3L, "days", 7L));
        assertThat(channels.polls.get(0).poll().answers()).hasSize(3);
        assertThat(channels.polls.get(0).poll().duration()).isEqualTo(Duration.ofDays(7));

        Invocation elsewhere = new Invocation(ADMIN, "ada", GUILD, "1300000000000000011", Locale.ENGLISH, "club",
                "pick", Map.of("candidates", 11L), true, null, List.of());
        assertThat(commands.run(elsewhere).text()).isEqualTo("candidates must be from 2 to 10, e.g. /club pick "
                + "candidates: 5.");
        assertThat(commands.run(elsewhere.as("club", "pick", Map.of("days", 8L))).text())
                .startsWith("days must be from 1 to 7");
    }

    @Test
    void onlyManageServerOrTheClubRoleMayPick() {
        assertThat(pick(MEMBER, false, List.of(READERS_ROLE), Map.of()).text())
                .startsWith("Only members with Manage Server, or the role set with /club settings role");
        assertThat(commands.run(in(MEMBER, false, List.of(), "settings", Map.of("role", READERS_ROLE))).text())
                .contains("Manage Server");

        commands.run(in(ADMIN, true, List.of(), "settings", Map.of("role", READERS_ROLE)));

        assertThat(pick(MEMBER, false, List.of("1300000000000000999"), Map.of()).text()).startsWith("Only members");
        assertThat(pick(MEMBER, false, List.of(READERS_ROLE), Map.of()).text()).startsWith("Poll posted");
    }

    @Test
    void tooFewCandidatesSaysWhereItLookedAndWhatToTry() {
        library.add("2403.00001");

        Reply refused = pick(ADMIN, true, List.of(), Map.of("from", "library"));

        assertThat(refused.text()).isEqualTo("I found only 1 paper in your library, and a poll needs at least 2. "
                + "Try /club pick from: trending.");
        assertThat(pick(ADMIN, true, List.of(), Map.of("from", "digest")).text()).contains("only 0 papers in this "
                + "week's digests here");
        assertThat(channels.polls).isEmpty();
    }

    @Test
    void withoutSendPollsThePermissionIsNamed() {
        channels.missing = "Send Polls";
        assertThat(pick(ADMIN, true, List.of(), Map.of()).text()).startsWith("I need the Send Polls permission");
        assertThat(store.running(GUILD, CHANNEL)).isEmpty();
    }

    // ---------------------------------------------------------------- the end of a poll, history

    @Test
    void anEndedPollIsAnnouncedOnceWithTheWinnersCardAndThreadAndShowsInHistory() {
        pick(ADMIN, true, List.of(), Map.of("candidates", 4L, "days", 1L));
        channels.votes = List.of(1, 3, 3, 0);

        assertThat(job.runOnce()).as("not ended yet").isZero();
        clock.advance(Duration.ofHours(24));
        assertThat(job.runOnce()).isEqualTo(1);

        FakeClubChannels.Posted announcement = channels.posts.get(0);
        assertThat(announcement.message().title()).isEqualTo("Next reading");
        assertThat(announcement.message().text()).startsWith("The group picked this paper with 3 votes.");
        assertThat(announcement.message().cards()).singleElement()
                .satisfies(c -> assertThat(c.paper().id()).as("a tie goes to the earlier answer")
                        .isEqualTo("2403.00002"));
        FakeClubChannels.Thread thread = channels.threads.get(0);
        assertThat(thread.messageId()).as("the thread opens on the announcement").isEqualTo(announcement.id());
        assertThat(thread.name()).isEqualTo("Paper number 2 on reading groups");

        assertThat(job.runOnce()).as("announced once").isZero();
        assertThat(channels.posts).hasSize(1);
        assertThat(discuss("2403.00002", GUILD, CHANNEL).text()).as("Discuss on the winner finds its thread")
                .startsWith("This paper already has a discussion here");

        clock.advance(Duration.ofHours(1));
        pick(ADMIN, true, List.of(), Map.of("candidates", 2L, "days", 1L));
        channels.votes = List.of(2, 0);
        clock.advance(Duration.ofDays(1));
        job.runOnce();

        Reply history = commands.run(in(MEMBER, false, List.of(), "history", Map.of()));
        assertThat(history.title()).isEqualTo("Papers picked in this server");
        String[] lines = history.text().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).as("newest first").contains("Paper number 1 on reading groups")
                .endsWith("https://discord.com/channels/" + GUILD + "/" + channels.threads.get(1).id());
        assertThat(lines[1]).contains("Mar 3, 2026 · Paper number 2 on reading groups")
                .endsWith("https://discord.com/channels/" + GUILD + "/" + thread.id());
    }

    @Test
    void theResultIsPostedInTheServersLanguage() {
        pick(ADMIN, true, List.of(), Map.of("candidates", 2L, "days", 1L));
        channels.votes = List.of(0, 1);
        channels.locale = Locale.GERMAN;
        clock.advance(Duration.ofDays(1));

        job.runOnce();

        Reply announcement = channels.posts.get(0).message();
        assertThat(announcement.title()).isEqualTo("Als Nächstes lesen wir");
        assertThat(announcement.text()).startsWith("Die Gruppe hat dieses Paper mit 1 Stimme gewählt.");
        assertThat(announcement.cards().get(0).actions()).extracting(Action::label).contains("Diskutieren");
    }

    @Test
    void aPollNobodyVotedInEndsWithoutAWinnerAndHistoryStaysEmpty() {
        pick(ADMIN, true, List.of(), Map.of("days", 1L));
        channels.votes = List.of(0, 0, 0, 0, 0);
        clock.advance(Duration.ofDays(2));

        assertThat(job.runOnce()).isEqualTo(1);

        assertThat(channels.posts).singleElement().satisfies(p -> assertThat(p.message().text())
                .startsWith("Nobody voted in the reading-group poll"));
        assertThat(channels.threads).isEmpty();
        assertThat(commands.run(in(MEMBER, false, List.of(), "history", Map.of())).text())
                .isEqualTo("No paper picked yet. Start a poll with /club pick.");
        assertThat(store.running(GUILD, CHANNEL)).as("a new pick may start").isEmpty();
    }

    @Test
    void aServerThatRemovedTheBotLosesItsThreadsPicksAndRole() {
        discuss("2403.00001", GUILD, CHANNEL);
        commands.run(in(ADMIN, true, List.of(), "settings", Map.of("role", READERS_ROLE)));
        pick(ADMIN, true, List.of(), Map.of());

        assertThat(store.removeGuild(GUILD)).isEqualTo(3);

        assertThat(store.thread(GUILD, CHANNEL, "2403.00001")).isEmpty();
        assertThat(store.running(GUILD, CHANNEL)).isEmpty();
        assertThat(store.pickRole(GUILD)).isEmpty();
    }

    @Test
    void theDigestSourceTakesThePapersThisChannelsDigestsShowedThisWeek() {
        long now = clock.millis();
        db.write(c -> c.createStatement().executeUpdate("INSERT INTO deliveries (target, local_date, state, due_at, "
                + "window_from, nonce, created_at, updated_at, paper_ids) VALUES ('channel:" + CHANNEL + "', "
                + "'2026-03-01', 'sent', " + (now - 86_400_000L) + ", 0, 'n1', 0, 0, '2403.00007 2403.00008'), "
                + "('channel:" + CHANNEL + "', '2026-02-01', 'sent', " + (now - 30 * 86_400_000L) + ", 0, 'n2', 0, 0, "
                + "'2403.00001')"));

        pick(ADMIN, true, List.of(), Map.of("from", "digest"));

        assertThat(store.running(GUILD, CHANNEL).orElseThrow().candidates()).containsExactly("2403.00007",
                "2403.00008");
    }
}
