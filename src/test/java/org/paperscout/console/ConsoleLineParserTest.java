package org.paperscout.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.PaperScout;
import org.paperscout.config.Settings;
import org.paperscout.commands.Choice;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.OptionType;
import org.paperscout.commands.UserError;

class ConsoleLineParserTest {

    private final ConsoleLineParser parser = new ConsoleLineParser(List.of(
            CommandSpec.of("search", "Search",
                    OptionSpec.string("query", "q", true),
                    OptionSpec.string("sort", "s", false).withChoices(new Choice("relevance", "relevance"),
                            new Choice("newest", "newest")),
                    new OptionSpec("page", "p", OptionType.INTEGER, false, false, List.of(), 1L, 200L)),
            CommandSpec.withSubcommands("follow", "Follow",
                    CommandSpec.of("topic", "t", OptionSpec.string("text", "t", true)))));

    @Test
    void namedAndPositionalOptionsGiveTheSameInvocation() {
        assertThat(parser.parse("/search query: goldfish loss").options()).isEqualTo(Map.of("query", "goldfish loss"));
        assertThat(parser.parse("/search goldfish loss").options()).isEqualTo(Map.of("query", "goldfish loss"));
    }

    @Test
    void laterNamedOptionsAreTypedAndQueryTextWithColonsStaysText() {
        ConsoleLineParser.Parsed p = parser.parse("/search field:x memory sort: newest page: 2");
        assertThat(p.options()).isEqualTo(Map.of("query", "field:x memory", "sort", "newest", "page", 2L));
    }

    @Test
    void subcommandsAreParsed() {
        ConsoleLineParser.Parsed p = parser.parse("/follow topic machine unlearning");
        assertThat(p.command()).isEqualTo("follow");
        assertThat(p.subcommand()).isEqualTo("topic");
        assertThat(p.options()).isEqualTo(Map.of("text", "machine unlearning"));
    }

