package org.paperscout.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperscout.follows.FollowKind;
import org.paperscout.follows.FollowStore;
import org.paperscout.library.LibraryStore;
import org.paperscout.privacy.PrivacyStore;

/** Sixteen threads of mixed reads and writes: every call succeeds (no SQLITE_BUSY reaches a caller). */
@ParameterizedClass
@EnumSource(Engine.class)
class ConcurrentUseTest {

    @Parameter
    Engine engine;


    @TempDir
    Path dir;

    @Test
    void sixteenThreadsOfMixedReadsAndWritesAllSucceed() throws Exception {
        int opsPerThread = Boolean.getBoolean("test.fast") ? 100 : 400;
        TestClock clock = TestClock.at("2026-11-28T10:00:00Z");
        try (Database db = engine.open(dir, clock)) {
            FollowStore follows = new FollowStore(db, clock);
            LibraryStore library = new LibraryStore(db, clock);
            FeedbackStore feedback = new FeedbackStore(db, clock);
            EventStore events = new EventStore(db, clock);
            PrivacyStore privacy = new PrivacyStore(db);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    int thread = t;
                    Callable<Integer> work = () -> {
                        Random random = new Random(thread);
                        String user = "user-" + thread;
                        int done = 0;
                        for (int i = 0; i < opsPerThread; i++) {
                            switch (random.nextInt(8)) {
                                case 0 -> follows.add(user, FollowKind.TOPIC, "topic " + random.nextInt(30));
                                case 1 -> follows.list(user).stream().findFirst()
                                        .ifPresent(f -> follows.remove(user, f.id()));
                                case 2 -> library.save(user, StoreTestSupport.paper("p" + random.nextInt(50), "P"));
                                case 3 -> library.markRead(user, "p" + random.nextInt(50), random.nextBoolean());
                                case 4 -> feedback.set(user, "p" + random.nextInt(50), Verdict.values()[random.nextInt(3)]);
                                case 5 -> events.record("shared-" + random.nextInt(4), "p" + random.nextInt(50),
                                        EngagementKind.CLICK);
                                case 6 -> library.page(user, 0, 5);
                                default -> privacy.export(user);
                            }
                            done++;
                        }
                        return done;
                    };
                    results.add(pool.submit(work));
                }
                int total = 0;
                for (Future<Integer> r : results) {
                    total += r.get(); // rethrows any failure a caller saw
                }
                assertThat(total).isEqualTo(16 * opsPerThread);
            } finally {
                pool.shutdownNow();
            }
            assertThat(db.integrityProblem()).isNull();
            assertThat(follows.count("user-3")).isBetween(0, 30);
        }
    }
}
