package org.paperscout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperscout.store.StoreTestSupport.paper;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperscout.catalog.Paper;
import org.paperscout.library.LibraryStore;
import org.paperscout.library.SavedPaper;

@ParameterizedClass
@EnumSource(Engine.class)
class LibraryAndFeedbackStoreTest {

    @Parameter
    Engine engine;


    @TempDir
    Path dir;
    final TestClock clock = TestClock.at("2026-11-28T10:00:00Z");
    Database db;
    LibraryStore library;
    FeedbackStore feedback;
    EventStore events;

    @BeforeEach
    void open() {
        db = engine.open(dir, clock);
        library = new LibraryStore(db, clock);
        feedback = new FeedbackStore(db, clock);
        events = new EventStore(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aSavedPaperComesBackAsSavedWithoutUpvotes() {
        Paper p = paper("2305.00118", "Diffusion *memorization* `study`");
        assertThat(library.save("u1", p).outcome()).isEqualTo(LibraryStore.Outcome.SAVED);

        SavedPaper saved = library.all("u1").get(0);
        assertThat(saved.paper()).isEqualTo(new Paper(p.id(), p.title(), p.abstractText(), p.authors(), p.categories(),
                p.published(), p.links(), 0, "library"));
        assertThat(saved.savedAt()).isEqualTo(clock.instant());
        assertThat(saved.isRead()).isFalse();
    }

    @Test
    void theListIsUnreadFirstThenNewestAndPagesThroughIt() {
        for (int i = 1; i <= 5; i++) {
            library.save("u1", paper("2401.0000" + i, "Paper " + i));
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(library.markRead("u1", "2401.00005", true)).isTrue();
        assertThat(library.markRead("u1", "2401.00002", true)).isTrue();

        assertThat(library.all("u1")).extracting(s -> s.paper().id())
                .containsExactly("2401.00004", "2401.00003", "2401.00001", "2401.00005", "2401.00002");
        assertThat(library.page("u1", 2, 2)).extracting(s -> s.paper().id()).containsExactly("2401.00001", "2401.00005");
        assertThat(library.counts("u1")).isEqualTo(new LibraryStore.Counts(5, 3));

        assertThat(library.markRead("u1", "2401.00005", false)).isTrue();
        assertThat(library.counts("u1").unread()).isEqualTo(4);
        assertThat(library.remove("u1", "2401.00001")).isTrue();
        assertThat(library.remove("u1", "2401.00001")).isFalse();
        assertThat(library.markRead("u1", "nope", true)).isFalse();
        assertThat(library.savedIds("u1")).hasSize(4).doesNotContain("2401.00001");
    }

    @Test
    void savingTwiceKeepsReadStateAndCountsOneSaveEvent() {
        Paper p = paper("2305.00118", "A");
        library.save("u1", p);
        library.markRead("u1", p.id(), true);
        assertThat(library.save("u1", p).outcome()).isEqualTo(LibraryStore.Outcome.ALREADY_SAVED);
        library.remove("u1", p.id());
        library.save("u1", p);
        library.save("u2", p);

        assertThat(library.all("u1").get(0).isRead()).isFalse();
        assertThat(events.since(clock.instant().minusSeconds(1)))
                .filteredOn(e -> e.kind() == EngagementKind.SAVE).hasSize(2);
    }

    @Test
    void feedbackKeepsTheLatestVerdictAndAVoteOnlyWhileItIsUp() {
        assertThat(feedback.set("u1", "p1", Verdict.UP)).isEmpty();
        assertThat(feedback.set("u1", "p1", Verdict.UP)).contains(Verdict.UP);
        assertThat(votes()).isEqualTo(1);

        assertThat(feedback.set("u1", "p1", Verdict.DOWN)).contains(Verdict.UP);
        assertThat(votes()).isZero();
        feedback.set("u1", "p2", Verdict.NOT_INTERESTED);

        assertThat(feedback.all("u1")).isEqualTo(Map.of("p1", Verdict.DOWN, "p2", Verdict.NOT_INTERESTED));
        assertThat(feedback.get("u1", "p3")).isEqualTo(Optional.empty());
    }

    @Test
    void engagementCountsOneUserOncePerPaperAndKind() {
        assertThat(events.record("u1", "p1", EngagementKind.CLICK)).isTrue();
        clock.advance(Duration.ofHours(1));
        assertThat(events.record("u1", "p1", EngagementKind.CLICK)).isFalse();
        events.record("u2", "p1", EngagementKind.CLICK);
        events.record("u1", "p1", EngagementKind.EXPAND);

        List<EngagementEvent> all = events.since(clock.instant().minus(Duration.ofDays(1)));
        assertThat(all).hasSize(3);
        assertThat(all.get(0)).isEqualTo(new EngagementEvent("p1", EngagementKind.CLICK, clock.instant().minus(Duration.ofHours(1))));
        assertThat(events.since(clock.instant())).hasSize(2);
    }

    @Test
    void seenPapersAndSettingsAreKeptPerUser() {
        SeenStore seen = new SeenStore(db, clock);
        seen.markSeen("u1", List.of("p1", "p2"), SeenPlace.DIGEST);
        seen.markSeen("u1", List.of("p2", "p3"), SeenPlace.RECOMMEND);
        seen.markSeen("u1", List.of(), SeenPlace.DM);
        assertThat(seen.seenPaperIds("u1")).isEqualTo(Set.of("p1", "p2", "p3"));
        assertThat(seen.seenPaperIds("u2")).isEmpty();

        UserSettingsStore settings = new UserSettingsStore(db, clock);
        assertThat(settings.get("u1")).isEqualTo(UserSettings.NONE);
        settings.update("u1", s -> s.withTimeZone(ZoneId.of("Europe/Berlin")).withDigestHour(9));
        settings.update("u1", s -> s.withLanguage("de"));
        assertThat(settings.get("u1")).isEqualTo(new UserSettings(ZoneId.of("Europe/Berlin"), 9, "de"));
        settings.update("u1", s -> s.withDigestHour(null));
        assertThat(settings.get("u1").digestHour()).isNull();
    }

    private int votes() {
        return (int) events.since(clock.instant().minus(Duration.ofDays(1))).stream()
                .filter(e -> e.kind() == EngagementKind.VOTE).count();
    }
}
