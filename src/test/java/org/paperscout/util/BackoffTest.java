package org.paperscout.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff minuteToHour = new Backoff(Duration.ofMinutes(1), Duration.ofHours(1));

    @Test
    void theFirstWaitIsFirstAndEachFailureDoublesIt() {
        assertThat(minuteToHour.delay(0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(minuteToHour.delay(1)).isEqualTo(Duration.ofMinutes(2));
        assertThat(minuteToHour.delay(2)).isEqualTo(Duration.ofMinutes(4));
        assertThat(minuteToHour.delay(5)).isEqualTo(Duration.ofMinutes(32));
    }

    @Test
    void waitsStopAtTheCapAndALongOutageNeverOverflows() {
        assertThat(minuteToHour.delay(6)).isEqualTo(Duration.ofHours(1));
        assertThat(minuteToHour.delay(7)).isEqualTo(Duration.ofHours(1));
        assertThat(minuteToHour.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aCapBelowTheFirstWaitMakesEveryWaitTheCap() {
        Backoff b = new Backoff(Duration.ofMinutes(5), Duration.ofMinutes(2));
        assertThat(b.delay(0)).isEqualTo(Duration.ofMinutes(2));
        assertThat(b.delay(3)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void equalJitterKeepsHalfTheWaitAndSpreadsTheOtherHalf() {
        Backoff b = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(60));
        // 2 s doubled twice is 8 s: between 4 s (random 0) and just under 8 s (random towards 1).
        assertThat(b.jittered(2, () -> 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.jittered(2, () -> 0.5)).isEqualTo(Duration.ofSeconds(6));
        assertThat(b.jittered(2, () -> 0.999)).isEqualTo(Duration.ofMillis(7996));
        // The cap bounds the jittered wait too.
        assertThat(b.jittered(10, () -> 0.0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.jittered(10, () -> 0.999)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void aWaitOfZeroIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
