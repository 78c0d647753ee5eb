package org.paperscout.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.search.SearchConfig;

/** Where config and seeds are found when the jar is started from any folder, and values refused at start. */
class AppConfigTest {

    @TempDir
    Path dir;

    /** A working folder with nothing in it, and an install (a jar's folder) with config/ and seeds/. */
    private Installation layout(boolean installHasFiles) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path install = Files.createDirectories(dir.resolve("install"));
        Path jarDir = Files.createDirectories(install.resolve("target"));
        if (installHasFiles) {
            Files.createDirectories(install.resolve("config"));
            Files.writeString(install.resolve("config/paperscout.properties"), "seeds.dir=seeds\nconsole.user=installed\n");
            Files.createDirectories(install.resolve("seeds"));
        }
        return new Installation(List.of(work, jarDir, install));
    }

    @Test
    void fromAnotherFolderTheConfigAndSeedsBesideTheJarAreUsedAndNamed() throws Exception {
        Settings s = Settings.locate(null, Map.of(), layout(true));
        AppConfig c = AppConfig.from(s);
        assertThat(c.consoleUser()).isEqualTo("installed");
        assertThat(c.seedsDir()).contains(dir.resolve("install/seeds"));
        assertThat(c.startLine()).isEqualTo("Config: " + dir.resolve("install/config/paperscout.properties")
                + ". Seeds: " + dir.resolve("install/seeds") + " (indexed when the index is empty).");
    }

    @Test
    void withNothingOnDiskTheBuiltInConfigAndSeedsAreUsedAndSaidSo() throws Exception {
        Settings s = Settings.locate(null, Map.of(), layout(false));
        AppConfig c = AppConfig.from(s);
        assertThat(c.seedsDir()).isEmpty();
        assertThat(c.startLine()).startsWith("Config: the built-in defaults (no config/paperscout.properties in "
                + "the working folder or beside the jar). Seeds: the copy built into the jar");
        // The built-in config is the committed file, so the defaults it sets are the real ones.
        assertThat(s.raw("sources.arxiv.categories")).contains("cs.CL, cs.LG, cs.AI, cs.CV, stat.ML");
        try (Installation.BuiltInSeeds seeds = Installation.openBuiltInSeeds()) {
            assertThat(seeds).isNotNull();
            try (var files = Files.list(seeds.dir())) {
                assertThat(files.map(f -> f.getFileName().toString())).contains("hf-papers-memorization.txt");
            }
        }
    }

    @Test
    void aConfigFileGivenExplicitlyMustExist() {
        Path missing = dir.resolve("nonexistent.properties");
        assertThatThrownBy(() -> Settings.locate(missing, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage("--config " + missing + ": no such file. Give an existing properties file, or leave "
                        + "--config out to use config/paperscout.properties.");
    }

    @Test
    void anExplicitSeedsFolderThatDoesNotExistIsRefused() throws Exception {
        Settings s = Settings.locate(null, Map.of("PAPERSCOUT_SEEDS_DIR", dir.resolve("no-such").toString()),
                layout(true));
        assertThatThrownBy(() -> AppConfig.from(s)).isInstanceOf(ConfigException.class)
                .hasMessage("invalid value for seeds.dir (PAPERSCOUT_SEEDS_DIR): expected an existing folder, got '"
                        + dir.resolve("no-such") + "'");
        Path mine = Files.createDirectories(dir.resolve("mine"));
        assertThat(AppConfig.from(Settings.of(Map.of("seeds.dir", mine.toString()))).seedsDir())
                .isEqualTo(Optional.of(mine));
    }

    @Test
    void anUnknownLogLevelIsRefusedNamingTheKeyAndTheLevels() {
        assertThatThrownBy(() -> AppConfig.from(Settings.of(Map.of("log.level", "LOUD"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value for log.level (PAPERSCOUT_LOG_LEVEL): expected one of TRACE, DEBUG, INFO, "
                        + "WARN, ERROR, OFF, got 'LOUD'");
        assertThat(AppConfig.from(Settings.of(Map.of("log.level", "info"))).consoleUser()).isEqualTo("local");
    }

    @Test
    void aSearchTimeoutUnderTenMillisecondsIsRefused() {
        Settings zero = Settings.of(Map.of("search.timeout", "0s"));
        assertThatThrownBy(() -> SearchConfig.from(zero)).isInstanceOf(ConfigException.class)
                .hasMessage("invalid value for search.timeout (PAPERSCOUT_SEARCH_TIMEOUT): expected a duration of at "
                        + "least 10ms, such as 2s, got '0s'");
        assertThatThrownBy(() -> SearchConfig.from(Settings.of(Map.of("search.timeout", "9ms"))))
                .isInstanceOf(ConfigException.class);
        assertThat(SearchConfig.from(Settings.of(Map.of("search.timeout", "10ms"))).timeout())
                .isEqualTo(Duration.ofMillis(10));
    }
}
