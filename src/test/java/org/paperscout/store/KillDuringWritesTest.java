package org.paperscout.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random points while another process writes: afterwards the file passes integrity_check and
 * every change the writer acknowledged (after its commit returned) is there.
 */
class KillDuringWritesTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedChangeSurvivesKillNineAtRandomPoints() throws Exception {
        int rounds = Boolean.getBoolean("test.fast") ? 10 : 50;
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<Long> acknowledged = new HashSet<>();
        long next = 0;
        int killedBeforeReady = 0;
        for (int round = 0; round < rounds; round++) {
            Process child = ChildProcess.start("write", dir.toString(), Long.toString(next));
            // One round in eight dies while starting (opening, migrating); the others while writing.
            boolean early = random.nextInt(8) == 0;
            Set<Long> acks = new HashSet<>();
            AtomicBoolean ready = new AtomicBoolean();
            Thread reader = new Thread(() -> readAcks(child, ready, acks));
            reader.start();
            if (early) {
                Thread.sleep(random.nextInt(400));
                killedBeforeReady += ready.get() ? 0 : 1;
            } else {
                while (!ready.get() && child.isAlive()) {
                    Thread.sleep(5);
                }
                Thread.sleep(10 + random.nextInt(150));
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join();
            synchronized (acks) {
                acknowledged.addAll(acks);
                next = acks.stream().mapToLong(Long::longValue).max().orElse(next) + 1000;
            }
            checkAllPresent(acknowledged, "round " + round + " (seed " + seed + ")");
        }
        assertThat(acknowledged).as("the writer got work done between kills").hasSizeGreaterThan(rounds * 5);
        System.out.printf("kill test: %d rounds (%d during start), %d acknowledged changes, seed %d%n",
                rounds, killedBeforeReady, acknowledged.size(), seed);
    }

    private static void readAcks(Process child, AtomicBoolean ready, Set<Long> acks) {
        try (BufferedReader out = ChildProcess.stdout(child)) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.equals("ready")) {
                    ready.set(true);
                } else if (line.startsWith("ack ") && line.endsWith(" end")) {
                    // A line cut by the kill has no " end" and was never a full acknowledgement.
                    synchronized (acks) {
                        acks.add(Long.parseLong(line.substring(4, line.length() - 4)));
                    }
                }
            }
        } catch (IOException ignored) {
            // the pipe breaks when the child dies
        }
    }

    private void checkAllPresent(Set<Long> acknowledged, String when) {
        try (DataDirLock lock = DataDirLock.acquire(dir);
             Database db = Database.open(dir, StoreConfig.defaults(), Clock.systemUTC())) {
            assertThat(db.integrityProblem()).as("integrity after " + when).isNull();
            Set<Long> present = db.read(c -> {
                Set<Long> found = new HashSet<>();
                try (ResultSet r = c.createStatement().executeQuery(
                        "SELECT substr(text, 7) FROM follows UNION ALL SELECT substr(paper_id, 3) FROM saved")) {
                    while (r.next()) {
                        found.add(Long.parseLong(r.getString(1)));
                    }
                }
                return found;
            });
            Set<Long> missing = new HashSet<>(acknowledged);
            missing.removeAll(present);
            assertThat(missing).as("acknowledged but missing after " + when).isEmpty();
        }
    }
}
