package org.paperscout.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperscout.config.ConfigException;
import org.paperscout.config.Settings;

class SourcesConfigTest {

    @Test
    void theCommittedPropertiesFileSaysWhatTheBuiltInDefaultsSay() {
        SourcesConfig fromFile = SourcesConfig.from(Settings.load(Path.of("config/paperscout.properties"), Map.of()));
        assertThat(fromFile).isEqualTo(SourcesConfig.defaults());
        assertThat(fromFile.arxivMinInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(fromFile.pollInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(fromFile.arxivQuery()).isEqualTo("cat:cs.CL OR cat:cs.LG OR cat:cs.AI OR cat:cs.CV OR cat:stat.ML");
    }

    @Test
    void theEnvironmentPointsASourceElsewhere() {
        Settings s = Settings.load(Path.of("config/paperscout.properties"),
                Map.of("PAPERSCOUT_SOURCES_ARXIV_URL", "http://127.0.0.1:8080/api/query",
                        "PAPERSCOUT_SOURCES_HF_ENABLED", "false"));
        SourcesConfig c = SourcesConfig.from(s);
        assertThat(c.arxivUrl()).isEqualTo(URI.create("http://127.0.0.1:8080/api/query"));
        assertThat(c.hfEnabled()).isFalse();
    }

    @Test
    void badValuesFailNamingTheKey() {
        assertThatThrownBy(() -> SourcesConfig.from(Settings.of(Map.of("sources.arxiv.url", "ftp://arxiv.org/x"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sources.arxiv.url")
                .hasMessageContaining("PAPERSCOUT_SOURCES_ARXIV_URL");
        assertThatThrownBy(() -> SourcesConfig.from(Settings.of(Map.of("sources.arxiv.categories", "cs.CL, drop table"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sources.arxiv.categories");
        assertThatThrownBy(() -> SourcesConfig.from(Settings.of(Map.of("sources.poll-interval", "0s"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sources.poll-interval");
        assertThatThrownBy(() -> SourcesConfig.from(Settings.of(Map.of("sources.arxiv.min-interval", "-3s"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sources.arxiv.min-interval");
    }

    @Test
    void categoriesMustBeArxivsOwnAndAreTakenInTheirCanonicalCase() {
        assertThatThrownBy(() -> SourcesConfig.from(Settings.of(Map.of("sources.arxiv.categories", "cs.CL, cs.XX"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value for sources.arxiv.categories (PAPERSCOUT_SOURCES_ARXIV_CATEGORIES): expected "
                        + "a comma-separated list of arXiv categories such as cs.CL, stat.ML (cs.XX is not one; see "
                        + "https://arxiv.org/category_taxonomy), got 'cs.CL, cs.XX'");
        assertThat(SourcesConfig.from(Settings.of(Map.of("sources.arxiv.categories", "cs.lg, STAT.ML")))
                .arxivCategories()).containsExactly("cs.LG", "stat.ML");
    }
}
