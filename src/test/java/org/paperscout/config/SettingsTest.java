package org.paperscout.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void environmentOverridesTheFileWithUpperCaseUnderscoredNames() throws Exception {
        Path file = dir.resolve("p.properties");
        Files.writeString(file, "search.cache-size=10\nsearch.timeout=2s\n");
        Settings s = Settings.load(file, Map.of("PAPERSCOUT_SEARCH_CACHE_SIZE", "20"));
        assertThat(s.integer("search.cache-size", 1, 0, 100)).isEqualTo(20);
        assertThat(s.duration("search.timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Settings.envName("data.dir")).isEqualTo("PAPERSCOUT_DATA_DIR");
    }

    @Test
    void anInvalidValueNamesTheKeyItsVariableAndTheExpectedForm() {
        Settings s = Settings.of(Map.of("search.cache-size", "lots", "search.timeout", "soon"));
        assertThatThrownBy(() -> s.integer("search.cache-size", 1, 0, 100)).isInstanceOf(ConfigException.class)
                .hasMessage("invalid value for search.cache-size (PAPERSCOUT_SEARCH_CACHE_SIZE): expected an "
                        + "integer from 0 to 100, got 'lots'");
        assertThatThrownBy(() -> s.duration("search.timeout", Duration.ZERO)).hasMessageContaining("30s, 15m");
    }

    @Test
    void unsetAndBlankValuesFallBackToDefaults() {
        Settings s = Settings.of(Map.of("a", " "));
        assertThat(s.string("a", "d")).isEqualTo("d");
        assertThat(s.bool("b", true)).isTrue();
    }
}
