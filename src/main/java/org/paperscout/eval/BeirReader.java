package org.paperscout.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BEIR folders: {@code corpus.jsonl} ({@code _id}, {@code title}, {@code text}), {@code queries.jsonl}
 * ({@code _id}, {@code text}) and {@code qrels/test.tsv} (a header, then {@code query-id corpus-id score},
 * graded). Only the queries the judgements name are kept, as BEIR's own evaluation does.
 */
final class BeirReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BeirReader() {
    }

    static boolean looksLike(Path dir) {
        return Files.isRegularFile(dir.resolve("corpus.jsonl"));
    }

    static JudgedCollection read(Path dir) throws IOException {
        Path qrels = dir.resolve("qrels").resolve("test.tsv");
        if (!Files.isRegularFile(qrels)) {
            throw new IOException("no judgements (qrels/test.tsv) in " + dir);
        }
        Map<String, Map<String, Integer>> judgements = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(qrels, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String[] parts = line.strip().split("\t");
                if (parts.length < 3 || line.isBlank()) {
                    continue;
                }
                int grade;
                try {
                    grade = (int) Math.round(Double.parseDouble(parts[2].strip()));
                } catch (NumberFormatException e) {
                    if (n == 1) {
                        continue; // the header: query-id corpus-id score
                    }
                    throw new IOException(qrels + ":" + n + ": the score \"" + parts[2] + "\" is not a number");
                }
                judgements.computeIfAbsent(parts[0].strip(), k -> new LinkedHashMap<>())
                        .put(parts[1].strip(), grade);
            }
        }
        List<JudgedCollection.Document> documents = new ArrayList<>();
        forEachJson(dir.resolve("corpus.jsonl"), node -> documents.add(new JudgedCollection.Document(
                text(node, "_id"), text(node, "title"), text(node, "text"), List.of(), null)));
        List<JudgedCollection.JudgedQuery> queries = new ArrayList<>();
        forEachJson(dir.resolve("queries.jsonl"), node -> {
            String id = text(node, "_id");
            if (judgements.containsKey(id)) {
                queries.add(new JudgedCollection.JudgedQuery(id, text(node, "text")));
            }
        });
        return new JudgedCollection(dir.getFileName().toString(), documents, queries, judgements);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText().replaceAll("\\s+", " ").strip();
    }

    private static void forEachJson(Path file, java.util.function.Consumer<JsonNode> each) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    each.accept(JSON.readTree(line));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IOException(file.getFileName() + ":" + n + ": not a JSON object");
                }
            }
        }
    }
}
