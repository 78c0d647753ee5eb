package org.paperscout.catalog;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Hand-written inputs under src/test/resources/fixtures. */
final class Fixtures {

    private Fixtures() {
    }

    static Path path(String name) {
        URL url = Fixtures.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository's seeds folder: the {@code paperscout.seeds} property under Maven, else ./seeds. */
    static Path seeds() {
        return Path.of(System.getProperty("paperscout.seeds", "seeds"));
    }
}
