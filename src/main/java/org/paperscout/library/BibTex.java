package org.paperscout.library;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.paperscout.catalog.Paper;
import org.paperscout.store.SavedPaper;

/** Writes a reading list as BibTeX {@code @misc} entries, escaping what LaTeX would otherwise interpret. */
final class BibTex {

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
                field(out, "author", String.join(" and ", p.authors().stream().map(BibTex::escape).toList()));
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

    /** A citation key such as {@code lovelace2024diffusion}, made unique within the file. */
    private static String uniqueKey(Paper p, Set<String> used) {
        String author = p.authors().isEmpty() ? "anon" : lastWord(p.authors().get(0));
        String year = p.published() == null ? "" : Integer.toString(p.published().getYear());
        String word = firstLongWord(p.title());
        String base = (author + year + word).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (base.isEmpty()) {
            base = "paper";
        }
        String key = base;
        for (char c = 'a'; !used.add(key); c++) {
            key = base + (c <= 'z' ? String.valueOf(c) : Integer.toString(used.size()));
        }
        return key;
    }

    private static String lastWord(String name) {
        String[] parts = name.strip().split("\\s+");
        return java.text.Normalizer.normalize(parts[parts.length - 1], java.text.Normalizer.Form.NFKD);
    }

    private static String firstLongWord(String title) {
        for (String w : java.text.Normalizer.normalize(title, java.text.Normalizer.Form.NFKD).split("[^A-Za-z0-9]+")) {
            if (w.length() > 3) {
                return w;
            }
        }
        return "";
    }

    /** Escapes LaTeX specials; braces are balanced away so a title cannot close the field early. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\textbackslash{}");
                case '{' -> out.append("\\{");
                case '}' -> out.append("\\}");
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
