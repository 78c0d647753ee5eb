package org.paperscout.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;
import org.paperscout.search.PaperIndex;
import org.paperscout.search.SearchConfig;
import org.paperscout.search.SearchService;

/**
 * Emerging topics on generated corpora: five weeks of papers whose topic phrases come at steady rates, with and
 * without planted bursts. The planted topics must be found, named as written, with their true counts, and
 * nothing else; a corpus with none must yield none, over many seeds.
 */
class EmergingTopicsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 5);
    private static final String[] STOP = {"the", "of", "and", "we", "in", "for", "a", "to", "is", "with", "on"};

    /** A corpus generator: pseudo-words so no real phrase leaks in, Zipf-ish background, steady topic rates. */
    static final class Corpus {
        final Random random;
        final List<String> words = new ArrayList<>();
        final List<String> topics = new ArrayList<>();
        final double[] weeklyRate;
        final List<Paper> papers = new ArrayList<>();
        int next;

        Corpus(long seed) {
            random = new Random(seed);
            for (int i = 0; i < 2_000; i++) {
                words.add(word());
            }
            weeklyRate = new double[150];
            for (int i = 0; i < weeklyRate.length; i++) {
                topics.add(word() + " " + word());
                weeklyRate[i] = 40.0 / (1 + i); // from 40 papers a week down to a fraction of one
            }
        }

        private String word() {
            StringBuilder w = new StringBuilder();
            int len = 5 + random.nextInt(5);
            for (int i = 0; i < len; i++) {
                w.append((char) ('a' + random.nextInt(26)));
            }
            return w.toString();
        }

        /** Five weeks of 400 papers a week, each with its topics drawn from the steady rates. */
        Corpus steady() {
            for (int week = 0; week < 5; week++) {
                for (int i = 0; i < 400; i++) {
                    List<String> own = new ArrayList<>();
                    for (int t = 0; t < topics.size(); t++) {
                        if (random.nextDouble() < weeklyRate[t] / 400) {
                            own.add(topics.get(t));
                        }
                    }
                    add(week, own);
                }
            }
            return this;
        }

        /** {@code count} more papers in the current week with {@code phrase}, and one a week before it. */
        Corpus plant(String phrase, int count) {
            for (int i = 0; i < count; i++) {
                add(0, List.of(phrase));
            }
            add(1, List.of(phrase));
            return this;
        }

        void add(int weeksAgo, List<String> own) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                if (random.nextDouble() < 0.35) {
                    text.append(STOP[random.nextInt(STOP.length)]);
                } else {
                    text.append(words.get((int) Math.min(words.size() - 1, Math.abs(random.nextGaussian()) * 300)));
                }
                text.append(i % 15 == 14 ? ". " : " ");
                if (i % 20 == 10 && !own.isEmpty()) {
                    text.append("of ").append(own.get((i / 20) % own.size())).append(" and ");
                }
            }
            LocalDate day = TODAY.minusDays(weeksAgo * 7L + random.nextInt(7));
            String id = "p" + next++;
            // Titles differ, as the index merges papers with the same title.
            String title = (own.isEmpty() ? "On " + words.get(random.nextInt(50)) : "Towards " + own.get(0))
                    + ": " + word();
            papers.add(new Paper(id, title, text.toString(), List.of("A. Author"), List.of("cs.LG"), day,
                    PaperLinks.NONE, 0, "test"));
        }
    }

    @Test
    void plantedBurstsAreFoundWithTheirCountsAndNothingElse() {
        Corpus corpus = new Corpus(7).steady().plant("quantum dropout", 12).plant("sparse expert routing", 9);
        List<EmergingTopics.Topic> found = EmergingTopics.topics(corpus.papers, TODAY, TrendingWindow.WEEK, 10);
        assertEquals(List.of("quantum dropout", "sparse expert routing"),
                found.stream().map(EmergingTopics.Topic::phrase).toList(), found.toString());
        EmergingTopics.Topic first = found.get(0);
        assertEquals(12, first.count());
        assertEquals(1, first.before());
        assertEquals(4, first.earlier());
        assertEquals(3, first.papers().size());
        assertTrue(first.papers().stream().allMatch(p -> p.title().contains("quantum dropout")));
        assertTrue(first.papers().stream().allMatch(p -> !p.published().isBefore(TODAY.minusDays(6))));
    }

    @Test
    void eachTopicCarriesItsPapersPerWeekAsTheDetectorCountedThemOldestFirst() {
        Corpus corpus = new Corpus(7).steady();
        int[] weeksAgo = {4, 2, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}; // 1, 0, 2, 1 and then 12
        for (int w : weeksAgo) {
            corpus.add(w, List.of("quantum dropout"));
        }
        List<EmergingTopics.Topic> found = EmergingTopics.topics(corpus.papers, TODAY, TrendingWindow.WEEK, 10);
        assertEquals(List.of("quantum dropout"), found.stream().map(EmergingTopics.Topic::phrase).toList());
        EmergingTopics.Topic t = found.get(0);
        assertEquals(List.of(1, 0, 2, 1, 12), t.series());
        assertEquals(t.count(), t.series().get(t.series().size() - 1));
        assertEquals(t.before(), t.series().get(t.series().size() - 2));
        assertEquals(t.perWindow(), (1 + 0 + 2 + 1) / 4.0, 1e-9);
    }

    @Test
    void aCorpusWithoutBurstsReportsNone() {
        for (long seed = 1; seed <= 20; seed++) {
            Corpus corpus = new Corpus(seed).steady();
            List<EmergingTopics.Topic> found = EmergingTopics.topics(corpus.papers, TODAY, TrendingWindow.WEEK, 10);
            assertEquals(List.of(), found, "seed " + seed);
        }
    }

    @Test
    void fewerPapersThanTheMinimumNeverMakeATrendHoweverOftenOneRepeatsIt() {
        Corpus corpus = new Corpus(3).steady().plant("hyper lattice", 2);
        corpus.add(0, List.of("hyper lattice", "hyper lattice", "hyper lattice"));
        assertEquals(List.of(), EmergingTopics.topics(corpus.papers, TODAY, TrendingWindow.WEEK, 10));
    }

    @Test
    void pluralsCountAsOnePhraseAndTheCommonSpellingNamesIt() {
        Corpus corpus = new Corpus(5).steady();
        IntStream.range(0, 8).forEach(i -> corpus.add(0, List.of("glimmer networks")));
        IntStream.range(0, 3).forEach(i -> corpus.add(0, List.of("glimmer network")));
        List<EmergingTopics.Topic> found = EmergingTopics.topics(corpus.papers, TODAY, TrendingWindow.WEEK, 10);
        assertEquals(1, found.size(), found.toString());
        assertEquals("glimmer networks", found.get(0).phrase());
        assertEquals(11, found.get(0).count());
    }

    @Test
    void aSteadilyCommonTopicIsNotEmergingEvenWhenItIsTheBiggest() {
        Corpus corpus = new Corpus(11).steady();
        String biggest = corpus.topics.get(0);
        List<EmergingTopics.Topic> found = EmergingTopics.topics(corpus.papers, TODAY, TrendingWindow.WEEK, 10);
        assertTrue(found.stream().noneMatch(t -> t.phrase().equals(biggest)));
    }

    @Test
    void theServiceReadsTheIndexesLastWeeksAndKeepsItsAnswerForTheTtl(@TempDir Path dir) throws Exception {
        Corpus corpus = new Corpus(9).steady().plant("quantum dropout", 10);
        try (PaperIndex index = PaperIndex.open(dir.resolve("index"))) {
            index.upsert(corpus.papers);
            Clock clock = Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            EmergingTopics emerging = new EmergingTopics(new SearchService(index, SearchConfig.defaults()), clock,
                    Duration.ofHours(1));
            List<EmergingTopics.Topic> found = emerging.find(TrendingWindow.WEEK, 5);
            assertEquals(List.of("quantum dropout"), found.stream().map(EmergingTopics.Topic::phrase).toList());
            assertEquals(10, found.get(0).count());
            index.upsert(new Corpus(10).plant("cobalt kernels", 12).papers);
            assertEquals(found, emerging.find(TrendingWindow.WEEK, 5), "cached for the ttl");
        }
    }
}
