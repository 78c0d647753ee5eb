package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** DESIGN.md: only the discord package may touch JDA, so every other part stays testable without Discord. */
class JdaConfinementTest {

    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final Path MAIN_CLASSES = Path.of("target/classes");
    private static final String ALLOWED = "org/paperscout/discord/";

    @Test
    void noSourceOutsideTheDiscordPackageMentionsJda() throws IOException {
        assertThat(MAIN_SOURCES).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !unixPath(MAIN_SOURCES.relativize(p)).startsWith(ALLOWED))
                    .filter(p -> read(p).contains("net.dv8tion"))
                    .map(Path::toString)
                    .toList();
        }
        assertThat(offenders).as("sources outside org.paperscout.discord that use JDA").isEmpty();
    }

    @Test
    void noCompiledClassOutsideTheDiscordPackageReferencesJda() throws IOException {
        // Catches fully qualified uses and anything generated, which a source scan for imports could miss.
        assertThat(MAIN_CLASSES).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(MAIN_CLASSES)) {
            offenders = files.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> !unixPath(MAIN_CLASSES.relativize(p)).startsWith(ALLOWED))
                    .filter(p -> new String(bytes(p), StandardCharsets.ISO_8859_1).contains("net/dv8tion"))
                    .map(Path::toString)
                    .toList();
        }
        assertThat(offenders).as("classes outside org.paperscout.discord that reference JDA").isEmpty();
    }

    @Test
    void theScanWouldSeeJdaInTheDiscordPackage() throws IOException {
        // Guards against a scan that silently finds nothing (wrong folder, renamed package).
        Path bot = MAIN_SOURCES.resolve(ALLOWED).resolve("DiscordBot.java");
        assertThat(read(bot)).contains("import net.dv8tion");
    }

    private static String unixPath(Path p) {
        return p.toString().replace('\\', '/');
    }

    private static String read(Path p) {
        return new String(bytes(p), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
