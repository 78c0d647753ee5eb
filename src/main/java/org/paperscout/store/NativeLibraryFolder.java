package org.paperscout.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where sqlite-jdbc unpacks its native library. By default that is the shared {@code java.io.tmpdir}, where it also
 * deletes the copies older runs left; another user's or another process's copy there makes that fail with an ERROR
 * and a 45-line stack trace at start. A folder inside the data folder is ours alone (the data-folder lock keeps a
 * second bot out of it).
 */
final class NativeLibraryFolder {

    /** The system property sqlite-jdbc's {@code SQLiteJDBCLoader} reads when it loads the library. */
    static final String PROPERTY = "org.sqlite.tmpdir";
    static final String FOLDER = "native";

    private NativeLibraryFolder() {
    }

    /**
     * Points sqlite-jdbc at {@code dataDir/native}. Call before the first connection of the process: the library is
     * loaded once, so later calls change nothing. A folder the user set with {@code -Dorg.sqlite.tmpdir} is kept.
     */
    public static synchronized void useIn(Path dataDir) {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        Path folder = dataDir.resolve(FOLDER).toAbsolutePath();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
        System.setProperty(PROPERTY, folder.toString());
    }
}
