package org.paperscout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's checkpoints run beside the writer, never inside its commits. */
class WalCheckpointerTest {

    @TempDir
    Path dir;
    Database db;
    Path file;

    @BeforeEach
    void open() {
        db = Engine.SQLITE.open(dir, TestClock.at("2026-11-28T10:00:00Z"));
        file = db.file();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theWriterNeverCheckpointsItself() {
        assertThat(db.<String>write(c -> DatabaseTest.pragma(c, "wal_autocheckpoint"))).isEqualTo("0");
    }

    @Test
    void committedPagesReachTheDatabaseFileWithoutAnyoneAskingAndWithoutTheWriter() throws Exception {
        long before = Files.size(file);
        for (int batch = 0; batch < 20; batch++) {
            int from = batch * 1_000;
            db.write(c -> {
                for (int i = from; i < from + 1_000; i++) {
                    DatabaseTest.insertUser(c, "user-" + i + "-" + "x".repeat(50));
                }
                return null;
            });
        }
        // The writer no longer copies pages into the file; only the background checkpoint can have grown it.
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (Files.size(file) <= before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Files.size(file)).isGreaterThan(before);
        assertThat(db.<Integer>read(c -> {
            try (var s = c.createStatement(); var r = s.executeQuery("SELECT count(*) FROM users")) {
                r.next();
                return r.getInt(1);
            }
        })).isEqualTo(20_000);
    }

    @Test
    void erasuresAtTheSameTimeEachGetAnEmptyWal() throws Exception {
        Path wal = Path.of(file + "-wal");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> done = new ArrayList<>();
        try {
            for (int t = 0; t < 16; t++) {
                String user = "erased-" + t;
                done.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    db.writeDurable(c -> DatabaseTest.insertUser(c, user));
                    return db.checkpoint();
                }, pool));
            }
            start.countDown();
            for (CompletableFuture<Boolean> f : done) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Files.size(wal)).isZero();
    }

    @Test
    void aClosedDatabaseSaysSoInsteadOfCheckpointing() {
        db.close();
        assertThatThrownBy(db::checkpoint).isInstanceOf(StoreException.class).hasMessageContaining("closed");
        db = Engine.SQLITE.open(dir, TestClock.at("2026-11-28T10:00:00Z")); // for close()
    }
}
