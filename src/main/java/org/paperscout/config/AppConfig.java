package org.paperscout.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where PaperScout keeps its data and who the console acts as.
 *
 * @param dataDir      the data folder: {@code paperscout.db}, {@code index/}, {@code backups/}
 * @param seedsDir     indexed by itself on first start when the index is empty; empty means the seeds built into
 *                     the jar (no {@code seeds/} in the working folder or beside the jar)
 * @param consoleUser  the user id the console acts as
 * @param configSource where the settings came from (a file's path, or the built-in defaults)
 */
public record AppConfig(Path dataDir, Optional<Path> seedsDir, String consoleUser, String consoleUserName,
                        Locale consoleLocale, String configSource) {

    /** The levels logback knows; {@code log.level} is read by logback itself, so it is only checked here. */
    static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    public static AppConfig from(Settings s) {
        String user = s.string("console.user", "local");
        if (!user.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw s.invalid("console.user", "1 to 64 letters, digits, '.', '_' or '-'");
        }
        String tag = s.string("console.locale", "en");
        Locale locale = Locale.forLanguageTag(tag);
        if (locale.getLanguage().isEmpty()) {
            throw s.invalid("console.locale", "a language tag such as en or de-DE");
        }
        if (!LOG_LEVELS.contains(s.string("log.level", "WARN").toUpperCase(Locale.ROOT))) {
            throw s.invalid("log.level", "one of " + String.join(", ", LOG_LEVELS));
        }
        return new AppConfig(
                s.path("data.dir", Path.of("data")),
                s.existingFolder("seeds.dir", Installation.DEFAULT_SEEDS),
                user,
                s.string("console.user-name", "you"),
                locale,
                s.source());
    }

    public Path indexDir() {
        return dataDir.resolve("index");
    }

    /** One line for the start: which config file and which seeds this run uses. */
    public String startLine() {
        return "Config: " + configSource + ". Seeds: "
                + seedsDir.map(d -> d.toAbsolutePath().normalize().toString()).orElse("the copy built into the jar")
                + " (indexed when the index is empty).";
    }
}
