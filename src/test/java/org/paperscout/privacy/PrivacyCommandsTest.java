package org.paperscout.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperscout.store.Engine;
import org.paperscout.commands.Commands;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Reply;
import org.paperscout.store.Database;
import org.paperscout.store.FeedbackStore;
import org.paperscout.follows.FollowKind;
import org.paperscout.follows.FollowStore;
import org.paperscout.library.LibraryStore;
import org.paperscout.privacy.PrivacyStore;
import org.paperscout.store.StoreTestSupport;
import org.paperscout.store.TestClock;
import org.paperscout.store.Verdict;

@ParameterizedClass
@EnumSource(Engine.class)
class PrivacyCommandsTest {

    @Parameter
    Engine engine;


    @TempDir
    Path dir;
    final TestClock clock = TestClock.at("2026-11-28T10:00:00Z");
    Database db;
    PrivacyStore privacy;
    Commands commands;
    final List<String> forgottenByCache = new ArrayList<>();

    @BeforeEach
    void open() {
        db = engine.open(dir, clock);
        privacy = new PrivacyStore(db);
        commands = new Commands(List.of(
                new ForgetMeCommand(privacy, new ExportFolder(dir.resolve("exports"), clock), List.of(forgottenByCache::add, user -> {
                    throw new IllegalStateException("a broken cache must not stop the others");
                }), clock),
                new MyDataCommand(privacy, clock)), List.of());
        for (String user : List.of("u1", "u2")) {
            new FollowStore(db, clock).add(user, FollowKind.TOPIC, "diffusion");
            new LibraryStore(db, clock).save(user, StoreTestSupport.paper("2401.00001", "A paper"));
            new FeedbackStore(db, clock).set(user, "2401.00001", Verdict.UP);
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    static Invocation as(String user, String command) {
        return new Invocation(user, user, null, null, null, command, null, Map.of(), true);
    }

    @Test
    void forgetMeAsksFirstThenDeletesEveryRowAndClearsCaches() {
        Reply ask = commands.run(as("u1", "forget-me"));
        assertThat(ask.ephemeral()).isTrue();
        assertThat(privacy.export("u1").get("follows")).hasSize(1);

        Reply done = commands.component(as("u1", ""), ask.rows().get(0).get(0).customId());
        assertThat(done.replacesMessage()).isTrue();
        assertThat(done.text()).startsWith("Done. I deleted everything stored about you (5 records: follows 1, saved 1, feedback 1, events 2)");
        assertThat(privacy.export("u1").values()).allSatisfy(rows -> assertThat(rows).isEmpty());
        assertThat(privacy.export("u2").get("follows")).hasSize(1);
        assertThat(forgottenByCache).containsExactly("u1");
    }

    static Invocation inJapanese(String user, String command) {
        return new Invocation(user, user, null, null, java.util.Locale.JAPANESE, command, null, Map.of(), true);
    }

    @Test
    void forgetMeAndMyDataAnswerInTheCallersLanguage() {
        Reply data = commands.run(inJapanese("u1", "my-data"));
        assertThat(data.text()).isEqualTo("PaperScout があなたについて保存しているすべてのデータです (5 件のレコード)。"
                + "/forget-me ですべて削除できます。");
        Reply ask = commands.run(inJapanese("u1", "forget-me"));
        assertThat(ask.text()).startsWith("PaperScout があなたについて保存しているもの");
        assertThat(ask.rows().get(0)).extracting(a -> a.label()).containsExactly("データを削除", "キャンセル");
        Reply done = commands.component(inJapanese("u1", ""), ask.rows().get(0).get(0).customId());
        assertThat(done.text()).isEqualTo("完了しました。あなたについて保存されていたもの (5 件のレコード: follows 1, saved 1, "
                + "feedback 1, events 2) をすべて削除し、キャッシュした応答も消去しました。再び PaperScout を使うと、最初からになります。");
        Reply german = commands.run(new Invocation("u1", "u1", null, null, java.util.Locale.GERMAN, "my-data", null,
                Map.of(), true));
        assertThat(german.text()).startsWith("Hier ist alles, was PaperScout über dich speichert (0 Datensätze).");
    }

    @Test
    void cancelOrAStaleConfirmationDeletesNothing() {
        Reply ask = commands.run(as("u1", "forget-me"));
        assertThat(commands.component(as("u1", ""), ask.rows().get(0).get(1).customId()).text())
                .isEqualTo("Cancelled. Nothing was deleted.");
        clock.advance(Duration.ofMinutes(16));
        assertThat(commands.component(as("u1", ""), ask.rows().get(0).get(0).customId()).text())
                .startsWith("This confirmation has expired");
        assertThat(privacy.export("u1").get("saved")).hasSize(1);
        assertThat(forgottenByCache).isEmpty();
    }

    @Test
    void myDataIsAJsonAttachmentOfEveryTable() throws Exception {
        Reply reply = commands.run(as("u1", "my-data"));
        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.text()).startsWith("Here is everything PaperScout stores about you (5 records).");
        JsonNode doc = new ObjectMapper().readTree(reply.attachment().content());
        assertThat(doc.get("user_id").asText()).isEqualTo("u1");
        assertThat(doc.get("tables").get("follows").get(0).get("text").asText()).isEqualTo("diffusion");
        assertThat(doc.get("tables").get("saved").get(0).get("authors_json").get(0).asText()).isEqualTo("Ada Lovelace");
        assertThat(doc.get("tables").get("events")).hasSize(2);
    }
}
