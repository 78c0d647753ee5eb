package org.paperscout.follows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperscout.store.Engine;
import org.paperscout.catalog.ArxivCategories;
import org.paperscout.commands.Choice;
import org.paperscout.commands.Commands;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Reply;
import org.paperscout.commands.UserError;
import org.paperscout.store.Database;
import org.paperscout.follows.FollowKind;
import org.paperscout.follows.FollowStore;
import org.paperscout.store.TestClock;

/** /follow, /unfollow and /following through the command layer, as both front ends call it. */
@ParameterizedClass
@EnumSource(Engine.class)
class FollowCommandsTest {

    @Parameter
    Engine engine;


    @TempDir
    Path dir;
    Database db;
    FollowStore follows;
    Commands commands;

    @BeforeEach
    void open() {
        TestClock clock = TestClock.at("2026-11-28T10:00:00Z");
        db = engine.open(dir, clock);
        follows = new FollowStore(db, clock);
        // Stands in for SearchService::checkQuery: refuses what the safe parser would.
        TopicValidator parser = topic -> {
            if (topic.contains("title:")) {
                throw new UserError("Field searches like title: are not supported; type plain words.");
            }
        };
        commands = new Commands(List.of(new FollowCommand(follows, parser), new UnfollowCommand(follows),
                new FollowingCommand(follows)), List.of());
    }

    @AfterEach
    void close() {
        db.close();
    }

    static Invocation as(String user, String command, String sub, Map<String, Object> options) {
        return new Invocation(user, user, null, null, null, command, sub, options, true);
    }

    Reply follow(String sub, String value) {
        String option = FollowCommand.option(FollowKind.parse(sub).orElseThrow());
        return commands.run(as("u1", "follow", sub, Map.of(option, value)));
    }

    @Test
    void followingEachKindIsConfirmedPrivatelyAndListed() {
        assertThat(follow("topic", "  machine   unlearning ").text())
                .isEqualTo("Following topic “machine unlearning” (1 of 50). See them all with /following.");
        assertThat(follow("author", "Yoshua Bengio").ephemeral()).isTrue();
        assertThat(follow("category", "cs.lg").text()).startsWith("Following category cs.LG (Machine Learning)");
        assertThat(follow("exclude", "**reinforcement** learning").text())
                .startsWith("Excluding “**reinforcement** learning” from your recommendations");

        Reply list = commands.run(as("u1", "following", null, Map.of()));
        assertThat(list.ephemeral()).isTrue();
        assertThat(list.title()).isEqualTo("You follow 4 of 50");
        assertThat(list.text()).isEqualTo("""
                Topics: “machine unlearning”
                Authors: “Yoshua Bengio”
                Categories: “cs.LG”
                Excluded topics: “**reinforcement** learning”""");
    }

    @Test
    void badInputIsRefusedWithAClearMessageAndStoresNothing() {
        assertThat(follow("topic", "   ").text()).isEqualTo("Please type a topic, e.g. /follow topic machine unlearning.");
        assertThat(follow("topic", "a\nb").text()).contains("line breaks or control characters");
        assertThat(follow("author", "x\u0000y").text()).contains("control characters");
        assertThat(follow("topic", "abc\u202Edef").text()).contains("control characters");
        assertThat(follow("topic", "x".repeat(101)).text())
                .isEqualTo("That topic is 101 characters long; the limit is 100. Try a shorter one.");
        assertThat(follow("topic", "title:foo").text()).isEqualTo("Field searches like title: are not supported; type plain words.");
        assertThat(follow("exclude", "title:foo").text()).contains("not supported");
        assertThat(follow("category", "cs.XYZ").text()).startsWith("“cs.XYZ” is not an arXiv category.");
        assertThat(follows.count("u1")).isZero();
    }

    @Test
    void aDuplicateAndTheFiftyFirstFollowAreRefusedPolitely() {
        follow("topic", "Machine Unlearning");
        assertThat(follow("topic", "machine unlearning").text())
                .isEqualTo("You already follow that: topic “Machine Unlearning”.");
        for (int i = 1; i < FollowStore.MAX_FOLLOWS; i++) {
            follow("topic", "topic " + i);
        }
        assertThat(follow("topic", "one too many").text())
                .isEqualTo("You already follow 50 things, the limit. Remove one with /unfollow first.");
    }

