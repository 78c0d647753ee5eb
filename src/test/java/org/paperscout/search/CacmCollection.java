package org.paperscout.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.paperscout.catalog.Paper;

/**
 * The CACM test collection in SMART form ({@code .I/.T/.W} records, {@code qrels.text} lines "qid docid ..."),
 * read for the semantic measurements. Binary judgements: every listed document is relevant.
 */
record CacmCollection(List<Paper> papers, Map<String, String> queries, Map<String, Set<String>> relevant) {

    static final Path DEFAULT_DIR = Path.of(System.getProperty("paperscout.cacm", "../shared/judged/cacm"));

    static CacmCollection read(Path dir) throws IOException {
        List<Paper> papers = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : smart(dir.resolve("cacm.all")).entrySet()) {
            String title = e.getValue().getOrDefault("T", "").strip();
            papers.add(new Paper(id(e.getKey()), title.isEmpty() ? "(untitled)" : title,
                    e.getValue().getOrDefault("W", "").strip(), List.of(), List.of(), null, null, 0, "cacm"));
        }
        Map<String, String> queries = new LinkedHashMap<>();
        Map<String, Set<String>> relevant = new TreeMap<>();
        for (String line : Files.readAllLines(dir.resolve("qrels.text"), StandardCharsets.UTF_8)) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 2) {
                relevant.computeIfAbsent(String.valueOf(Integer.parseInt(f[0])), q -> new HashSet<>()).add(id(f[1]));
            }
        }
        for (Map.Entry<String, Map<String, String>> e : smart(dir.resolve("query.text")).entrySet()) {
            if (relevant.containsKey(e.getKey())) {
                queries.put(e.getKey(), e.getValue().getOrDefault("W", "").replaceAll("\\s+", " ").strip());
            }
        }
        return new CacmCollection(papers, queries, relevant);
    }

    private static String id(String n) {
        return "cacm-" + Integer.parseInt(n.strip());
    }

    /** Records by number, each a map from field letter to its text. */
    private static Map<String, Map<String, String>> smart(Path file) throws IOException {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Map<String, String> current = null;
        String field = null;
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith(".")) {
                if (current != null && field != null) {
                    current.put(field, text.toString());
                }
                text.setLength(0);
                String tag = line.length() > 1 ? line.substring(1, 2) : "";
                if (tag.equals("I")) {
                    current = new LinkedHashMap<>();
                    out.put(line.substring(2).strip(), current);
                    field = null;
                } else {
                    field = tag;
                }
            } else {
                text.append(line).append(' ');
            }
        }
        if (current != null && field != null) {
            current.put(field, text.toString());
        }
        return out;
    }

    /** nDCG@10 with binary gains and log2 discount, the ideal from the number of relevant documents. */
    static double ndcg10(List<String> ranking, Set<String> relevant) {
        double dcg = 0;
        for (int i = 0; i < Math.min(10, ranking.size()); i++) {
            if (relevant.contains(ranking.get(i))) {
                dcg += 1 / (Math.log(i + 2) / Math.log(2));
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(10, relevant.size()); i++) {
            ideal += 1 / (Math.log(i + 2) / Math.log(2));
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }
}
