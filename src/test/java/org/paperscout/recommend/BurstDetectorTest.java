package org.paperscout.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BurstDetectorTest {

    @Test
    void poissonTailsMatchTheirClosedForms() {
        assertEquals(Math.log10(1 - Math.exp(-1)), BurstDetector.log10PoissonTail(1, 1.0), 1e-12);
        assertEquals(Math.log10(1 - Math.exp(-2) * (1 + 2)), BurstDetector.log10PoissonTail(2, 2.0), 1e-12);
        // Far in the tail, where 1 - CDF is 0 in doubles: the terms themselves, about 1e-60, are still doubles.
        double tail = 0;
        for (int k = 40; k < 120; k++) {
            tail += Math.exp(-0.5 + k * Math.log(0.5) - logFactorial(k));
        }
        assertEquals(Math.log10(tail), BurstDetector.log10PoissonTail(40, 0.5), 1e-9);
    }

    @Test
    void aTopicReturningToItsEarlierHighIsNotABurst() {
        // 10 papers now, and 10 three weeks ago: three times its average share, but no higher than before.
        Map<String, Set<String>> now = Map.of("state space", papers("n", 10));
        List<BurstDetector.Earlier> earlier = List.of(new BurstDetector.Earlier(400, Map.of()),
                new BurstDetector.Earlier(400, Map.of()), new BurstDetector.Earlier(400, Map.of("state space", 10)),
                new BurstDetector.Earlier(400, Map.of()));
        assertEquals(List.of(), BurstDetector.DEFAULT.detect(new BurstDetector.Current(400, now), earlier));
    }

    @Test
    void phrasesSharingMostPapersAreOneTopicNamedByTheLongerWhenItCoversThem() {
        Set<String> ten = papers("p", 10);
        Set<String> nine = new HashSet<>(ten);
        nine.remove("p0");
        Map<String, Set<String>> now = Map.of("state space", ten, "state space model", nine, "space model", nine,
                "graph kernel", papers("g", 6));
        List<BurstDetector.Earlier> earlier = List.of(new BurstDetector.Earlier(400, Map.of()),
                new BurstDetector.Earlier(400, Map.of()));
        List<String> keys = BurstDetector.DEFAULT.detect(new BurstDetector.Current(400, now), earlier).stream()
                .map(BurstDetector.Burst::key).toList();
        assertEquals(List.of("state space model", "graph kernel"), keys);
    }

    private static Set<String> papers(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).collect(Collectors.toSet());
    }

    private static double logFactorial(int n) {
        double s = 0;
        for (int i = 2; i <= n; i++) {
            s += Math.log(i);
        }
        return s;
    }
}
