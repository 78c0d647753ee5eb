package org.paperscout.recommend;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.paperscout.catalog.Paper;
import org.paperscout.search.RecentWindow;
import org.paperscout.search.SearchService;
import org.paperscout.search.TopicMatch;

/**
 * The reasons of a picked candidate. A part is named when it carried a fair share of the score, and only with
 * evidence read from the paper itself; a part the paper does not bear out is never named.
 */
final class Explainer {

    /** A trending or recency part is named on a card only when it carried at least this share of the score. */
    static final double NAMED_SHARE = 0.2;
    /** A relevance part is named when it is at least this fraction of the largest part. */
    static final double NAMED_SHARE_OF_LARGEST = 0.5;

    private final SearchService search;

    Explainer(SearchService search) {
        this.search = search;
    }

    List<Reason> reasons(Candidate c, Paper paper, RecentWindow.Snapshot window, LocalDate today) {
        List<Reason> reasons = new ArrayList<>();
        double largest = Math.max(Math.max(c.topic, c.author), Math.max(c.category, c.similar));
        double named = largest * NAMED_SHARE_OF_LARGEST;
        if (c.topic > 0 && c.topic >= named && c.topicByMeaning) {
            if (c.topicCosine >= Reason.CloseInMeaning.MIN_COSINE) {
                reasons.add(new Reason.TopicInMeaning(c.topicName, c.topicCosine));
            }
        } else if (c.topic > 0 && c.topic >= named) {
            Optional<TopicMatch> match = window.topicMatch(c.topicName, paper);
            match.ifPresent(m -> reasons.add(new Reason.Topic(c.topicName, m)));
        }
        if (c.author > 0 && c.author >= named && RecentWindow.Snapshot.hasAuthor(paper, c.authorName)) {
            reasons.add(new Reason.Author(c.authorName));
        }
        if (c.category > 0 && c.category >= named && paper.categories().contains(c.categoryName)) {
            reasons.add(new Reason.Category(c.categoryName));
        }
        if (c.similar > 0 && c.similar >= named && c.similarByMeaning) {
            if (c.meaningCosine >= Reason.CloseInMeaning.MIN_COSINE) {
                window.paper(c.similarTo).or(() -> search.paper(c.similarTo)).ifPresent(l -> reasons.add(
                        new Reason.CloseInMeaning(l.id(), l.title(), c.similarHow, c.meaningCosine)));
            }
        } else if (c.similar > 0 && c.similar >= named) {
            Optional<Paper> liked = window.paper(c.similarTo).or(() -> search.paper(c.similarTo));
            liked.ifPresent(l -> {
                double sim = similarity(window, paper, l);
                if (sim > 0) {
                    reasons.add(new Reason.Similar(l.id(), l.title(), c.similarHow, sim));
                }
            });
        }
        // Newness gets a line of its own when recency counted; the trending line then leaves it out, or the card
        // would say "new yesterday" twice.
        boolean fresh = c.recency > 0 && paper.published() != null
                && ChronoUnit.DAYS.between(paper.published(), today) <= 1;
        if (c.trending != null && c.finalScore > 0 && c.trendPart / c.finalScore >= NAMED_SHARE) {
            List<String> parts = TrendingService.parts(c.trending, today, !fresh);
            if (!parts.isEmpty()) {
                reasons.add(new Reason.Trending(c.trending, parts, today, !fresh));
            }
        }
        if (c.recency > 0 && paper.published() != null) {
            long age = ChronoUnit.DAYS.between(paper.published(), today);
            if (age == 0 || age == 1) {
                reasons.add(new Reason.New(paper.published(), today));
            }
        }
        return reasons;
    }

    /** Cosine of the two papers' analysed words, the figure a similar-to reason shows. */
    double similarity(RecentWindow.Snapshot window, Paper a, Paper b) {
        TextSimilarity words = new TextSimilarity();
        return TextSimilarity.cosine(words.vector(search.terms(a)), words.vector(search.terms(b)));
    }
}
