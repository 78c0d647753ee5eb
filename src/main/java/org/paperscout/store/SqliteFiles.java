package org.paperscout.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/** The SQLite file as a file: a checked, synced backup copy, and a restore that keeps a copy of what it replaces. */
final class SqliteFiles {

    private static final Logger log = LoggerFactory.getLogger(SqliteFiles.class);
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private SqliteFiles() {
    }

    static void backup(Path file, StoreConfig config, Path target) {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute)) {
            throw new IllegalArgumentException(absolute + " already exists; choose a new file name");
        }
        Path tmp = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try {
            Files.createDirectories(absolute.getParent());
            Files.deleteIfExists(tmp);
            // A connection of its own: VACUUM refuses to run inside a transaction, and the pooled readers are
            // query_only, which VACUUM INTO counts as writing. It reads one consistent snapshot by itself.
            try (Connection c = Database.connect(file, config); PreparedStatement p = c.prepareStatement("VACUUM INTO ?")) {
                p.setString(1, tmp.toString());
                p.execute();
            }
            String problem = check(tmp);
            if (problem != null) {
                throw new StoreException("the backup failed its integrity check (" + problem + "); nothing was written");
            }
            fsync(tmp);
            Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
            fsync(absolute.getParent());
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot write the backup " + absolute + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover .partial file is harmless and named as such
            }
        }
    }

    static Path restore(Path backup, Path dataDir, Clock clock) {
        NativeLibraryFolder.useIn(dataDir);
        String problem = checkRestorable(backup);
        if (problem != null) {
            throw new IllegalArgumentException("refusing to restore " + backup.toAbsolutePath() + ": " + problem);
        }
        Path live = dataDir.resolve(Database.FILE_NAME);
        Path incoming = dataDir.resolve(Database.FILE_NAME + ".restoring");
        Path safety = null;
        try {
            Files.createDirectories(dataDir);
            Files.copy(backup, incoming, StandardCopyOption.REPLACE_EXISTING);
            fsync(incoming);
            if (Files.exists(live)) {
                String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
                        .format(clock.instant());
                safety = dataDir.resolve("backups").resolve("paperscout-before-restore-" + stamp + ".db");
                // Opening the live file folds in its WAL; the copy and the checkpoint leave nothing behind in
                // -wal that could later be replayed onto the restored file.
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + live.toAbsolutePath());
                     Statement s = c.createStatement()) {
                    Files.createDirectories(safety.getParent());
                    try (PreparedStatement p = c.prepareStatement("VACUUM INTO ?")) {
                        p.setString(1, safety.toAbsolutePath().toString());
                        p.execute();
                    }
                    s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                }
                fsync(safety);
            }
            Files.deleteIfExists(dataDir.resolve(Database.FILE_NAME + "-wal"));
            Files.deleteIfExists(dataDir.resolve(Database.FILE_NAME + "-shm"));
            Files.move(incoming, live, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            fsync(dataDir);
            return safety;
        } catch (IOException | SQLException e) {
            throw new StoreException("restore failed, the current database is unchanged"
                    + (safety == null ? "" : " (a copy is in " + safety + ")") + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(incoming);
            } catch (IOException ignored) {
                // harmless leftover
            }
        }
    }

    /** Why {@code backup} cannot be restored, or null when it can. */
    static String checkRestorable(Path backup) {
        if (!Files.isRegularFile(backup)) {
            return "no such file";
        }
        try (InputStream in = Files.newInputStream(backup)) {
            byte[] header = in.readNBytes(SQLITE_HEADER.length);
            if (!java.util.Arrays.equals(header, SQLITE_HEADER)) {
                return "it is not a SQLite database";
            }
        } catch (IOException e) {
            return "cannot read it (" + e.getMessage() + ")";
        }
        String problem = check(backup);
        if (problem != null) {
            return "it fails PRAGMA integrity_check (" + problem + ")";
        }
        try (Connection c = Database.openReadOnly(backup);
             Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('"
                    + Schema.LEGACY_TABLE + "', '" + Schema.HISTORY_TABLE + "')")) {
                if (!r.next() || r.getInt(1) == 0) {
                    return "it is not a PaperScout database (no schema history table)";
                }
            }
        } catch (SQLException e) {
            return "cannot read it (" + e.getMessage() + ")";
        }
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            Properties readOnly = config.toProperties();
            Integer legacy = Schema.legacyVersion(Database.sqliteUrl(backup), readOnly);
            int newest = Schema.newestKnown(Dialect.SQLITE);
            if (legacy != null ? legacy > newest : Schema.newerThanThisBuild(Database.sqliteUrl(backup), readOnly, Dialect.SQLITE)) {
                return "it was written by a newer PaperScout (this one knows schema " + newest + ")";
            }
        } catch (SQLException | RuntimeException e) {
            return "cannot read it (" + e.getMessage() + ")";
        }
        return null;
    }

    /** The integrity_check complaint for a database file, or null when it says ok. */
    static String check(Path dbFile) {
        try (Connection c = Database.openReadOnly(dbFile);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            List<String> lines = new ArrayList<>();
            while (r.next()) {
                lines.add(r.getString(1));
            }
            if (lines.equals(List.of("ok"))) {
                return null;
            }
            return lines.isEmpty() ? "no answer" : String.join("; ", lines.subList(0, Math.min(3, lines.size())));
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    static void fsync(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException e) {
                // Some file systems cannot sync a directory; the file itself is synced already.
                log.debug("cannot fsync directory {}", path, e);
            }
            return;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }
}
