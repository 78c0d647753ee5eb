package org.paperscout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** console.locale through the real start-up: the bot's words change language, the papers never do. */
class ConsoleLanguageTest {

    @TempDir
    Path dir;

    private String console(String locale, String input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(Map.of(
                "PAPERSCOUT_DATA_DIR", dir.resolve("data").toString(),
                "PAPERSCOUT_SEEDS_DIR", System.getProperty("paperscout.seeds", "seeds"),
                "PAPERSCOUT_SEARCH_SEMANTIC", "false",
                "PAPERSCOUT_SOURCES_ARXIV_ENABLED", "false",
                "PAPERSCOUT_SOURCES_HF_ENABLED", "false"));
        if (locale != null) {
            env.put("PAPERSCOUT_CONSOLE_LOCALE", locale);
        }
        int code = Main.execute(new String[] {"console"},
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> titleLines(String out) {
        return out.lines().filter(l -> l.matches("\\s*\\d+\\. .*")).toList();
    }

    @Test
    void withConsoleLocaleDeSearchAnswersInGermanAndTitlesStayAsIndexed() {
        String search = "/search memorization\n/search query: memorization since: yesterday\n/help\n";
        String english = console(null, search);
        String german = console("de", search);

        assertThat(english).contains("Results for \"memorization\"", "Page 1 of ");
        assertThat(german).contains("Ergebnisse für „memorization“", "Seite 1 von ", " Paper",
                "since muss ein Datum wie 2024-01-31 oder eine Spanne wie 30d, 6m oder 1y sein.", "PaperScout-Befehle", "Paper nach Titel und Abstract suchen",
                "[1] Merken")
                .doesNotContain("Results for", "Page 1 of", "since must be");
        List<String> titles = titleLines(english);
        assertThat(titles).hasSizeGreaterThanOrEqualTo(2);
        assertThat(titleLines(german)).isEqualTo(titles);
    }

    @Test
    void withConsoleLocaleDeStatusTrendingAndNotifyAnswerInGerman() {
        String german = console("de", "/notify daily time: 08:30 timezone: Europe/Berlin\n/status\n/trending\n"
                + "/notify snooze days: 3\n");
        assertThat(german).contains("Deine täglichen Paper kommen jeden Tag um 08:30 Europe/Berlin per DM",
                "PaperScout-Status", "Index: ", "Digests:", "Deine tägliche DM: nächster ", "Im Trend diese Woche",
                "Punkte = Interesse hier", "Deine tägliche DM pausiert 3 Tage, bis ")
                .doesNotContain("Your daily DM", "Trending this week", "is snoozed for");
    }

    @Test
    void aLanguageWithoutABundleReadsEnglish() {
        String italian = console("it", "/search memorization\n");
        assertThat(italian).contains("Results for \"memorization\"", "Page 1 of ");
    }

    @Test
    void theConsolesOwnChecksAnswerInTheConsoleLanguageToo() {
        String lines = "/serch goldfish\n/search\n/trending window: decade\n9\n";
        String english = console(null, lines);
        String german = console("de", lines);

        assertThat(english).contains("Unknown command /serch.", "Missing query.", "window must be one of:",
                "There is no button 9 on the last reply.");
        assertThat(german).contains("Unbekannter Befehl /serch.", "query fehlt.", "window muss eines davon sein:",
                "In der letzten Antwort gibt es keine Schaltfläche 9.")
                .doesNotContain("Unknown command", "Missing query", "must be one of", "There is no button");
    }
}
