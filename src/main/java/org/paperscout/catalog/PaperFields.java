package org.paperscout.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The clean-up and limits every reader applies, so a paper looks the same whichever format it came from and no
 * single record can blow up the index or a Discord embed.
 */
final class PaperFields {

    static final int MAX_TITLE_CHARS = 1_000;
    static final int MAX_ABSTRACT_CHARS = 20_000;
    /** Collaboration papers (ATLAS, CMS) list about 3,000 authors; 5,000 leaves room without being unbounded. */
    static final int MAX_AUTHORS = 5_000;
    static final int MAX_AUTHOR_CHARS = 300;
    static final int MAX_CATEGORIES = 50;
    static final int MAX_CATEGORY_CHARS = 64;
    static final int MAX_URL_CHARS = 2_000;
    /** How much of a bad value is quoted back in a problem message. */
    private static final int QUOTE_CHARS = 60;

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private PaperFields() {
    }

    /**
     * Treated as a word break: whitespace (including no-break and other Unicode spaces), control characters, the
     * byte order mark and zero-width space. Scraped and XML text is full of newlines, indentation and stray NBSPs.
     */
    static boolean isSpace(int cp) {
        if (cp < 0x80) {
            return cp <= 0x20 || cp == 0x7F; // the same answer as below for ASCII, without the Unicode tables
        }
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)
                || cp == 0xFEFF || cp == 0x200B;
    }

    /** Whitespace runs collapsed to one space, trimmed; null becomes "". Text is otherwise kept as is. */
    static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        if (alreadyClean(raw)) {
            return raw; // most fields from JSON Lines and the APIs: one scan, no copy (ingest profile: 13% in here)
        }
        BoundedText text = new BoundedText(Integer.MAX_VALUE);
        text.append(raw);
        return text.toString();
    }

    /**
     * What {@code clean(s).isEmpty()} says, without building the cleaned copy: every line of a JSON Lines file is
     * checked, and a whole-line clean-up was 5% of an ingest's profile.
     */
    static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!isSpace(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** No leading, trailing or doubled space and no other space-like character: what clean would return as is. */
    static boolean alreadyClean(String s) {
        boolean afterSpace = true; // a leading space is not clean
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                if (afterSpace) {
                    return false;
                }
                afterSpace = true;
            } else if (isSpace(c)) { // a surrogate half is never a space: every space-like code point is in the BMP
                return false;
            } else {
                afterSpace = false;
            }
        }
        return !afterSpace || s.isEmpty();
    }

    static String requireTitle(String raw) throws BadRecordException {
        String title = clean(raw);
        if (title.isEmpty()) {
            throw new BadRecordException("the title is empty");
        }
        if (title.length() > MAX_TITLE_CHARS) {
            throw new BadRecordException(tooLong("the title", title.length(), MAX_TITLE_CHARS));
        }
        return title;
    }

    static String requireAbstract(String raw, String title) throws BadRecordException {
        String abstractText = clean(raw);
        if (abstractText.isEmpty()) {
            throw new BadRecordException("the abstract of " + quote(title) + " is empty");
        }
        if (abstractText.length() > MAX_ABSTRACT_CHARS) {
            throw new BadRecordException(tooLong("the abstract of " + quote(title), abstractText.length(),
                    MAX_ABSTRACT_CHARS));
        }
        return abstractText;
    }

    /** Cleaned author names in order; blank names are dropped (sources pad lists with empty strings). */
    static List<String> authors(List<String> raw) throws BadRecordException {
        if (raw.size() > MAX_AUTHORS) {
            throw new BadRecordException(tooMany("authors", raw.size(), MAX_AUTHORS));
        }
        List<String> names = new ArrayList<>(raw.size());
        for (String r : raw) {
            String name = clean(r);
            if (name.length() > MAX_AUTHOR_CHARS) {
                throw new BadRecordException(tooLong("an author name", name.length(), MAX_AUTHOR_CHARS));
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** Cleaned categories, blanks dropped, duplicates removed keeping the first (the primary) in front. */
    static List<String> categories(List<String> raw) throws BadRecordException {
        LinkedHashSet<String> terms = new LinkedHashSet<>();
        for (String r : raw) {
            String term = clean(r);
            if (term.length() > MAX_CATEGORY_CHARS) {
                throw new BadRecordException(tooLong("a category", term.length(), MAX_CATEGORY_CHARS));
            }
            if (!term.isEmpty()) {
                terms.add(term);
            }
        }
        if (terms.size() > MAX_CATEGORIES) {
            throw new BadRecordException(tooMany("categories", terms.size(), MAX_CATEGORIES));
        }
        return List.copyOf(terms);
    }

    /** A strict {@code YYYY-MM-DD} calendar date. */
    static LocalDate isoDate(String raw, String field) throws BadRecordException {
        String value = raw.strip();
        if (ISO_DATE.matcher(value).matches()) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                // falls through to the message below: 2024-02-30 has the shape but is no date
            }
        }
        throw new BadRecordException(field + " " + quote(value) + " is not a date like 2024-06-14");
    }

    /**
     * A timestamp as the APIs send it ({@code 2024-06-14T17:44:41Z}, with or without fraction or offset), as its
     * UTC calendar date; a bare {@code YYYY-MM-DD} is accepted too.
     */
    static LocalDate timestampDate(String raw, String field) throws BadRecordException {
        String value = raw.strip();
        if (ISO_DATE.matcher(value).matches()) {
            return isoDate(value, field);
        }
        try {
            return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new BadRecordException(field + " " + quote(value) + " is not a timestamp like 2024-06-14T17:44:41Z");
        }
    }

    /** An absolute http(s) link; anything else (javascript:, data:, relative) could end up clickable in Discord. */
    static String httpUrl(String raw, String field) throws BadRecordException {
        String value = raw.strip();
        if (value.length() > MAX_URL_CHARS) {
            throw new BadRecordException(tooLong(field, value.length(), MAX_URL_CHARS));
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // reported below with the same words as a non-http link
        }
        throw new BadRecordException(field + " " + quote(value) + " is not an http(s) link");
    }

    /**
     * An arXiv id as people write it ({@code 2406.10209}, {@code 2406.10209v2}, {@code arXiv:2406.10209},
     * {@code hep-th/9901001}) without version, or null if the whole value is not one.
     */
    static String wholeArxivId(String raw) {
        String value = raw.strip();
        if (value.regionMatches(true, 0, "arxiv:", 0, 6)) {
            value = value.substring(6);
        }
        value = value.replaceFirst("(?i)v\\d+$", "").toLowerCase(Locale.ROOT);
        return PaperIds.isArxivId(value) ? value : null;
    }

    static String quote(String value) {
        String shown = value.length() > QUOTE_CHARS ? value.substring(0, QUOTE_CHARS) + "…" : value;
        return "\"" + shown + "\"";
    }

    static String tooMany(String what, long count, int max) {
        return String.format(Locale.ROOT, "it has %,d %s, more than the %,d allowed", count, what, max);
    }

    static String tooLong(String what, long length, int max) {
        return String.format(Locale.ROOT, "%s is %,d characters, more than the %,d allowed", what, length, max);
    }
}
