package org.paperscout.digest;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/** Which local days a digest runs on. */
public enum DigestDays {
    EVERY_DAY("every day", "every_day"),
    WEEKDAYS("weekdays", "weekdays"),
    /** The weekly cadence of emerging-topic alerts; not offered for digests. */
    MONDAYS("Mondays", "mondays");

    private final String label;
    private final String word;

    DigestDays(String label, String word) {
        this.label = label;
        this.word = word;
    }

    /** As users see and type it: "every day", "weekdays". */
    public String label() {
        return label;
    }

    /** As stored. */
    String word() {
        return word;
    }

    public boolean includes(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return switch (this) {
            case EVERY_DAY -> true;
            case WEEKDAYS -> d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
            case MONDAYS -> d == DayOfWeek.MONDAY;
        };
    }

    /** Accepts the label, the stored word, or the constant name, in any case. */
    public static Optional<DigestDays> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ');
        for (DigestDays d : values()) {
            if (d.label.equals(t) || d.word.replace('_', ' ').equals(t) || (d == EVERY_DAY && t.equals("daily"))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