    @Test
    void mistakesGetMessagesThatSayWhatToType() {
        assertThatThrownBy(() -> parser.parse("/serch x")).isInstanceOf(UserError.class)
                .hasMessageContaining("/follow, /search");
        assertThatThrownBy(() -> parser.parse("/search")).isInstanceOf(UserError.class)
                .hasMessageContaining("Missing query");
        assertThatThrownBy(() -> parser.parse("/search x sort: oldest")).isInstanceOf(UserError.class)
                .hasMessageContaining("relevance, newest");
        assertThatThrownBy(() -> parser.parse("/search x page: two")).isInstanceOf(UserError.class)
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> parser.parse("/follow planet x")).isInstanceOf(UserError.class)
                .hasMessageContaining("topic");
    }

    // --- every real command, as the console gets them from the composition root ---------------------------

    @TempDir
    static Path data;
    private static PaperScout app;
    private static ConsoleLineParser real;

    @BeforeAll
    static void openTheBot() throws Exception {
        app = PaperScout.open(Settings.of(Map.of("data.dir", data.toString())), Clock.systemUTC());
        real = new ConsoleLineParser(app.commands().specs());
    }

    @AfterAll
    static void closeTheBot() throws Exception {
        app.close();
    }

    @Test
    void aSnoozeOutsideOneToThirtyDaysIsOneLineSayingTheRange() {
        assertThat(real.parse("/notify snooze days: 3"))
                .isEqualTo(new ConsoleLineParser.Parsed("notify", "snooze", Map.of("days", 3L)));
        assertThat(real.parse("/digest snooze channel: papers days: 30")).isEqualTo(new ConsoleLineParser.Parsed(
                "digest", "snooze", Map.of("channel", "papers", "days", 30L)));
        assertThatThrownBy(() -> real.parse("/notify snooze days: 0")).isInstanceOf(UserError.class)
                .hasMessage("days must be from 1 to 30.");
        assertThatThrownBy(() -> real.parse("/digest snooze channel: papers days: 31")).isInstanceOf(UserError.class)
                .hasMessage("days must be from 1 to 30.");
    }

    @Test
    void followTakesTheColonSyntaxLikeEveryOtherCommand() {
        assertThat(real.parse("/follow topic: graph neural networks"))
                .isEqualTo(new ConsoleLineParser.Parsed("follow", "topic", Map.of("topic", "graph neural networks")));
        assertThat(real.parse("/follow topic topic: graph neural networks"))
                .isEqualTo(new ConsoleLineParser.Parsed("follow", "topic", Map.of("topic", "graph neural networks")));
        assertThat(real.parse("/follow author: Yoshua Bengio"))
                .isEqualTo(new ConsoleLineParser.Parsed("follow", "author", Map.of("name", "Yoshua Bengio")));
        // An option that only one sub-command has names it.
        assertThat(real.parse("/follow name: Yoshua Bengio"))
                .isEqualTo(new ConsoleLineParser.Parsed("follow", "author", Map.of("name", "Yoshua Bengio")));
        assertThat(real.parse("/notify time: 08:30 timezone: UTC")).isEqualTo(new ConsoleLineParser.Parsed(
                "notify", "daily", Map.of("time", "08:30", "timezone", "UTC")));
    }

    @Test
    void hintsShowALineThatWorksNotAPlaceholder() {
        assertThatThrownBy(() -> real.parse("/follow planet x")).isInstanceOf(UserError.class)
                .hasMessage("/follow needs one of: topic, author, category, exclude. "
                        + "For example: /follow topic machine unlearning.");
        assertThatThrownBy(() -> real.parse("/digest channel: lab")).isInstanceOf(UserError.class)
                .hasMessageContaining("For example: /digest set channel: <channel> time: 09:00 timezone: Europe/Berlin.");
        assertThatThrownBy(() -> real.parse("/search query: a query: b")).isInstanceOf(UserError.class)
                .hasMessageStartingWith("query: is given twice.");
        for (CommandSpec spec : app.commands().specs()) {
            List<CommandSpec> targets = spec.subcommands().isEmpty() ? List.of(spec) : spec.subcommands();
            for (CommandSpec target : targets) {
                String sub = spec.subcommands().isEmpty() ? null : target.name();
                String example = ConsoleLineParser.example(spec.name(), sub, target);
                assertThat(real.parse(example).subcommand()).as(example).isEqualTo(sub);
            }
        }
    }

    @Test
    void everyCommandTakesNamedPositionalAndLabelledSubcommandSyntaxAlike() {
        int checked = 0;
        for (CommandSpec spec : app.commands().specs()) {
            List<CommandSpec> targets = spec.subcommands().isEmpty() ? List.of(spec) : spec.subcommands();
            for (CommandSpec target : targets) {
                String head = "/" + spec.name() + (spec.subcommands().isEmpty() ? "" : " " + target.name());
                String sub = spec.subcommands().isEmpty() ? null : target.name();
                Map<String, Object> expected = new LinkedHashMap<>();
                StringBuilder named = new StringBuilder();
                StringBuilder laterNamed = new StringBuilder();
                for (int i = 0; i < target.options().size(); i++) {
                    OptionSpec o = target.options().get(i);
                    String typed = typedValue(o, i);
                    expected.put(o.name(), expectedValue(o, typed));
                    named.append(' ').append(o.name()).append(": ").append(typed);
                    laterNamed.append(' ').append(i == 0 ? "" : o.name() + ": ").append(typed);
                }
                var want = new ConsoleLineParser.Parsed(spec.name(), sub, expected);
                assertThat(real.parse(head + named)).as(head + named).isEqualTo(want);
                assertThat(real.parse(head + laterNamed)).as(head + laterNamed).isEqualTo(want);
                if (sub != null) {
                    String labelled = "/" + spec.name() + " " + sub + ":" + laterNamed;
                    assertThat(real.parse(labelled)).as(labelled).isEqualTo(want);
                }
                if (target.options().isEmpty()) {
                    assertThatThrownBy(() -> real.parse(head + " stray")).isInstanceOf(UserError.class)
                            .hasMessageContaining("takes no options");
                }
                checked++;
            }
        }
        assertThat(checked).as("commands and sub-commands checked").isGreaterThanOrEqualTo(25);
    }

    /** A value the option accepts, distinct per option, never containing another option's "name:". */
    private static String typedValue(OptionSpec o, int i) {
        if (!o.choices().isEmpty()) {
            return o.choices().get(o.choices().size() - 1).name();
        }
        return switch (o.type()) {
            case INTEGER -> String.valueOf(o.max() != null ? o.max() : o.min() != null ? o.min() : 7);
            case NUMBER -> "1.5";
            case BOOLEAN -> "no";
            default -> o.max() != null && o.max() < 6 ? "v" + i : "words " + i + " here";
        };
    }

    private static Object expectedValue(OptionSpec o, String typed) {
        if (!o.choices().isEmpty()) {
            return o.choices().get(o.choices().size() - 1).value();
        }
        return switch (o.type()) {
            case INTEGER -> Long.parseLong(typed);
            case NUMBER -> 1.5;
            case BOOLEAN -> false;
            default -> typed;
        };
    }
}
