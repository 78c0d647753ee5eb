package org.paperscout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The trending aggregate is SQL with per-engine details (index hint, counting by kind); both must agree. */
@ParameterizedClass
@EnumSource(Engine.class)
class EngagementTotalsTest {

    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    @Test
    void countsPeoplePerKindAndSumsTheDecayedWeightsInTheWindowOnly() {
        TestClock clock = TestClock.at("2026-11-20T12:00:00Z");
        try (Database db = engine.open(dir, clock)) {
            EventStore events = new EventStore(db, clock);
            events.record("old", "p1", EngagementKind.VOTE); // before the window
            clock.advance(Duration.ofDays(7));
            events.record("a", "p1", EngagementKind.VOTE);
            events.record("b", "p1", EngagementKind.VOTE);
            events.record("b", "p1", EngagementKind.SAVE);
            assertThat(events.record("b", "p1", EngagementKind.SAVE)).as("once per person and kind").isFalse();
            clock.advance(Duration.ofDays(1));
            events.record("a", "p2", EngagementKind.CLICK);
            events.record("c", "p2", EngagementKind.EXPAND);

            Instant now = clock.instant();
            List<EngagementTotals.PaperEngagement> totals = new EngagementTotals(db)
                    .since(Instant.parse("2026-11-25T00:00:00Z"), now, Duration.ofDays(1),
                            Map.of(EngagementKind.VOTE, 3.0, EngagementKind.SAVE, 2.0, EngagementKind.CLICK, 1.0,
                                    EngagementKind.EXPAND, 0.5))
                    .stream().sorted(Comparator.comparing(EngagementTotals.PaperEngagement::paperId)).toList();

            assertThat(totals).extracting(EngagementTotals.PaperEngagement::paperId).containsExactly("p1", "p2");
            EngagementTotals.PaperEngagement p1 = totals.get(0);
            assertThat(List.of(p1.votes(), p1.saves(), p1.clicks(), p1.expands())).containsExactly(2, 1, 0, 0);
            assertThat(p1.decayed()).as("(3 + 3 + 2) halved by a day's age").isCloseTo(4.0, within(1e-9));
            EngagementTotals.PaperEngagement p2 = totals.get(1);
            assertThat(List.of(p2.votes(), p2.saves(), p2.clicks(), p2.expands())).containsExactly(0, 0, 1, 1);
            assertThat(p2.decayed()).isCloseTo(1.5, within(1e-9));
        }
    }
}
