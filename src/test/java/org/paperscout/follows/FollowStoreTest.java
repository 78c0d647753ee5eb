package org.paperscout.follows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperscout.store.Database;
import org.paperscout.store.Engine;
import org.paperscout.store.TestClock;

@ParameterizedClass
@EnumSource(Engine.class)
class FollowStoreTest {

    @Parameter
    Engine engine;


    @TempDir
    Path dir;
    final TestClock clock = TestClock.at("2026-11-28T10:00:00Z");
    Database db;
    FollowStore follows;

    @BeforeEach
    void open() {
        db = engine.open(dir, clock);
        follows = new FollowStore(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void addsListsByKindAndKeepsTextLiterally() {
        follows.add("u1", FollowKind.CATEGORY, "cs.LG");
        follows.add("u1", FollowKind.TOPIC, "**machine** unlearning @everyone");
        follows.add("u1", FollowKind.AUTHOR, "Yoshua Bengio");
        follows.add("u2", FollowKind.TOPIC, "someone else's topic");

        assertThat(follows.list("u1")).extracting(Follow::kind, Follow::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FollowKind.TOPIC, "**machine** unlearning @everyone"),
                org.assertj.core.groups.Tuple.tuple(FollowKind.AUTHOR, "Yoshua Bengio"),
                org.assertj.core.groups.Tuple.tuple(FollowKind.CATEGORY, "cs.LG"));
        assertThat(follows.list("u1").get(0).createdAt()).isEqualTo(clock.instant());
        assertThat(follows.count("u2")).isEqualTo(1);
    }

    @Test
    void aDuplicateIgnoringCaseAndSpacingIsReportedAndNotStored() {
        FollowStore.AddResult first = follows.add("u1", FollowKind.TOPIC, "Machine Unlearning");
        FollowStore.AddResult again = follows.add("u1", FollowKind.TOPIC, "machine   unlearning");

        assertThat(again.outcome()).isEqualTo(FollowStore.Outcome.DUPLICATE);
        assertThat(again.follow()).isEqualTo(first.follow());
        assertThat(follows.add("u1", FollowKind.EXCLUDE, "machine unlearning").outcome())
                .as("same text as another kind is a different follow").isEqualTo(FollowStore.Outcome.ADDED);
        assertThat(follows.count("u1")).isEqualTo(2);
    }

    @Test
    void theFiftiethFollowIsTheLastEvenWhenSixteenThreadsRace() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<FollowStore.AddResult>> results = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String text = "topic " + i;
                results.add(pool.submit(() -> follows.add("u1", FollowKind.TOPIC, text)));
            }
            long added = 0;
            long refused = 0;
            for (Future<FollowStore.AddResult> r : results) {
                FollowStore.Outcome o = r.get().outcome();
                added += o == FollowStore.Outcome.ADDED ? 1 : 0;
                refused += o == FollowStore.Outcome.LIMIT_REACHED ? 1 : 0;
            }
            assertThat(added).isEqualTo(FollowStore.MAX_FOLLOWS);
            assertThat(refused).isEqualTo(80 - FollowStore.MAX_FOLLOWS);
            assertThat(follows.count("u1")).isEqualTo(FollowStore.MAX_FOLLOWS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void removeOnlyTouchesTheCallersOwnFollows() {
        Follow mine = follows.add("u1", FollowKind.TOPIC, "mine").follow();
        Follow theirs = follows.add("u2", FollowKind.TOPIC, "theirs").follow();

        assertThat(follows.remove("u1", theirs.id())).isEmpty();
        assertThat(follows.remove("u1", mine.id())).contains(mine);
        assertThat(follows.remove("u1", mine.id())).isEmpty();
        assertThat(follows.list("u2")).containsExactly(theirs);
    }

    @Test
    void theStoreRefusesTextTheCommandsShouldHaveCaught() {
        assertThatThrownBy(() -> follows.add("u1", FollowKind.TOPIC, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> follows.add("u1", FollowKind.TOPIC, "a\u0000b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> follows.add("u1", FollowKind.TOPIC, "x".repeat(101))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> follows.add("", FollowKind.TOPIC, "x")).isInstanceOf(IllegalArgumentException.class);
        // 100 emoji are 200 UTF-16 units but 100 characters: allowed, as SQLite counts them.
        assertThat(follows.add("u1", FollowKind.TOPIC, "🧪".repeat(100)).outcome()).isEqualTo(FollowStore.Outcome.ADDED);
        assertThat(follows.count("u1")).isEqualTo(1);
    }
}
