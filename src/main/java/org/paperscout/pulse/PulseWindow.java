package org.paperscout.pulse;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The /pulse windows: three months by week, one or five years by month, each ending with the current period. */
public enum PulseWindow {
    THREE_MONTHS("3m", "the last 3 months", 13, true),
    ONE_YEAR("1y", "the last year", 12, false),
    FIVE_YEARS("5y", "the last 5 years", 60, false);

    private final String word;
    private final String phrase;
    private final int periods;
    private final boolean weekly;

    PulseWindow(String word, String phrase, int periods, boolean weekly) {
        this.word = word;
        this.phrase = phrase;
        this.periods = periods;
        this.weekly = weekly;
    }

    public String word() {
        return word;
    }

    public String phrase() {
        return phrase;
    }

    public String periodWord() {
        return weekly ? "week" : "month";
    }

    public static Optional<PulseWindow> parse(String text) {
        String t = text == null ? "" : text.strip();
        for (PulseWindow w : values()) {
            if (w.word.equalsIgnoreCase(t)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    /** The first day of each period, oldest first; the last one contains {@code today}. Weeks start on Monday. */
    List<LocalDate> starts(LocalDate today) {
        LocalDate last = weekly ? today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : today.withDayOfMonth(1);
        List<LocalDate> out = new ArrayList<>(periods);
        for (int i = periods - 1; i >= 0; i--) {
            out.add(weekly ? last.minusWeeks(i) : last.minusMonths(i));
        }
        return out;
    }

    /** The label under a period's bar: a week's Monday, a month's name, or on five years only each January's year. */
    String label(LocalDate start) {
        if (weekly) {
            return start.getDayOfMonth() + " " + start.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        }
        if (this == FIVE_YEARS) {
            return start.getMonthValue() == 1 ? Integer.toString(start.getYear()) : "";
        }
        return start.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }
}
