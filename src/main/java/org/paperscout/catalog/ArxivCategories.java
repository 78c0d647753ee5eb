package org.paperscout.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * arXiv's category codes and names, from the bundled {@code arxiv-categories.tsv}. Here rather than in {@code follows}
 * because configuration ({@code sources.arxiv.categories}) checks against it too.
 */
public final class ArxivCategories {

    private final Map<String, String> nameByCode;
    private final Map<String, String> codeByLowerCase = new LinkedHashMap<>();

    private ArxivCategories(Map<String, String> nameByCode) {
        this.nameByCode = nameByCode;
        nameByCode.keySet().forEach(code -> codeByLowerCase.put(code.toLowerCase(Locale.ROOT), code));
    }

    public static ArxivCategories load() {
        Map<String, String> names = new LinkedHashMap<>();
        try (InputStream in = ArxivCategories.class.getResourceAsStream("arxiv-categories.tsv")) {
            if (in == null) {
                throw new IllegalStateException("arxiv-categories.tsv is missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                names.put(parts[0].strip(), parts.length > 1 ? parts[1].strip() : "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArxivCategories(names);
    }

    /** The canonical code for what the user typed ({@code cs.lg} gives {@code cs.LG}). */
    public Optional<String> canonical(String typed) {
        String key = typed.strip().toLowerCase(Locale.ROOT);
        // Autocomplete shows "cs.LG — Machine Learning"; accept it pasted back whole.
        int dash = key.indexOf(" — ");
        if (dash > 0) {
            key = key.substring(0, dash).strip();
        }
        return Optional.ofNullable(codeByLowerCase.get(key));
    }

    public String name(String code) {
        return nameByCode.getOrDefault(code, "");
    }

    /** Up to {@code limit} codes that start with, or whose name contains, {@code partial}; code matches first. */
    public List<String> suggest(String partial, int limit) {
        String p = partial.strip().toLowerCase(Locale.ROOT);
        return nameByCode.entrySet().stream()
                .filter(e -> e.getKey().toLowerCase(Locale.ROOT).startsWith(p)
                        || e.getValue().toLowerCase(Locale.ROOT).contains(p))
                .sorted((a, b) -> Boolean.compare(!a.getKey().toLowerCase(Locale.ROOT).startsWith(p),
                        !b.getKey().toLowerCase(Locale.ROOT).startsWith(p)))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }

    public int size() {
        return nameByCode.size();
    }
}
