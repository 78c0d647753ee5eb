package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperscout.commands.HelpCommand;
import org.paperscout.commands.Invocation;
import org.paperscout.config.Settings;
import org.paperscout.i18n.Messages;
import org.paperscout.pulse.PulseCommand;

/** The notes under /help trending and /help pulse are in the user's language, with the configured numbers. */
class HelpNotesLanguageTest {

    private final TrendingConfig config = TrendingConfig.from(Settings.of(Map.of("trending.weight.vote", "2.5",
            "trending.half-life", "3d", "trending.cache-ttl", "90m")));
    private final HelpCommand help = new HelpCommand(() -> List.of(
            new TrendingCommand(null, null, null, null).spec(), new PulseCommand(null, null).spec()),
            Map.of("trending", config::helpText, "pulse", HelpCommand.keyed(PulseCommand.HELP_KEY)));

    private String helpFor(String command, Locale locale) {
        return help.handle(new Invocation("u", "u", null, null, locale, "help", null, Map.of("command", command),
                true)).text();
    }

    @Test
    void trendingsNoteIsInEachLanguageWithTheConfiguredWeightsAndDurations() {
        String english = helpFor("trending", Locale.ENGLISH);
        assertThat(english).contains("How /trending ranks papers", "each 👍 counts 2.5", "counts half after 3 days",
                "refreshed every 90 minutes at most");
        for (Locale locale : Messages.SUPPORTED.subList(1, Messages.SUPPORTED.size())) {
            Messages m = Messages.of(locale);
            String text = helpFor("trending", locale);
            assertThat(text).as(locale.toLanguageTag())
                    .contains(m.get("help.duration", "unit", "day", "count", 3),
                            m.get("help.duration", "unit", "minute", "count", 90))
                    .doesNotContain("How /trending", "newness", "3 days");
        }
        assertThat(helpFor("trending", Locale.GERMAN)).contains("2,5").contains("3 Tage");
    }

    @Test
    void pulsesNoteIsInTheUsersLanguage() {
        assertThat(helpFor("pulse", Locale.FRENCH)).contains(Messages.of(Locale.FRENCH).get(PulseCommand.HELP_KEY))
                .doesNotContain("Bars:");
        assertThat(helpFor("pulse", Locale.ENGLISH)).contains("Bars: papers on the topic");
    }
}
