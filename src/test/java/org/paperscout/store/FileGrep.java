package org.paperscout.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code grep -rli} for tests about erasure: which files under a folder hold a string, read as raw bytes so a
 * database page, a WAL frame or an index segment counts as much as a text file. ASCII letters match in any case
 * (SQLite keeps folded keys beside the typed text).
 */
public final class FileGrep {

    private FileGrep() {
    }

    /** Every regular file under {@code dir} (recursively) whose bytes contain {@code text} as UTF-8. */
    public static List<Path> filesContaining(Path dir, String text) throws IOException {
        byte[] needle = lower(text.getBytes(StandardCharsets.UTF_8));
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (indexOf(lower(Files.readAllBytes(file)), needle) >= 0) {
                    hits.add(dir.relativize(file));
                }
            }
        }
        return hits;
    }

    private static byte[] lower(byte[] bytes) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] >= 'A' && out[i] <= 'Z') {
                out[i] = (byte) (out[i] + ('a' - 'A'));
            }
        }
        return out;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
