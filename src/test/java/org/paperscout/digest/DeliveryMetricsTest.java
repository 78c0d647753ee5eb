package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.ops.Telemetry;
import org.paperscout.store.Database;
import org.paperscout.store.StoreConfig;
import org.paperscout.store.TestClock;

/** Deliveries are counted by outcome once each, when the ledger records them, never on a no-op repeat. */
class DeliveryMetricsTest {

    @Test
    void aSentAndAMissedDigestAreCountedOnceEach(@TempDir Path dir) {
        TestClock clock = TestClock.at("2026-01-05T09:00:00Z");
        try (Database db = Database.open(dir, StoreConfig.defaults(), clock)) {
            DigestStore store = new DigestStore(db, clock);
            Telemetry metrics = Telemetry.prometheus();
            store.observe(metrics);
            DeliveryLedger ledger = store.ledger();
            Instant due = Instant.parse("2026-01-05T08:00:00Z");
            DeliveryLedger.Claim sent = ledger.claim(DeliveryPolicyTest.DAILY_NINE, LocalDate.of(2026, 1, 5),
                    Delivery.State.PENDING, due, due, false, null);
            ledger.complete(sent.delivery().id(), Delivery.State.SENT, "m1", 5, null);
            ledger.complete(sent.delivery().id(), Delivery.State.SENT, "m1", 5, null); // a late duplicate: no-op
            ledger.claim(DeliveryPolicyTest.DAILY_NINE, LocalDate.of(2026, 1, 4), Delivery.State.MISSED, due, due,
                    false, "the bot was down");
            String scrape = metrics.scrape();
            assertThat(scrape).contains("paperscout_digest_deliveries_total{outcome=\"sent\"} 1.0")
                    .contains("paperscout_digest_deliveries_total{outcome=\"missed\"} 1.0");
        }
    }
}
