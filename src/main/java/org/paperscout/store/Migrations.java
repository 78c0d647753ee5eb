package org.paperscout.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Versioned, append-only schema migrations: classpath resources {@code db/migration/V<n>__<name>.sql}, applied
 * in version order, each in its own transaction together with its row in {@code schema_version}. Versions may
 * have gaps (features reserve ranges, e.g. V50 sources, V60 recommendations, V70 digests). An applied script whose text changed, or a
 * database newer than this build, stops the start: editing history silently would leave users on different
 * schemas.
 */
final class Migrations {

    static final String LOCATION = "db/migration";
    private static final Pattern NAME = Pattern.compile("V(\\d{1,9})__([A-Za-z0-9_]+)\\.sql");

    record Migration(int version, String name, String sql) {

        String checksum() {
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(d);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JRE", e);
            }
        }
    }

    private Migrations() {
    }

    /** Every migration on the classpath, by version. */
    static List<Migration> fromClasspath(ClassLoader loader) {
        Map<Integer, Migration> byVersion = new TreeMap<>();
        try {
            Enumeration<URL> roots = loader.getResources(LOCATION);
            for (URL root : Collections.list(roots)) {
                for (String file : list(root)) {
                    Matcher m = NAME.matcher(file);
                    if (!m.matches()) {
                        continue;
                    }
                    int version = Integer.parseInt(m.group(1));
                    String sql;
                    try (InputStream in = loader.getResourceAsStream(LOCATION + "/" + file)) {
                        if (in == null) {
                            throw new IllegalStateException("migration vanished: " + file);
                        }
                        sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    Migration previous = byVersion.put(version, new Migration(version, m.group(2), sql));
                    if (previous != null && !previous.name().equals(m.group(2))) {
                        throw new IllegalStateException("two migrations with version " + version + ": V" + version
                                + "__" + previous.name() + ".sql and " + file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + LOCATION, e);
        }
        return List.copyOf(byVersion.values());
    }

    private static List<String> list(URL root) throws IOException {
        if (root.getProtocol().equals("file")) {
            try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                return files.map(p -> p.getFileName().toString()).toList();
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        URLConnection connection = root.openConnection();
        if (connection instanceof JarURLConnection jar) {
            connection.setUseCaches(false);
            List<String> names = new ArrayList<>();
            try (JarFile file = jar.getJarFile()) {
                String prefix = LOCATION + "/";
                for (JarEntry e : Collections.list(file.entries())) {
                    String n = e.getName();
                    if (n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0 && n.length() > prefix.length()) {
                        names.add(n.substring(prefix.length()));
                    }
                }
            }
            return names;
        }
        throw new IOException("cannot list migrations at " + root);
    }

    /** Applies what is missing; returns the versions applied now. */
    static List<Integer> apply(Connection c, List<Migration> migrations, Clock clock) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, "
                    + "applied_at INTEGER NOT NULL)");
        }
        Map<Integer, String> applied = appliedChecksums(c);
        int newest = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
        for (Map.Entry<Integer, String> e : applied.entrySet()) {
            if (e.getKey() > newest) {
                throw new StoreException("paperscout.db has schema version " + e.getKey()
                        + ", newer than this PaperScout knows (" + newest + "); run the newer version or restore a backup");
            }
        }
        List<Integer> done = new ArrayList<>();
        for (Migration m : migrations) {
            String checksum = applied.get(m.version());
            if (checksum != null) {
                if (!checksum.equals(m.checksum())) {
                    throw new StoreException("migration V" + m.version() + "__" + m.name()
                            + ".sql was edited after it was applied; add a new migration instead");
                }
                continue;
            }
            applyOne(c, m, clock);
            done.add(m.version());
        }
        return done;
    }

    private static void applyOne(Connection c, Migration m, Clock clock) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                // Another process may have applied it between our check and the lock; the lock makes this exact.
                if (appliedChecksums(c).containsKey(m.version())) {
                    s.execute("ROLLBACK");
                    return;
                }
                s.executeUpdate(m.sql());
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO schema_version (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                    p.setInt(1, m.version());
                    p.setString(2, m.name());
                    p.setString(3, m.checksum());
                    p.setLong(4, clock.millis());
                    p.executeUpdate();
                }
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try {
                    s.execute("ROLLBACK");
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw new StoreException("migration V" + m.version() + "__" + m.name() + ".sql failed: "
                        + e.getMessage(), e);
            }
        }
    }

    static Map<Integer, String> appliedChecksums(Connection c) throws SQLException {
        Map<Integer, String> result = new TreeMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version, checksum FROM schema_version")) {
            while (r.next()) {
                result.put(r.getInt(1), r.getString(2));
            }
        }
        return result;
    }
}
