package org.paperscout.store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.paperscout.catalog.Paper;
import org.paperscout.follows.FollowKind;
import org.paperscout.follows.FollowStore;
import org.paperscout.library.LibraryStore;

/**
 * The other process of the lock and kill tests.
 * {@code lock DIR}: takes the data-folder lock and prints "locked" or the refusal.
 * {@code write DIR FIRST}: four threads write follows and saves numbered from FIRST, printing
 * "ack N end" only after each write returned (was committed), until killed.
 */
public final class StoreChild {

    private StoreChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("lock")) {
            try (DataDirLock lock = DataDirLock.acquire(dir)) {
                System.out.println("locked");
                System.out.flush();
                System.in.read(); // hold the lock until the parent closes our stdin
            } catch (DataDirInUseException e) {
                System.out.println("refused: " + e.getMessage());
            }
            return;
        }
        long first = Long.parseLong(args[2]);
        try (DataDirLock lock = DataDirLock.acquire(dir);
             Database db = Database.open(dir, StoreConfig.defaults(), Clock.systemUTC())) {
            FollowStore follows = new FollowStore(db, Clock.systemUTC());
            LibraryStore library = new LibraryStore(db, Clock.systemUTC());
            System.out.println("ready");
            System.out.flush();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                threads.add(new Thread(() -> {
                    for (long n = first + thread; ; n += 4) {
                        write(follows, library, n);
                        System.out.println("ack " + n + " end");
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    /** Change number n: even ones follow a topic, odd ones save a paper, each for its own user. */
    static void write(FollowStore follows, LibraryStore library, long n) {
        String user = userOf(n);
        if (n % 2 == 0) {
            follows.add(user, FollowKind.TOPIC, "topic " + n);
        } else {
            library.save(user, paperOf(n));
        }
    }

    /** Forty changes a user keeps every user under the follow limit. */
    static String userOf(long n) {
        return "user-" + (n / 40);
    }

    static Paper paperOf(long n) {
        return new Paper("p-" + n, "Paper " + n, "", List.of(), List.of(), null, null, 0, "test");
    }
}
