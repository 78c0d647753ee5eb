package org.paperscout.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperscout.store.StoreTestSupport.paper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperscout.store.Engine;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.Action;
import org.paperscout.commands.Commands;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Reply;
import org.paperscout.store.Database;
import org.paperscout.store.FeedbackStore;
import org.paperscout.library.LibraryStore;
import org.paperscout.store.StoreTestSupport;
import org.paperscout.store.TestClock;
import org.paperscout.store.Verdict;

/** /save, the paper buttons, /library and /export through the command layer. */
@ParameterizedClass
@EnumSource(Engine.class)
class LibraryCommandsTest {

    @Parameter
    Engine engine;


    @TempDir
    Path dir;
    TestClock clock = TestClock.at("2026-11-28T10:00:00Z");
    Database db;
    LibraryStore library;
    FeedbackStore feedback;
    Commands commands;
    final Map<String, Paper> index = IntStream.rangeClosed(1, 6).mapToObj(i -> paper("2401.0000" + i, "Paper {" + i + "} & more"))
            .collect(Collectors.toMap(Paper::id, Function.identity()));

    @BeforeEach
    void open() {
        db = engine.open(dir, clock);
        library = new LibraryStore(db, clock);
        feedback = new FeedbackStore(db, clock);
        PaperLookup lookup = text -> Optional.ofNullable(index.get(text))
                .or(() -> index.values().stream().filter(p -> p.title().equals(text)).findFirst());
        commands = new Commands(List.of(new SaveCommand(library, feedback, lookup), new LibraryCommand(library),
                new ExportCommand(library)), List.of());
    }

    @AfterEach
    void close() {
        db.close();
    }

    static Invocation as(String user, String command, Map<String, Object> options) {
        return new Invocation(user, user, "g", "c", null, command, null, options, false);
    }

    Reply click(String user, Action action) {
        return commands.component(as(user, "", Map.of()), action.customId());
    }

    @Test
    void saveByIdOrTitleAndTheSaveButtonFromAnyCard() {
        assertThat(commands.run(as("u1", "save", Map.of("paper", "2401.00001"))).text())
                .isEqualTo("Saved “Paper {1} & more” to your library (1 paper). See it with /library.");
        assertThat(commands.run(as("u1", "save", Map.of("paper", "Paper {2} & more"))).ephemeral()).isTrue();
        assertThat(commands.run(as("u1", "save", Map.of("paper", "2401.00001"))).text())
                .isEqualTo("“Paper {1} & more” is already in your library. See it with /library.");
        assertThat(commands.run(as("u1", "save", Map.of("paper", "no such paper"))).text())
                .startsWith("I couldn't find a paper “no such paper”.");

        Action saveButton = org.paperscout.commands.PaperCards.actions("2401.00003", false).get(0);
        assertThat(saveButton.customId()).isEqualTo("ps1:save:2401.00003");
        assertThat(click("u2", saveButton).text()).startsWith("Saved “Paper {3} & more”");
        assertThat(library.savedIds("u1")).containsExactlyInAnyOrder("2401.00001", "2401.00002");
        assertThat(library.savedIds("u2")).containsExactly("2401.00003");
    }

    @Test
    void feedbackButtonsStoreTheClickersVerdict() {
        List<Action> buttons = org.paperscout.commands.PaperCards.actions("2401.00004", false);
        assertThat(click("u1", buttons.get(1)).text()).startsWith("Thanks! Noted 👍 for “Paper {4} & more”");
        assertThat(click("u1", buttons.get(1)).text()).startsWith("Already noted");
        assertThat(click("u1", buttons.get(3)).text()).isEqualTo("Got it: I won't recommend “Paper {4} & more” again.");
        click("u2", buttons.get(2));
        assertThat(feedback.all("u1")).isEqualTo(Map.of("2401.00004", Verdict.NOT_INTERESTED));
        assertThat(feedback.all("u2")).isEqualTo(Map.of("2401.00004", Verdict.DOWN));
        assertThat(commands.component(as("u1", "", Map.of()), ComponentId.of("vote-up").encode()).text())
                .contains("expired");
    }

