package org.paperscout.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Whether a SQLite file already has exactly this build's migrations, read from Flyway's own history table without
 * starting Flyway. On every start of an existing data folder the answer is yes, and Flyway's start (some 800
 * classes of its own and Jackson's, and a scan of every entry of the 28,000-entry jar) was a fifth of the time to
 * the first answer. Only a clean yes skips it: a pending, edited, failed, unknown or newer migration, or any row
 * this class does not understand, leaves the decision, the work and the error message to Flyway as before.
 */
final class SchemaHistory {

    private static final Pattern SCRIPT = Pattern.compile("V(\\d{1,9})__[A-Za-z0-9_]+\\.sql");

    private SchemaHistory() {
    }

    static boolean upToDate(String url, Properties credentials, String folder) throws SQLException {
        Map<String, Integer> scripts;
        try {
            scripts = checksums(folder);
        } catch (IOException | URISyntaxException e) {
            return false; // Flyway reads the scripts itself and reports what is wrong with them
        }
        if (scripts.isEmpty()) {
            return false;
        }
        try (Connection c = DriverManager.getConnection(url, credentials); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '"
                    + Schema.HISTORY_TABLE + "'")) {
                if (!r.next() || r.getInt(1) == 0) {
                    return false;
                }
            }
            Set<String> applied = new HashSet<>();
            long baseline = -1;
            try (ResultSet r = s.executeQuery("SELECT version, type, script, checksum, success FROM "
                    + Schema.HISTORY_TABLE)) {
                while (r.next()) {
                    String type = r.getString(2);
                    if (!r.getBoolean(5)) {
                        return false;
                    }
                    if ("BASELINE".equals(type)) {
                        baseline = Long.parseLong(r.getString(1));
                    } else if ("SQL".equals(type)) {
                        Integer expected = scripts.get(r.getString(3));
                        int checksum = r.getInt(4);
                        if (expected == null || r.wasNull() || expected != checksum) {
                            return false;
                        }
                        applied.add(r.getString(3));
                    } else {
                        return false;
                    }
                }
            } catch (NumberFormatException e) {
                return false;
            }
            for (String script : scripts.keySet()) {
                if (!applied.contains(script) && version(script) > baseline) {
                    return false; // pending
                }
            }
            return true;
        }
    }

    private static long version(String script) {
        Matcher m = SCRIPT.matcher(script);
        return m.matches() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }

    /** Every {@code V<n>__<name>.sql} in the classpath folder, with the checksum Flyway records for it. */
    static Map<String, Integer> checksums(String folder) throws IOException, URISyntaxException {
        Map<String, Integer> out = new HashMap<>();
        ClassLoader loader = SchemaHistory.class.getClassLoader();
        for (String name : list(loader, folder)) {
            if (name.endsWith(".sql") && !SCRIPT.matcher(name).matches()) {
                return Map.of(); // a kind of script this class does not check (repeatable, undo): Flyway decides
            }
            if (SCRIPT.matcher(name).matches()) {
                try (InputStream in = loader.getResourceAsStream(folder + "/" + name)) {
                    if (in == null) {
                        throw new IOException("cannot read " + folder + "/" + name);
                    }
                    out.put(name, checksum(in));
                }
            }
        }
        return out;
    }

    /**
     * Flyway's checksum of a script: CRC-32 over its lines' UTF-8 bytes without line terminators, a byte order mark
     * dropped from the first line.
     */
    static int checksum(InputStream script) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader reader = new BufferedReader(new InputStreamReader(script, StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (line != null && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        while (line != null) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
            line = reader.readLine();
        }
        return (int) crc.getValue();
    }

    /** File names directly in a classpath folder, from a jar (the shipped one) or a directory (tests). */
    private static List<String> list(ClassLoader loader, String folder) throws IOException, URISyntaxException {
        URL url = loader.getResource(folder);
        if (url == null) {
            return List.of();
        }
        if ("jar".equals(url.getProtocol())) {
            String prefix = folder + "/";
            // The jar the class loader has open already: reading its entry names costs milliseconds.
            return ((JarURLConnection) url.openConnection()).getJarFile().stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith(prefix) && n.length() > prefix.length()
                            && n.indexOf('/', prefix.length()) < 0)
                    .map(n -> n.substring(prefix.length()))
                    .toList();
        }
        if ("file".equals(url.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                return files.map(p -> p.getFileName().toString()).toList();
            }
        }
        return List.of();
    }
}
