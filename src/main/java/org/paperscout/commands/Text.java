package org.paperscout.commands;

import java.time.Instant;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperscout.search.Snippet;

/** Small text helpers shared by commands and renderers. */
public final class Text {

    public static final String ELLIPSIS = Snippet.ELLIPSIS;
    /**
     * A point in time inside a reply's text, written by {@link #timestamp(Instant)}. Delimited by private-use
     * characters so no ordinary text looks like one; as long as what Discord shows for it ({@code <t:N:F>}), so
     * a renderer that fitted text to a limit stays within it after replacing.
     */
    private static final Pattern TOKEN = Pattern.compile("\uE000(t|c):(-?\\d{1,20})(?::F)?\uE001");
    private static final Pattern STRAY_MARK = Pattern.compile("[\uE000\uE001]");
    /**
     * Invisible format characters (Unicode Cf: direction overrides and isolates, zero-width marks, BOM), line and
     * paragraph separators, and control characters other than line feed and tab.
     */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cc}&&[^\\n\\t]]");

    private Text() {
    }

    /**
     * A count and its noun, the noun plural unless the count is one: "1 record", "0 records", "1,200 papers". Plurals
     * are English regular ones ("query" gives "queries"); pass the plural for any other.
     */
    public static String count(long n, String noun) {
        String plural = noun.matches(".*[^aeiou]y") ? noun.substring(0, noun.length() - 1) + "ies"
                : noun.matches(".*(s|x|z|ch|sh)") ? noun + "es" : noun + "s";
        return count(n, noun, plural);
    }

    /** {@link #count(long, String)} with an irregular plural. */
    public static String count(long n, String singular, String plural) {
        return String.format(java.util.Locale.ROOT, "%,d %s", n, n == 1 ? singular : plural);
    }

    /**
     * Cuts {@code s} to at most {@code max} characters (UTF-16 units), at a word boundary when one is near,
     * ending with an ellipsis when anything was cut. Never splits a surrogate pair.
     */
    public static String truncate(String s, int max) {
        return Snippet.truncate(s, max);
    }

    /** The first sentence of a text (up to the first ". " etc.), at most {@code max} characters. */
    public static String firstSentence(String s, int max) {
        if (s == null || s.isBlank()) {
            return "";
        }
        String t = s.strip();
        for (int i = 0; i < t.length() - 1; i++) {
            char c = t.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && Character.isWhitespace(t.charAt(i + 1)) && i > 20) {
                return truncate(t.substring(0, i + 1), max);
            }
        }
        return truncate(t, max);
    }

    /**
     * A token for {@code at} to put in {@link Reply} text: Discord shows it in each reader's own time zone
     * ({@code <t:epoch:F>}), the console in the machine's. Renderers replace it with {@link #tokens}.
     */
    public static String timestamp(Instant at) {
        return "\uE000t:" + at.getEpochSecond() + ":F\uE001";
    }

    /** A token naming a channel: Discord shows {@code <#id>} (the channel's name, no ping), the console {@code #id}. */
    public static String channel(String channelId) {
        return channelId != null && channelId.matches("\\d{1,20}") ? "\uE000c:" + channelId + "\uE001"
                : "#" + channelId;
    }

    /**
     * Replaces the {@link #timestamp} and {@link #channel} tokens in already-escaped text; a token cut in half by
     * truncation is removed. Neither replacement is longer than its token, so fitted text stays fitted.
     */
    public static String tokens(String s, Function<Instant, String> time, Function<String, String> channel) {
        if (s == null || s.indexOf('\uE000') < 0 && s.indexOf('\uE001') < 0) {
            return s;
        }
        Matcher m = TOKEN.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(2);
            String replacement = m.group(1).equals("t") ? time.apply(Instant.ofEpochSecond(Long.parseLong(value)))
                    : channel.apply(value);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return STRAY_MARK.matcher(out).replaceAll("");
    }

    /**
     * The text without the characters that can make a reply show something other than what it says: a U+202E
     * that a user typed into an option would otherwise reverse the rest of an error message that echoes it.
     * Line feeds and tabs stay, so multi-line replies keep their layout. {@link Reply} applies it to every reply.
     */
    public static String printable(String s) {
        return s == null ? null : INVISIBLE.matcher(s).replaceAll("");
    }

    /**
     * Collapses runs of whitespace (space, tab, line feed) into one space and removes control characters, then
     * strips the ends: what {@code replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").replaceAll("\\s+", " ").strip()}
     * gives, in one pass without regular expressions (every card cleans its abstract, on every answer).
     */
    public static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                space = true;
            } else if (c < 0x20 || c == 0x7F) {
                // A control character goes, and does not end a run of whitespace around it.
                continue;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    /** Each run of whitespace ({@code \\s+}: space, tab, line breaks, form feed) as one space; nothing else changes. */
    public static String collapseWhitespace(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean white = c == ' ' || (c >= '\t' && c <= '\r');
            if (!white) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            int end = i + 1;
            while (end < s.length() && (s.charAt(end) == ' ' || (s.charAt(end) >= '\t' && s.charAt(end) <= '\r'))) {
                end++;
            }
            if (out == null) {
                if (c == ' ' && end == i + 1) {
                    continue;
                }
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            out.append(' ');
            i = end - 1;
        }
        return out == null ? s : out.toString();
    }
}
