package org.paperscout.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * SMART collections (CACM, CISI, MED...): a document file of {@code .I id} records whose fields ({@code .T}
 * title, {@code .W} abstract, {@code .A} authors, {@code .B} date, others ignored) run until the next dot line;
 * a query file in the same form ({@code .W} is the query); judgement lines {@code qid docid ...}. Ids are
 * compared without leading zeros, since CACM's judgements pad query ids and its query file does not.
 */
final class SmartReader {

    private static final Pattern FIELD = Pattern.compile("^\\.([A-Z])(?:\\s+(.*))?$");
    private static final Pattern YEAR = Pattern.compile("\\b(1[89]\\d\\d|20\\d\\d)\\b");
    /** SMART latin-1 files are old; anything that is not valid UTF-8 is read byte for byte. */
    private static final java.nio.charset.Charset LATIN_1 = StandardCharsets.ISO_8859_1;

    private SmartReader() {
    }

    static boolean looksLike(Path dir) throws IOException {
        return find(dir, ".all").isPresent();
    }

    static JudgedCollection read(Path dir) throws IOException {
        Path docs = find(dir, ".all").orElseThrow(() -> new IOException("no document file (*.all) in " + dir));
        Path queries = find(dir, "query.text").or(() -> findUnchecked(dir, ".qry"))
                .orElseThrow(() -> new IOException("no query file (query.text or *.qry) in " + dir));
        Path qrels = find(dir, "qrels.text").or(() -> findUnchecked(dir, ".rel"))
                .orElseThrow(() -> new IOException("no judgement file (qrels.text or *.rel) in " + dir));
        List<JudgedCollection.Document> documents = new ArrayList<>();
        for (Map<Character, String> r : records(docs)) {
            documents.add(new JudgedCollection.Document(r.get('I'), clean(r.get('T')), clean(r.get('W')),
                    authors(r.get('A')), date(r.get('B'))));
        }
        List<JudgedCollection.JudgedQuery> qs = new ArrayList<>();
        for (Map<Character, String> r : records(queries)) {
            qs.add(new JudgedCollection.JudgedQuery(r.get('I'), clean(r.get('W'))));
        }
        Map<String, Map<String, Integer>> judgements = new LinkedHashMap<>();
        for (String line : lines(qrels)) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length < 2) {
                continue;
            }
            judgements.computeIfAbsent(id(parts[0]), k -> new LinkedHashMap<>()).putIfAbsent(id(parts[1]), 1);
        }
        return new JudgedCollection(dir.getFileName().toString(), documents, qs, judgements);
    }

    /** The records of a SMART file, each field's lines joined with newlines; the id under {@code 'I'}. */
    static List<Map<Character, String>> records(Path file) throws IOException {
        List<Map<Character, String>> out = new ArrayList<>();
        Map<Character, StringBuilder> current = null;
        Character field = null;
        for (String line : lines(file)) {
            Matcher m = FIELD.matcher(line);
            if (m.matches()) {
                char f = m.group(1).charAt(0);
                if (f == 'I') {
                    if (current != null) {
                        out.add(flatten(current));
                    }
                    current = new HashMap<>();
                    current.put('I', new StringBuilder(id(m.group(2) == null ? "" : m.group(2).strip())));
                    field = null;
                } else if (current != null) {
                    field = f;
                    StringBuilder b = current.computeIfAbsent(f, k -> new StringBuilder());
                    if (m.group(2) != null) {
                        b.append(m.group(2)).append('\n');
                    }
                }
            } else if (current != null && field != null) {
                current.get(field).append(line).append('\n');
            }
        }
        if (current != null) {
            out.add(flatten(current));
        }
        return out;
    }

    private static Map<Character, String> flatten(Map<Character, StringBuilder> r) {
        Map<Character, String> out = new HashMap<>();
        r.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    static String id(String raw) {
        String s = raw.strip();
        String trimmed = s.replaceFirst("^0+(?=\\d)", "");
        return trimmed;
    }

    private static String clean(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    private static List<String> authors(String s) {
        if (s == null) {
            return List.of();
        }
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** {@code CACM December, 1958}: the first of the month when one is named, else January. */
    static LocalDate date(String s) {
        if (s == null) {
            return null;
        }
        Matcher y = YEAR.matcher(s);
        if (!y.find()) {
            return null;
        }
        int year = Integer.parseInt(y.group(1));
        String lower = s.toLowerCase(Locale.ROOT);
        for (Month month : Month.values()) {
            if (lower.contains(month.name().toLowerCase(Locale.ROOT))) {
                return LocalDate.of(year, month, 1);
            }
        }
        return LocalDate.of(year, 1, 1);
    }

    private static List<String> lines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString().lines()
                    .toList();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, LATIN_1).lines().toList();
        }
    }

    /** The one file in {@code dir} whose name ends with {@code suffix} (case ignored). */
    private static java.util.Optional<Path> find(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix))
                    .sorted().findFirst();
        }
    }

    private static java.util.Optional<Path> findUnchecked(Path dir, String suffix) {
        try {
            return find(dir, suffix);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
