package org.paperscout.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;

/** Three trending papers per UTC day of the window, and a pool of 1,000 papers for personal picks. */
final class FakeContent implements DigestContent {

    volatile String failForTopic;
    /** What {@link #emergingTopics()} answers (null: no topic emerged). */
    volatile org.paperscout.commands.Reply emerging;

    @Override
    public org.paperscout.commands.Reply emergingTopics(java.util.Locale locale) {
        return emerging;
    }

    static Paper paper(String id) {
        return new Paper(id, "Paper " + id, "A first sentence about " + id + ". More text follows here.",
                List.of("Ada Lovelace", "Alan Turing"), List.of("cs.LG"), LocalDate.of(2026, 1, 1),
                new PaperLinks("https://arxiv.org/abs/" + id, "https://arxiv.org/pdf/" + id, null), 0, "seed");
    }

    @Override
    public Ranked trending(Instant since, Instant until, String topic, int offset, int limit) {
        if (topic != null && topic.equals(failForTopic)) {
            throw new IllegalStateException("content failure for " + topic);
        }
        List<Pick> all = new ArrayList<>();
        for (LocalDate d = since.atZone(ZoneOffset.UTC).toLocalDate(); d.isBefore(until.atZone(ZoneOffset.UTC)
                .toLocalDate()); d = d.plusDays(1)) {
            for (int i = 0; i < 3; i++) {
                all.add(new Pick(paper("t" + d + "x" + i), List.of("trending")));
            }
        }
        return new Ranked(all.stream().skip(offset).limit(limit).toList(), Math.max(0, all.size()));
    }

    @Override
    public Ranked recommended(String userId, Set<String> exclude, Instant until, int limit) {
        List<Pick> picks = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < 1000; i++) {
            String id = "r" + i;
            if (!exclude.contains(id)) {
                total++;
                if (picks.size() < limit) {
                    picks.add(new Pick(paper(id), List.of("matches your follows")));
                }
            }
        }
        return new Ranked(picks, total);
    }
}
