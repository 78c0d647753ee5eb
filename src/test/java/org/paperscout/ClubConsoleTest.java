package org.paperscout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paper club in the console, through the real start-up: threads and polls render as text. */
class ClubConsoleTest {

    private static final String TITLE = "Memorize, Factorize, or be Naïve: Learning Optimal Feature Interaction "
            + "Methods for CTR Prediction";

    @TempDir
    Path dir;

    private String console(String input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of(
                "PAPERSCOUT_DATA_DIR", dir.resolve("data").toString(),
                "PAPERSCOUT_SEEDS_DIR", System.getProperty("paperscout.seeds", "seeds"),
                "PAPERSCOUT_SEARCH_SEMANTIC", "false",
                "PAPERSCOUT_SOURCES_ARXIV_ENABLED", "false",
                "PAPERSCOUT_SOURCES_HF_ENABLED", "false");
        int code = Main.execute(new String[] {"console"},
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void discussPrintsTheThreadOnceAndAPickPrintsTheCandidatesAsANumberedList() {
        // Discuss is a full card's sixth button; the card is shown again because a click's answer has no buttons.
        String out = console("/paper " + TITLE + "\n6\n/paper " + TITLE + "\n6\n/club pick candidates: 3\n"
                + "/club pick\n/club history\n");

        assertThat(out).contains("[6] Discuss");
        assertThat(out).containsOnlyOnce("— thread \"" + TITLE + "\" opened in #console (console: printed, not created) —");
        assertThat(out).contains("Discussion started: thread \"" + TITLE + "\"",
                "This paper already has a discussion here: thread \"" + TITLE + "\"");
        assertThat(out).contains("— poll posted to #console (console: printed; nobody can vote here) —",
                "Which paper should we read next?", "Poll posted with 3 papers; it ends ");
        assertThat(out.lines().filter(l -> l.matches("\\s*[123]\\. .+")).count()).isGreaterThanOrEqualTo(3);
        assertThat(out).contains("A pick is already running in this channel",
                "No paper picked yet. Start a poll with /club pick.");
    }
}
