package org.paperscout.recommend;

import java.util.List;

/**
 * The emerging-topic quality check behind README's figures: over many generated corpora (5 weeks, 400 papers a
 * week, 150 topics at steady rates from 40 a week down to 0.27), how often a planted topic of a given size is found,
 * and how many topics are reported where none was planted ({@code bench emerging [corpora]}).
 */
public final class EmergingQuality {

    private EmergingQuality() {
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int falseTopics = 0;
        int corporaWithFalse = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            int n = EmergingTopics.topics(new EmergingTopicsTest.Corpus(seed).steady().papers,
                    EmergingTopicsTest.TODAY, TrendingWindow.WEEK, 100).size();
            falseTopics += n;
            corporaWithFalse += n > 0 ? 1 : 0;
        }
        System.out.printf("no burst planted: %d topics reported over %d corpora (%d corpora with any)%n",
                falseTopics, seeds, corporaWithFalse);
        for (int size : new int[] {4, 5, 6, 8, 12}) {
            int found = 0;
            int others = 0;
            for (long seed = 1; seed <= seeds; seed++) {
                List<EmergingTopics.Topic> topics = EmergingTopics.topics(new EmergingTopicsTest.Corpus(1000 + seed)
                        .steady().plant("quantum dropout", size).papers, EmergingTopicsTest.TODAY, TrendingWindow.WEEK, 100);
                found += topics.stream().anyMatch(t -> t.phrase().equals("quantum dropout")) ? 1 : 0;
                others += (int) topics.stream().filter(t -> !t.phrase().equals("quantum dropout")).count();
            }
            System.out.printf("planted %2d papers (1 the week before): found in %d of %d corpora, %d other topics%n",
                    size, found, seeds, others);
        }
    }
}
