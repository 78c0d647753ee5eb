package org.paperscout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperscout.config.ConfigException;
import org.paperscout.config.Settings;

class StoreLocationTest {

    @Test
    void emptyMeansSqliteInTheDataFolderAndAPostgresUrlMeansPostgres() {
        assertThat(StoreLocation.from(Settings.of(Map.of())).isPostgres()).isFalse();
        StoreLocation pg = StoreLocation.from(Settings.of(Map.of("store.url", "jdbc:postgresql://db:5432/ps",
                "store.user", "bot", "store.password", "hunter2")));
        assertThat(pg.isPostgres()).isTrue();
        assertThat(pg.credentials()).containsEntry("user", "bot").containsEntry("password", "hunter2");
    }

    @Test
    void neverShowsThePasswordNorTheQueryStringThatMayCarryOne() {
        StoreLocation pg = StoreLocation.postgres("jdbc:postgresql://db:5432/ps?password=hunter2&ssl=true", "bot", "hunter2");
        assertThat(pg.toString()).isEqualTo("PostgreSQL jdbc:postgresql://db:5432/ps").doesNotContain("hunter2");
    }

    @Test
    void anotherEngineIsAConfigurationErrorNamingTheVariable() {
        assertThatThrownBy(() -> StoreLocation.from(Settings.of(Map.of("store.url", "jdbc:mysql://db/ps"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PAPERSCOUT_STORE_URL")
                .hasMessageContaining("jdbc:postgresql://");
    }
}