    @Test
    void libraryPagesUnreadFirstAndItsButtonsRedrawThePage() {
        for (int i = 1; i <= 6; i++) {
            commands.run(as("u1", "save", Map.of("paper", "2401.0000" + i)));
            clock.advance(java.time.Duration.ofMinutes(1));
        }
        Reply first = commands.run(as("u1", "library", Map.of()));
        assertThat(first.ephemeral()).isTrue();
        assertThat(first.title()).isEqualTo("Your library: 6 papers, 6 unread");
        assertThat(first.footer()).startsWith("Page 1 of 2");
        assertThat(first.cards()).extracting(c -> c.paper().id())
                .containsExactly("2401.00006", "2401.00005", "2401.00004", "2401.00003");
        assertThat(first.cards().size() + first.rows().size()).as("rows of buttons within Discord's five").isLessThanOrEqualTo(5);

        Reply afterRead = click("u1", first.cards().get(0).actions().get(0)); // Mark read on the newest
        assertThat(afterRead.replacesMessage()).isTrue();
        assertThat(afterRead.title()).isEqualTo("Your library: 6 papers, 5 unread");
        assertThat(afterRead.cards().get(0).paper().id()).isEqualTo("2401.00005");

        Reply second = click("u1", afterRead.rows().get(0).get(1)); // Next
        assertThat(second.cards()).extracting(c -> c.paper().id()).containsExactly("2401.00001", "2401.00006");
        assertThat(second.cards().get(1).reasons().get(0)).startsWith("read");
        Reply removed = click("u1", second.cards().get(1).actions().get(1));
        assertThat(removed.text()).isEqualTo("Removed from your library.");
        assertThat(library.counts("u1")).isEqualTo(new LibraryStore.Counts(5, 5));
        assertThat(click("u1", second.cards().get(1).actions().get(1)).text()).isEqualTo("That paper was already removed.");
        assertThat(commands.run(as("u2", "library", Map.of())).text()).startsWith("Your library is empty.");
    }

    @Test
    void exportSendsTheLibraryAsBibtexOrJson() throws Exception {
        commands.run(as("u1", "save", Map.of("paper", "2401.00001")));
        commands.run(as("u1", "save", Map.of("paper", "2401.00002")));

        Reply bib = commands.run(as("u1", "export", Map.of()));
        assertThat(bib.attachment().fileName()).isEqualTo("paperscout-library.bib");
        String bibtex = new String(bib.attachment().content(), StandardCharsets.UTF_8);
        assertThat(bibtex).contains("@misc{lovelace2024paper,", "@misc{lovelace2024papera,",
                "  title = {{Paper \\textbraceleft{}1\\textbraceright{} \\& more}},", "  author = {Ada Lovelace and Alan Turing},",
                "  eprint = {2401.00001},", "  url = {https://arxiv.org/abs/2401.00001}");

        Reply json = commands.run(as("u1", "export", Map.of("format", "json")));
        JsonNode doc = new ObjectMapper().readTree(json.attachment().content());
        assertThat(doc.get("papers")).hasSize(2);
        assertThat(doc.get("papers").get(0).get("title").asText()).isEqualTo("Paper {1} & more");

        assertThat(commands.run(as("u1", "export", Map.of("format", "docx"))).text()).contains("bibtex or json");
        assertThat(commands.run(as("u9", "export", Map.of())).attachment()).isNull();
    }

    @Test
    void aFrenchCallerIsAnsweredInFrenchWithTheTitlesAsPublished() {
        Invocation fr = new Invocation("u1", "u1", "g", "c", Locale.FRENCH, "save", null,
                Map.of("paper", "2401.00001"), false);
        assertThat(commands.run(fr).text()).isEqualTo("« Paper {1} & more » est enregistré dans votre bibliothèque "
                + "(1 article). Consultez-la avec /library.");
        assertThat(commands.run(fr.as("save", null, Map.of("paper", "nulle part"))).text())
                .startsWith("Je ne trouve aucun article « nulle part ».");

        Reply list = commands.run(fr.as("library", null, Map.of()));
        assertThat(list.title()).isEqualTo("Votre bibliothèque : 1 article, 1 non lu");
        assertThat(list.footer()).isEqualTo("Page 1 sur 1 · /export l’envoie en BibTeX ou JSON");
        assertThat(list.cards().get(0).actions()).extracting(Action::label).containsExactly("Marquer comme lu", "Retirer");
        assertThat(list.cards().get(0).reasons()).containsExactly("non lu · enregistré le 2026-11-28");
        Reply removed = commands.component(fr.as("", null, Map.of()), list.cards().get(0).actions().get(1).customId());
        assertThat(removed.text()).startsWith("Retiré de votre bibliothèque. Votre bibliothèque est vide.");

        assertThat(commands.run(fr.as("export", null, Map.of())).text())
                .isEqualTo("Votre bibliothèque est vide, il n’y a rien à exporter. Enregistrez d’abord des articles avec /save.");
    }
}
