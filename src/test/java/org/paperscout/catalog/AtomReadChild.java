package org.paperscout.catalog;

import java.nio.file.Path;

/**
 * Reads one Atom file and prints what came of it, one line per paper id and problem: run by
 * {@link ArxivAtomReaderTest} in a JVM with a small heap, which is how a huge element's memory cost shows.
 */
final class AtomReadChild {

    private AtomReadChild() {
    }

    public static void main(String[] args) throws Exception {
        ReadResult result = new ArxivAtomReader().read(Path.of(args[0]));
        result.papers().forEach(p -> System.out.println("paper " + p.id()));
        result.problems().forEach(p -> System.out.println("problem " + p));
    }
}
