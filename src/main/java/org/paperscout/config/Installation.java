package org.paperscout.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an installation keeps {@code config/} and {@code seeds/}. Users start the jar from anywhere
 * ({@code cd /tmp && java -jar ~/paperscout/target/paperscout.jar}), so the working folder is only the first place
 * looked in; then the jar's folder and its parent (a checkout's {@code target/paperscout.jar}, or an install with
 * the jar beside {@code config/}); last, copies built into the jar.
 */
public final class Installation {

    static final Path CONFIG_FILE = Path.of("config", "paperscout.properties");
    static final String DEFAULT_SEEDS = "seeds";
    private static final String BUILT_IN = "/paperscout-defaults/";

    private final List<Path> homes;

    Installation(List<Path> homes) {
        this.homes = List.copyOf(homes);
    }

    /** The working folder, then the folder of the jar (or classes folder) this runs from, then its parent. */
    public static Installation current() {
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of("").toAbsolutePath());
        codeLocation().ifPresent(code -> {
            Path dir = Files.isRegularFile(code) ? code.getParent() : code;
            if (dir != null) {
                homes.add(dir);
                if (dir.getParent() != null) {
                    homes.add(dir.getParent());
                }
            }
        });
        return new Installation(homes.stream().map(Path::normalize).distinct().toList());
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = Installation.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    List<Path> homes() {
        return homes;
    }

    /** The first {@code config/paperscout.properties} found, if any. */
    Optional<Path> configFile() {
        return homes.stream().map(h -> h.resolve(CONFIG_FILE)).filter(Files::isRegularFile).findFirst();
    }

    /** The first folder named {@code name}: in the working folder, beside the config file, then beside the jar. */
    Optional<Path> folder(String name, Path configHome) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(homes.get(0));
        if (configHome != null) {
            candidates.add(configHome);
        }
        candidates.addAll(homes);
        return candidates.stream().map(h -> h.resolve(name).normalize()).filter(Files::isDirectory).findFirst();
    }

    /** The default config built into the jar (a copy of {@code config/paperscout.properties}), when present. */
    static URL builtInConfig() {
        return Installation.class.getResource(BUILT_IN + "config/paperscout.properties");
    }

    /** The folder a config file belongs to: above {@code config/} when it sits in one, else its own folder. */
    static Path homeOf(Path configFile) {
        Path dir = configFile.toAbsolutePath().normalize().getParent();
        if (dir != null && dir.getFileName() != null && dir.getFileName().toString().equals("config")
                && dir.getParent() != null) {
            return dir.getParent();
        }
        return dir;
    }

    /**
     * Opens the seeds built into the jar, readable as a folder until closed (a zip file system over the jar, or
     * the classes folder in a build). Null when the jar carries none.
     */
    public static BuiltInSeeds openBuiltInSeeds() {
        URL url = Installation.class.getResource(BUILT_IN + DEFAULT_SEEDS);
        if (url == null) {
            return null;
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return new BuiltInSeeds(Path.of(uri), null);
            }
            FileSystem fs;
            try {
                fs = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                return new BuiltInSeeds(Path.of(uri), null);
            }
            return new BuiltInSeeds(fs.provider().getPath(uri), fs);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The built-in seeds as a folder; closing releases the jar's file system. */
    public record BuiltInSeeds(Path dir, FileSystem fileSystem) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (fileSystem != null) {
                fileSystem.close();
            }
        }
    }
}
