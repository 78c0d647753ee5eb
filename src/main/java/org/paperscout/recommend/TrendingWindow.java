package org.paperscout.recommend;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The /trending windows: only engagement inside the window counts, and papers younger than it get a prior. */
public enum TrendingWindow {
    DAY(1), WEEK(7), MONTH(30);

    private final int days;

    TrendingWindow(int days) {
        this.days = days;
    }

    public int days() {
        return days;
    }

    public Duration length() {
        return Duration.ofDays(days);
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The same in the language of {@code m}. */
    public String phrase(org.paperscout.i18n.Messages m) {
        return m.get("window." + word());
    }

    /** "today", "this week", "this month": how cards and headings say it. */
    public String phrase() {
        return switch (this) {
            case DAY -> "today";
            case WEEK -> "this week";
            case MONTH -> "this month";
        };
    }

    public static Optional<TrendingWindow> parse(String word) {
        for (TrendingWindow w : values()) {
            if (w.word().equalsIgnoreCase(word == null ? "" : word.strip())) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }
}
