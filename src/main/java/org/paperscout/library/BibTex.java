package org.paperscout.library;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.paperscout.catalog.Paper;
import org.paperscout.library.SavedPaper;

/** Writes a reading list as BibTeX {@code @misc} entries, escaping what LaTeX would otherwise interpret. */
final class BibTex {

    /** Jr., Sr., II to VIII: written after the family name, never the family name itself. */
    private static final Pattern SUFFIX = Pattern.compile("(?i:jr|sr)\\.?|II|III|IV|V|VI|VII|VIII");

    private BibTex() {
    }

    static String of(List<SavedPaper> saved) {
        StringBuilder out = new StringBuilder("% PaperScout library export\n\n");
        Set<String> keys = new HashSet<>();
        for (SavedPaper s : saved) {
            Paper p = s.paper();
            out.append("@misc{").append(uniqueKey(p, keys)).append(",\n");
            field(out, "title", "{" + escape(p.title()) + "}");
            if (!p.authors().isEmpty()) {
                field(out, "author", String.join(" and ", p.authors().stream().map(BibTex::author).toList()));
            }
            if (p.published() != null) {
                field(out, "year", Integer.toString(p.published().getYear()));
                field(out, "month", p.published().getMonth().name().substring(0, 3).toLowerCase(Locale.ROOT));
            }
            if (p.arxivId() != null) {
                field(out, "eprint", p.arxivId());
                field(out, "archivePrefix", "arXiv");
                if (!p.categories().isEmpty()) {
                    field(out, "primaryClass", escape(p.categories().get(0)));
                }
            }
            String url = p.links().arxivAbs() != null ? p.links().arxivAbs() : p.links().hfPage();
            if (url != null) {
                field(out, "url", url.replace("}", "%7D").replace("{", "%7B"));
            }
            if (!p.abstractText().isEmpty()) {
                field(out, "abstract", escape(p.abstractText()));
            }
            out.setLength(out.length() - 2); // no comma after the last field
            out.append("\n}\n\n");
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append("  ").append(name).append(" = {").append(value).append("},\n");
    }

    /** A citation key such as {@code lovelace2024diffusion} (family name, year, title word), unique within the file. */
    private static String uniqueKey(Paper p, Set<String> used) {
        String author = p.authors().isEmpty() ? "" : ascii(familyName(p.authors().get(0)));
        if (author.isEmpty()) {
            author = "anon";
        }
        String year = p.published() == null ? "" : Integer.toString(p.published().getYear());
        String base = author + year + ascii(firstLongWord(p.title()));
        String key = base;
        for (char c = 'a'; !used.add(key); c++) {
            key = base + (c <= 'z' ? String.valueOf(c) : Integer.toString(used.size()));
        }
        return key;
    }

    /** Lower-case ASCII letters and digits only: accents dropped (Müller gives muller), the rest left out. */
    private static String ascii(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /**
     * The family name as BibTeX reads a name: "Last, First" and "Last, Jr., First" give what comes before the first
     * comma; "First von Last" gives the von part and the last (the words from the first lower-case one that is not
     * the last word: "Vincent van der Berg" gives "van der Berg"); otherwise the last word, after dropping a
     * generational suffix written without a comma ("Pat O'Brien Jr.").
     */
    static String familyName(String name) {
        String n = name.strip().replaceAll("\\s+", " ");
        int comma = n.indexOf(',');
        if (comma > 0) {
            return n.substring(0, comma).strip();
        }
        List<String> words = new ArrayList<>(List.of(n.split(" ")));
        if (words.size() > 1 && SUFFIX.matcher(words.get(words.size() - 1)).matches()) {
            words.remove(words.size() - 1);
        }
        for (int i = 1; i < words.size() - 1; i++) {
            if (Character.isLowerCase(words.get(i).codePointAt(0))) {
                return String.join(" ", words.subList(i, words.size()));
            }
        }
        return words.get(words.size() - 1);
    }

    /**
     * One name for the author field. BibTeX splits the field at the word "and" and reads commas as "Last, Jr.,
     * First"; a name that would be misread (it holds a standalone "and", or more than two commas) is braced whole.
     */
    private static String author(String name) {
        String escaped = escape(name.strip());
        boolean misread = name.matches("(?is).*\\band\\b.*") || name.chars().filter(c -> c == ',').count() > 2;
        return misread ? "{" + escaped + "}" : escaped;
    }

    private static String firstLongWord(String title) {
        for (String w : Normalizer.normalize(title, Normalizer.Form.NFKD).split("[^A-Za-z0-9]+")) {
            if (w.length() > 3) {
                return w;
            }
        }
        return "";
    }

    /**
     * Escapes LaTeX specials. Braces become {@code \textbraceleft{}} and {@code \textbraceright{}}, not
     * <code>\&#123;</code>: BibTeX counts every brace, escaped or not, so one escaped brace in a title would leave the
     * entry unbalanced. Every brace written here comes in a pair.
     */
    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\textbackslash{}");
                case '{' -> out.append("\\textbraceleft{}");
                case '}' -> out.append("\\textbraceright{}");
                case '&', '%', '$', '#', '_' -> out.append('\\').append(c);
                case '~' -> out.append("\\textasciitilde{}");
                case '^' -> out.append("\\textasciicircum{}");
                case '\n', '\r', '\t' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
