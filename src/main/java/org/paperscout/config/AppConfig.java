package org.paperscout.config;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where PaperScout keeps its data and who the console acts as.
 *
 * @param dataDir      the data folder: {@code paperscout.db}, {@code index/}, {@code backups/}
 * @param seedsDir     indexed by itself on first start when the index is empty
 * @param consoleUser  the user id the console acts as
 */
public record AppConfig(Path dataDir, Path seedsDir, String consoleUser, String consoleUserName,
                        Locale consoleLocale) {

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
        return new AppConfig(
                s.path("data.dir", Path.of("data")),
                s.path("seeds.dir", Path.of("seeds")),
                user,
                s.string("console.user-name", "you"),
                locale);
    }

    public Path indexDir() {
        return dataDir.resolve("index");
    }
}
