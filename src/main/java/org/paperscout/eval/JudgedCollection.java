package org.paperscout.eval;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A test collection: documents, queries and human relevance judgements.
 *
 * @param judgements per query id, the judged documents with their grade (above 0 is relevant), in the order the
 *                   judgement file lists them (that order breaks ties between equal grades)
 */
public record JudgedCollection(String name, List<Document> documents, List<JudgedQuery> queries,
                               Map<String, Map<String, Integer>> judgements) {

    public JudgedCollection {
        documents = List.copyOf(documents);
        queries = List.copyOf(queries);
    }

    /** The queries that have at least one relevant document; only these are scored. */
    public List<JudgedQuery> judgedQueries() {
        return queries.stream().filter(q -> !relevant(q.id()).isEmpty()).toList();
    }

    /** Relevant documents of a query (grade above 0) with their grades, in judgement-file order. */
    public Map<String, Integer> relevant(String queryId) {
        Map<String, Integer> all = judgements.getOrDefault(queryId, Map.of());
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        all.forEach((doc, grade) -> {
            if (grade > 0) {
                out.put(doc, grade);
            }
        });
        return out;
    }

    /** One document; {@code text} (the abstract) is empty when the collection has none for it. */
    public record Document(String id, String title, String text, List<String> authors, LocalDate published) {
        public Document {
            title = title == null ? "" : title;
            text = text == null ? "" : text;
            authors = authors == null ? List.of() : List.copyOf(authors);
        }
    }

    public record JudgedQuery(String id, String text) {
    }
}
