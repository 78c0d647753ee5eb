package org.paperscout.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperscout.config.ConfigException;
import org.paperscout.config.Settings;

class RetentionConfigTest {

    @Test
    void ninetyDaysUnlessSetAndTooShortARetentionIsRefusedWithTheKeyAndItsVariable() {
        assertThat(RetentionConfig.from(Settings.of(Map.of())).retention()).isEqualTo(Duration.ofDays(90));
        assertThat(RetentionConfig.from(Settings.of(Map.of("store.retention", "30d"))).retention())
                .isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> RetentionConfig.from(Settings.of(Map.of("store.retention", "2d"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value for store.retention (PAPERSCOUT_STORE_RETENTION): expected a duration "
                        + "from 14d to 3650d, e.g. 90d, got '2d'");
    }
}
