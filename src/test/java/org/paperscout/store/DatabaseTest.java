package org.paperscout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperscout.commands.UserError;

@ParameterizedClass
@EnumSource(Engine.class)
class DatabaseTest {

    @Parameter
    Engine engine;

    @TempDir
    Path dir;
    final TestClock clock = TestClock.at("2026-11-28T10:00:00Z");
    Database db;

    @BeforeEach
    void open() {
        db = engine.open(dir, clock);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void opensInWalWithForeignKeysAndBusyTimeoutAndSyncsFullOnlyForDurableWrites() {
        assumeTrue(engine == Engine.SQLITE, "pragmas, the WAL and file backups are SQLite's");
        assertThat(db.file()).exists().hasFileName("paperscout.db");
        assertThat(db.<String>read(c -> pragma(c, "journal_mode"))).isEqualTo("wal");
        assertThat(db.<String>read(c -> pragma(c, "foreign_keys"))).isEqualTo("1");
        assertThat(db.<String>read(c -> pragma(c, "busy_timeout"))).isEqualTo("5000");
        assertThat(db.<String>write(c -> pragma(c, "synchronous"))).as("1 = NORMAL for everyday writes").isEqualTo("1");
        assertThat(db.<String>writeDurable(c -> pragma(c, "synchronous"))).as("2 = FULL for durable ones").isEqualTo("2");
        assertThat(db.<String>write(c -> pragma(c, "synchronous"))).isEqualTo("1");
        assertThat(db.integrityProblem()).isNull();
    }

    @Test
    void everyConnectionZeroesDeletedContentAndACheckpointEmptiesTheWal() throws Exception {
        assumeTrue(engine == Engine.SQLITE, "pragmas, the WAL and file backups are SQLite's");
        assertThat(db.<String>write(c -> pragma(c, "secure_delete"))).as("the writer").isEqualTo("1");
        for (int i = 0; i < StoreConfig.defaults().readers(); i++) {
            assertThat(db.<String>read(c -> pragma(c, "secure_delete"))).as("reader " + i).isEqualTo("1");
        }
        db.write(c -> c.createStatement().executeUpdate("INSERT INTO users (user_id, updated_at) VALUES ('u', 1)"));
        Path wal = dir.resolve("data").resolve(Database.FILE_NAME + "-wal");
        assertThat(Files.size(wal)).isPositive();
        assertThat(db.checkpoint()).isTrue();
        assertThat(Files.size(wal)).isZero();
    }

    @Test
    void readConnectionsRefuseToWrite() {
        assertThatThrownBy(() -> db.read(c -> c.createStatement().executeUpdate(
                "INSERT INTO users (user_id, updated_at) VALUES ('u', 1)")))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void aFailingWriteRollsBackOnlyItselfEvenWhenBatchedWithOthers() throws Exception {
        // Hold the writer busy so the next three pieces of work queue up and commit as one batch.
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> blocker = CompletableFuture.runAsync(() -> db.write(c -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holding.await();
        CompletableFuture<Object> good1 = CompletableFuture.supplyAsync(() -> db.write(c -> insertUser(c, "good1")));
        CompletableFuture<Object> bad = CompletableFuture.supplyAsync(() -> db.write(c -> {
            insertUser(c, "bad");
            throw new UserError("no thanks");
        }));
        CompletableFuture<Object> good2 = CompletableFuture.supplyAsync(() -> db.write(c -> insertUser(c, "good2")));
        Thread.sleep(100); // let them queue; correctness does not depend on it, only batching does
        release.countDown();
        blocker.join();

        assertThat(good1.join()).isEqualTo(1);
        assertThat(good2.join()).isEqualTo(1);
        assertThatThrownBy(bad::join).hasCauseInstanceOf(UserError.class).hasMessageContaining("no thanks");
        assertThat(db.<List<String>>read(c -> users(c))).containsExactlyInAnyOrder("good1", "good2");
    }

    @Test
    void backupWritesACheckedCopyAndRestoreBringsItBackWithASafetyCopy() throws Exception {
        assumeTrue(engine == Engine.SQLITE, "pragmas, the WAL and file backups are SQLite's");
        db.write(c -> insertUser(c, "before-backup"));
        Path backup = dir.resolve("backups/one.db");
        db.backupTo(backup);
        assertThat(backup).exists();
        assertThat(SqliteFiles.check(backup)).isNull();
        assertThatThrownBy(() -> db.backupTo(backup)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already exists");

        db.write(c -> insertUser(c, "after-backup"));
        db.close();
        db = null;

        Path safety = Database.restore(backup, dir.resolve("data"), clock);
        assertThat(safety).exists();
        db = Database.open(dir.resolve("data"), StoreConfig.defaults(), clock);
        assertThat(db.<List<String>>read(DatabaseTest::users)).containsExactly("before-backup");
        assertThat(db.integrityProblem()).isNull();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + safety)) {
            assertThat(users(c)).containsExactlyInAnyOrder("before-backup", "after-backup");
        }
    }

    @Test
    void restoreRefusesFilesThatAreNotSoundPaperScoutDatabasesAndChangesNothing() throws Exception {
        assumeTrue(engine == Engine.SQLITE, "pragmas, the WAL and file backups are SQLite's");
        db.write(c -> insertUser(c, "keep-me"));
        db.close();
        db = null;
        Path data = dir.resolve("data");
        byte[] before = Files.readAllBytes(data.resolve("paperscout.db"));

        Path text = Files.writeString(dir.resolve("notes.db"), "hello, not a database");
        assertThatThrownBy(() -> Database.restore(text, data, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a SQLite database");

        Path foreign = dir.resolve("foreign.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign)) {
            c.createStatement().executeUpdate("CREATE TABLE t (x)");
        }
        assertThatThrownBy(() -> Database.restore(foreign, data, clock))
                .hasMessageContaining("not a PaperScout database");

        Path corrupt = corruptCopyOfAPaperScoutDatabase();
        assertThatThrownBy(() -> Database.restore(corrupt, data, clock))
                .hasMessageContaining("integrity_check");

        assertThatThrownBy(() -> Database.restore(dir.resolve("missing.db"), data, clock))
                .hasMessageContaining("no such file");
        assertThat(Files.readAllBytes(data.resolve("paperscout.db"))).isEqualTo(before);
    }

    private Path corruptCopyOfAPaperScoutDatabase() throws Exception {
        Path source = dir.resolve("source");
        try (Database other = Database.open(source, StoreConfig.defaults(), clock)) {
            other.write(c -> {
                try (var p = c.prepareStatement("INSERT INTO follows (user_id, kind, text, text_key, created_at) "
                        + "VALUES (?, 'topic', ?, ?, 0)")) {
                    for (int i = 0; i < 2000; i++) {
                        p.setString(1, "user" + (i % 7));
                        p.setString(2, "topic number " + i);
                        p.setString(3, "topic number " + i);
                        p.executeUpdate();
                    }
                }
                return null;
            });
            other.backupTo(dir.resolve("clean.db"));
        }
        Path corrupt = Files.copy(dir.resolve("clean.db"), dir.resolve("corrupt.db"));
        try (RandomAccessFile f = new RandomAccessFile(corrupt.toFile(), "rw")) {
            // Scribble over the middle of the file: index and table pages, not the header.
            long middle = f.length() / 2;
            f.seek(middle - (middle % 4096) + 8);
            byte[] junk = new byte[3000];
            java.util.Arrays.fill(junk, (byte) 0x5A);
            f.write(junk);
        }
        return corrupt;
    }

    static String pragma(Connection c, String name) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
            r.next();
            return r.getString(1);
        }
    }

    static int insertUser(Connection c, String id) throws java.sql.SQLException {
        try (var p = c.prepareStatement("INSERT INTO users (user_id, updated_at) VALUES (?, 0)")) {
            p.setString(1, id);
            return p.executeUpdate();
        }
    }

    static List<String> users(Connection c) throws java.sql.SQLException {
        List<String> ids = new java.util.ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT user_id FROM users ORDER BY 1")) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }
}
