package org.paperscout.recommend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperscout.commands.Text;
import org.paperscout.i18n.Messages;
import org.paperscout.search.TopicMatch;

/**
 * Why a paper is on someone's page, with the evidence that bears it out (which words and where, which liked
 * paper and how close), so a test can check each one against the paper. All the wording is here.
 */
public sealed interface Reason {

    /** The reason in words, as a card shows it. */
    default String text() {
        return text(Messages.of(Messages.ENGLISH));
    }

    /** The reason in the language of {@code m}; titles, topics, names and words from the paper stay as they are. */
    String text(Messages m);

    /** A similarity as cards show it: two decimals, rounded half up as English always showed it. */
    private static BigDecimal twoDecimals(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    /** A followed topic whose words the paper contains. */
    record Topic(String topic, TopicMatch match) implements Reason {
        @Override
        public String text(Messages m) {
            // Grouped by where the words are, so each clause is true of every word it names.
            Map<String, List<String>> byPlace = new LinkedHashMap<>();
            for (String place : List.of("both", "title", "abstract")) {
                byPlace.put(place, new ArrayList<>());
            }
            for (TopicMatch.Word w : match.words()) {
                String place = w.inTitle() && w.inAbstract() ? "both" : w.inTitle() ? "title" : "abstract";
                byPlace.get(place).add("'" + w.word() + "'");
            }
            List<String> clauses = new ArrayList<>();
            byPlace.forEach((place, words) -> {
                if (!words.isEmpty()) {
                    clauses.add(m.get("reason.in-" + place, "words", list(words, m)));
                }
            });
            return m.get("reason.topic", "topic", topic, "clauses", String.join("; ", clauses));
        }
    }

    /**
     * A followed topic the paper is close to in meaning, though it lacks some of the topic's words: found by the
     * embeddings of the topic and the paper, and only said when their cosine is at least
     * {@link CloseInMeaning#MIN_COSINE}.
     */
    record TopicInMeaning(String topic, double cosine) implements Reason {
        @Override
        public String text(Messages m) {
            return m.get("reason.topic-meaning", "topic", topic, "cosine", twoDecimals(cosine));
        }
    }

    /** An author the user follows is among the paper's authors ({@code name} as the user typed it). */
    record Author(String name) implements Reason {
        @Override
        public String text(Messages m) {
            return m.get("reason.author", "name", name);
        }
    }

    /** The paper is in a category the user follows. */
    record Category(String code) implements Reason {
        @Override
        public String text(Messages m) {
            return m.get("reason.category", "code", code);
        }
    }

    /**
     * Close to a paper the user liked or saved.
     *
     * @param how        {@code liked} or {@code saved}
     * @param similarity cosine of the two papers' analysed words (see {@link TextSimilarity})
     */
    record Similar(String paperId, String title, String how, double similarity) implements Reason {
        @Override
        public String text(Messages m) {
            return m.get("reason.similar", "title", Text.truncate(title, 80), "how", how,
                    "similarity", twoDecimals(similarity));
        }
    }

    /**
     * Close in meaning to a paper the user liked or saved: found by the embeddings of the two papers, not by shared
     * words, and only said when their cosine is at least {@link #MIN_COSINE}.
     *
     * @param cosine cosine of the two papers' embeddings (title and abstract)
     */
    record CloseInMeaning(String paperId, String title, String how, double cosine) implements Reason {
        /**
         * Below this, two abstracts are rarely on the same subject (MiniLM, checked on CACM); and a short query's
         * nearest papers at or above it are judged relevant as often as BM25's first page is (CACM's 39 short
         * queries: precision 0.326 at 0.50 against /search's precision@10 of 0.323; 0.265 at 0.45, 0.464 at 0.55;
         * {@code TopicMeaningMeasurement}), so topic follows use it too.
         */
        public static final double MIN_COSINE = 0.5;

        @Override
        public String text(Messages m) {
            return m.get("reason.meaning", "title", Text.truncate(title, 80), "how", how,
                    "cosine", twoDecimals(cosine));
        }
    }

    /**
     * Trending this week; {@code parts} are the trending score's named parts ("3 people engaged", ...), in English,
     * as of {@code today}, with newness among them or not; other languages word the same parts afresh.
     */
    record Trending(TrendingPaper paper, List<String> parts, LocalDate today, boolean withNewness) implements Reason {
        public Trending {
            parts = List.copyOf(parts);
        }

        @Override
        public String text(Messages m) {
            List<String> worded = m.locale().equals(Messages.ENGLISH) ? parts
                    : TrendingService.parts(paper, today, withNewness, m);
            return m.get("reason.trending", "parts", String.join(" · ", worded));
        }
    }

    /** Published today or yesterday. */
    record New(LocalDate published, LocalDate today) implements Reason {
        @Override
        public String text(Messages m) {
            return m.get("trending.part-new", "days", published.equals(today) ? 0 : 1);
        }
    }

    private static String list(List<String> words, Messages m) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return m.get("reason.list", "first", String.join(", ", words.subList(0, words.size() - 1)),
                "last", words.get(words.size() - 1));
    }
}
