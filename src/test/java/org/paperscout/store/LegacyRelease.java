package org.paperscout.store;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Makes {@code paperscout.db} as the releases before Flyway did: their migration runner, kept here as it was
 * (its own {@code schema_version} table with a SHA-256 per script, each script run whole in one transaction),
 * over the scripts of {@code db/migration} up to a version.
 */
final class LegacyRelease {

    private static final Pattern NAME = Pattern.compile("V(\\d{1,9})__([A-Za-z0-9_]+)\\.sql");

    private LegacyRelease() {
    }

    /** The SQLite migration scripts by version, read from the classpath folder. */
    static TreeMap<Integer, String> scripts(String folder) throws Exception {
        TreeMap<Integer, String> byVersion = new TreeMap<>();
        Path root;
        try {
            root = Path.of(LegacyRelease.class.getClassLoader().getResource(folder).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.list(root)) {
            for (Path f : files.toList()) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    byVersion.put(Integer.parseInt(m.group(1)), f.getFileName().toString());
                }
            }
        }
        return byVersion;
    }

    /** Creates {@code dataDir/paperscout.db} with every script up to {@code upTo}, as the old runner did. */
    static Path create(Path dataDir, int upTo) throws Exception {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(Database.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                    + "checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)");
            for (var e : scripts(Schema.SQLITE_MIGRATIONS).headMap(upTo, true).entrySet()) {
                String sql;
                try (InputStream in = LegacyRelease.class.getClassLoader()
                        .getResourceAsStream(Schema.SQLITE_MIGRATIONS + "/" + e.getValue())) {
                    sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                s.execute("BEGIN IMMEDIATE");
                s.executeUpdate(sql);
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO schema_version (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                    p.setInt(1, e.getKey());
                    p.setString(2, e.getValue().replaceFirst("^V\\d+__", "").replace(".sql", ""));
                    p.setString(3, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(sql.getBytes(StandardCharsets.UTF_8))));
                    p.setLong(4, 1_700_000_000_000L);
                    p.executeUpdate();
                }
                s.execute("COMMIT");
            }
        }
        return file;
    }

    static void exec(Path file, List<String> statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.executeUpdate(sql);
            }
        }
    }
}