    @Test
    void unfollowOffersOnlyTheCallersFollowsAndRemovesByChoiceOrText() {
        follow("topic", "machine unlearning");
        follow("exclude", "machine unlearning");
        follow("author", "Ada Lovelace");
        commands.run(as("u2", "follow", "topic", Map.of("topic", "someone else's")));

        List<Choice> choices = commands.autocomplete(as("u1", "unfollow", null, Map.of()), "follow", "mach");
        assertThat(choices).extracting(Choice::name)
                .containsExactly("topic: machine unlearning", "exclude: machine unlearning");
        assertThat(commands.autocomplete(as("u1", "unfollow", null, Map.of()), "follow", "")).hasSize(3);

        Reply byChoice = commands.run(as("u1", "unfollow", null, Map.of("follow", choices.get(1).value())));
        assertThat(byChoice.text()).isEqualTo("Stopped following excluded topic “machine unlearning”.");
        Reply byText = commands.run(as("u1", "unfollow", null, Map.of("follow", "ada lovelace")));
        assertThat(byText.text()).isEqualTo("Stopped following author “Ada Lovelace”.");
        assertThat(commands.run(as("u1", "unfollow", null, Map.of("follow", "nothing like it"))).text())
                .isEqualTo("You don't follow “nothing like it”. See what you follow with /following.");

        String othersId = "id:" + follows.list("u2").get(0).id();
        assertThat(commands.run(as("u1", "unfollow", null, Map.of("follow", othersId))).text())
                .startsWith("You no longer follow that.");
        assertThat(follows.list("u1")).extracting(f -> f.kind()).containsExactly(FollowKind.TOPIC);
        assertThat(follows.count("u2")).isEqualTo(1);
    }

    @Test
    void unfollowTakesTheKindTheWayFollowDoesWithOrWithoutAColon() {
        follow("topic", "machine unlearning");
        follow("exclude", "machine unlearning");
        follow("topic", "topic models");

        assertThat(commands.run(as("u1", "unfollow", null, Map.of("follow", "exclude machine unlearning"))).text())
                .isEqualTo("Stopped following excluded topic “machine unlearning”.");
        assertThat(commands.run(as("u1", "unfollow", null, Map.of("follow", "topic: machine unlearning"))).text())
                .isEqualTo("Stopped following topic “machine unlearning”.");
        // A follow called exactly what was typed wins over reading its first word as the kind.
        assertThat(commands.run(as("u1", "unfollow", null, Map.of("follow", "topic models"))).text())
                .isEqualTo("Stopped following topic “topic models”.");
        assertThat(follows.list("u1")).isEmpty();
    }

    @Test
    void aGermanCallerIsAnsweredInGermanWithTheTopicAsTyped() {
        Invocation followDe = new Invocation("u1", "u1", null, null, Locale.GERMAN, "follow", "topic",
                Map.of("topic", "Machine Unlearning"), true);
        assertThat(commands.run(followDe).text())
                .isEqualTo("Du folgst jetzt dem Thema „Machine Unlearning“ (1 von 50). Alle siehst du mit /following.");
        assertThat(commands.run(followDe).text()).isEqualTo("Dem folgst du schon: Thema „Machine Unlearning“.");

        Reply list = commands.run(followDe.as("following", null, Map.of()));
        assertThat(list.title()).isEqualTo("Du folgst 1 von 50");
        assertThat(list.text()).isEqualTo("Themen: „Machine Unlearning“");
        assertThat(list.footer()).isEqualTo("Entferne eines mit /unfollow.");

        assertThat(commands.run(followDe.as("unfollow", null, Map.of("follow", "nichts davon"))).text())
                .isEqualTo("Du folgst „nichts davon“ nicht. Wem du folgst, siehst du mit /following.");
        assertThat(commands.run(followDe.as("unfollow", null, Map.of("follow", "machine unlearning"))).text())
                .isEqualTo("Du folgst dem Thema „Machine Unlearning“ nicht mehr.");
    }

    @Test
    void categoryAutocompleteSuggestsCodesWithNames() {
        List<Choice> choices = commands.autocomplete(as("u1", "follow", "category", Map.of()), "category", "cs.L");
        assertThat(choices).extracting(Choice::value).containsExactly("cs.LG", "cs.LO");
        assertThat(choices.get(0).name()).isEqualTo("cs.LG — Machine Learning");
        assertThat(commands.autocomplete(as("u1", "follow", "category", Map.of()), "category", "")).hasSize(25);
        assertThat(ArxivCategories.load().size()).isGreaterThan(150);
    }
}
