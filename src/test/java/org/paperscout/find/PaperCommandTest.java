package org.paperscout.find;

import org.paperscout.commands.Action;
import org.paperscout.commands.Commands;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.PaperCards;
import org.paperscout.commands.Reply;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.SearchConfig;
import org.paperscout.search.SearchService;
import org.paperscout.search.SeedIndex;
import org.paperscout.store.Database;
import org.paperscout.store.EngagementKind;
import org.paperscout.store.EventStore;
import org.paperscout.store.StoreTestSupport;
import org.paperscout.store.TestClock;

/** Opening a paper and expanding its abstract feed trending, once per person. */
class PaperCommandTest {

    private static final String TITLE = "Memorizing Transformers";

    @TempDir
    Path dir;
    PaperIndex index;
    Database db;
    EventStore events;
    Commands commands;

    @BeforeEach
    void setUp() throws Exception {
        index = SeedIndex.open(dir.resolve("index"));
        TestClock clock = new TestClock(Instant.parse("2026-11-28T09:00:00Z"));
        db = StoreTestSupport.open(dir, clock);
        events = new EventStore(db, clock);
        commands = new Commands(List.of(new PaperCommand(new SearchService(index, SearchConfig.defaults()), events)),
                List.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
        index.close();
    }

    private Invocation as(String user, Map<String, Object> options) {
        return new Invocation(user, user, "g", "c", Locale.ENGLISH, "paper", null, options, false);
    }

    @Test
    void openingCountsAClickAndTheAbstractButtonAnExpandOncePerPerson() {
        Reply shown = commands.run(as("u1", Map.of("paper", TITLE)));
        assertThat(shown.cards()).hasSize(1);
        String paperId = shown.cards().get(0).paper().id();
        commands.run(as("u1", Map.of("paper", TITLE)));
        String expand = ComponentId.of(PaperCards.EXPAND, paperId).encode();
        commands.component(as("u1", Map.of()), expand);
        commands.component(as("u2", Map.of()), expand);

        assertThat(events.since(Instant.EPOCH)).extracting(e -> e.paperId() + " " + e.kind())
                .containsExactlyInAnyOrder(paperId + " " + EngagementKind.CLICK, paperId + " " + EngagementKind.EXPAND,
                        paperId + " " + EngagementKind.EXPAND);
    }

    @Test
    void everyCardOffersSaveFeedbackAndSimilar() {
        Reply shown = commands.run(as("u1", Map.of("paper", TITLE)));
        assertThat(shown.cards().get(0).actions()).extracting(Action::label)
                .containsExactly("Save", "👍", "👎", "Not interested", "Similar", "Discuss");
    }
}
