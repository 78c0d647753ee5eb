package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CooldownTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final Cooldown cooldown = new Cooldown(3, Duration.ofSeconds(10), ticker);

    @Test
    void allowsTheLimitThenSaysHowLongToWait() {
        assertThat(cooldown.tryAcquire("u")).isZero();
        assertThat(cooldown.tryAcquire("u")).isZero();
        assertThat(cooldown.tryAcquire("u")).isZero();
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());

        assertThat(cooldown.tryAcquire("u")).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void oneUserFloodingDoesNotLimitAnother() {
        for (int i = 0; i < 10; i++) {
            cooldown.tryAcquire("flooder");
        }
        assertThat(cooldown.tryAcquire("flooder")).isPositive();
        assertThat(cooldown.tryAcquire("other")).isZero();
    }

    @Test
    void aNewWindowStartsAfterTheOldOneEnds() {
        for (int i = 0; i < 5; i++) {
            cooldown.tryAcquire("u");
        }
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(cooldown.tryAcquire("u")).isZero();
    }
}
