package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperscout.config.Settings;

class DigestConfigTest {

    @Test
    void theLeaseIsTwoMinutesUnlessSetAndMustCoverASend() {
        assertThat(DigestConfig.from(Settings.of(Map.of())).lease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(DigestConfig.from(Settings.of(Map.of("digest.lease", "30s"))).lease())
                .isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> DigestConfig.from(Settings.of(Map.of("digest.lease", "1s"))))
                .hasMessageContaining("digest.lease").hasMessageContaining("5s to 1h");
        assertThatThrownBy(() -> DigestConfig.from(Settings.of(Map.of("digest.lease", "2h"))))
                .hasMessageContaining("digest.lease");
    }

    @Test
    void aProcessPacesAtItsShareOfTheBotsRate() {
        DigestConfig whole = DigestConfig.from(Settings.of(Map.of("digest.sends-per-second", "40")));
        assertThat(whole.processSendsPerSecond()).isEqualTo(40.0);
        assertThat(whole.withShare(6 / 16.0).processSendsPerSecond()).isEqualTo(15.0);
        assertThat(whole.withShare(5 / 16.0).processSendsPerSecond()).isEqualTo(12.5);
        assertThatThrownBy(() -> whole.withShare(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> whole.withShare(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
