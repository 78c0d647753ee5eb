package org.paperscout.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Stable paper ids: arXiv ids without version, or a hash of the normalised title. */
public final class PaperIds {

    /** New-style (2007+) arXiv ids, e.g. 2305.00118, and old-style ones, e.g. hep-th/9901001. */
    private static final Pattern ARXIV_ID = Pattern.compile(
            "(?<![\\w.])((?:\\d{4}\\.\\d{4,5})|(?:[a-z][a-z.-]*[a-z]/\\d{7}))(?:v\\d+)?(?![\\w])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WHOLE_ARXIV_ID = Pattern.compile(
            "(?:\\d{4}\\.\\d{4,5})|(?:[a-z][a-z.-]*[a-z]/\\d{7})", Pattern.CASE_INSENSITIVE);
    /** Title hashes carry a prefix no arXiv id can start with, so the two never collide. */
    public static final String TITLE_HASH_PREFIX = "t-";
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{Nd}]+");

    private PaperIds() {
    }

    public static boolean isArxivId(String id) {
        return id != null && WHOLE_ARXIV_ID.matcher(id).matches();
    }

    /**
     * Finds an arXiv id in free text: a bare id ({@code 2406.10209v2}), an abs or pdf link, or an
     * {@code arXiv:} reference. The version is dropped.
     */
    public static Optional<String> findArxivId(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = ARXIV_ID.matcher(text);
        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** The id for a paper whose source gives no arXiv id: a short, stable hash of the normalised title. */
    public static String forTitle(String title) {
        String normalised = normaliseTitle(title);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return TITLE_HASH_PREFIX + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /**
     * Title as compared for dedupe: Unicode-compatibility folded, accents removed, lower case, and
     * anything but letters and digits collapsed to single spaces.
     */
    public static String normaliseTitle(String title) {
        String text = title == null ? "" : title;
        String ascii = asciiNormalised(text);
        if (ascii != null) {
            return ascii;
        }
        String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        return NOT_LETTER_OR_DIGIT.matcher(folded).replaceAll(" ").strip();
    }

    /**
     * The same result for pure ASCII text in one pass (NFKD and mark removal change nothing there; the letters
     * are a-z, the digits 0-9), or null for any other text. Ingest normalises every title several times (ids,
     * dedupe, the keyword field) and author names too, and the regular-expression path dominated its profile.
     */
    private static String asciiNormalised(String text) {
        StringBuilder out = null;
        boolean gap = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            boolean letter = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
                letter = true;
            }
            if (!letter) {
                gap = true;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            } else if (gap) {
                out.append(' ');
            }
            gap = false;
            out.append(c);
        }
        return out == null ? "" : out.toString();
    }
}
