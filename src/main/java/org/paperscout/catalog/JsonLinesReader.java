package org.paperscout.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads PaperScout's own JSON Lines format (files ending .jsonl or .ndjson).
 *
 * <pre>
 * PaperScout JSON Lines: one JSON object per line, UTF-8. Blank lines are ignored.
 *
 *   {"id": "2406.10209",
 *    "title": "Be like a Goldfish, Don't Memorize! Mitigating Memorization in Generative LLMs",
 *    "abstract": "Large language models can memorize and repeat their training data ...",
 *    "authors": ["Abhimanyu Hans", "Yuxin Wen"],
 *    "categories": ["cs.CL", "cs.LG"],
 *    "published": "2024-06-14",
 *    "links": {"arxiv_abs": "https://arxiv.org/abs/2406.10209",
 *              "arxiv_pdf": "https://arxiv.org/pdf/2406.10209",
 *              "hf": "https://huggingface.co/papers/2406.10209"},
 *    "upvotes": 12,
 *    "source": "jsonl"}
 *
 * Fields (only title and abstract are required):
 *   id          string, optional. An arXiv id: 2406.10209, 2406.10209v2, arXiv:2406.10209 or hep-th/9901001;
 *               the version is dropped. Leave it out when there is none: the id is then a hash of the title.
 *               An id starting with "t-" (PaperScout's own title hash) is recomputed from the title.
 *   title       string, required, not blank, at most 1,000 characters.
 *   abstract    string, required, not blank, at most 20,000 characters.
 *   authors     list of strings, optional; at most 5,000 names of at most 300 characters each.
 *   categories  list of strings, optional, e.g. "cs.LG"; at most 50, each at most 64 characters.
 *   published   string "YYYY-MM-DD", optional.
 *   links       object, optional, with optional "arxiv_abs", "arxiv_pdf", "hf": absolute http(s) links.
 *               Links left out are filled in from the arXiv id when there is one.
 *   upvotes     whole number from 0 up, optional (default 0).
 *   source      string of letters, digits, ".", "_" or "-", at most 32 characters, optional (default "jsonl").
 * Whitespace in text is collapsed to single spaces. Other fields are ignored, so newer files still load.
 * </pre>
 *
 * <p>A line that breaks these rules is reported as {@code file:line: reason} and skipped; so is a line that is
 * not one JSON object (bad JSON, a list, two objects, a duplicated key, nesting deeper than
 * {@value BoundedJson#MAX_NESTING_DEPTH}), not valid UTF-8, or longer than {@value #MAX_LINE_BYTES} bytes.
 * The rest of the file still loads.
 */
final class JsonLinesReader implements PaperReader {

    public static final String SOURCE = "jsonl";
    static final int MAX_LINE_BYTES = 4 * 1024 * 1024;
    /** Lines held at once: a few MB of text, so a file of millions of papers is not held twice. */
    private static final int CHUNK_LINES = 4_096;
    /** Below this a parallel stream costs more than it saves (a poll, a test file, one stored line). */
    private static final int PARALLEL_LINES = 256;
    private static final int MAX_SOURCE_CHARS = 32;
    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_SOURCE_CHARS + "}");
    private static final Pattern TITLE_HASH_ID = Pattern.compile(
            Pattern.quote(PaperIds.TITLE_HASH_PREFIX) + "[0-9a-f]{12}");

    private final ObjectMapper json = BoundedJson.mapper(MAX_LINE_BYTES, MAX_LINE_BYTES, true);

    @Override
    public ReadResult read(String origin, InputStream in) throws IOException {
        Utf8Lines lines = new Utf8Lines(in, MAX_LINE_BYTES);
        List<Paper> papers = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        List<Utf8Lines.Line> chunk = new ArrayList<>(CHUNK_LINES);
        for (Utf8Lines.Line line = lines.next(); line != null; line = lines.next()) {
            chunk.add(line);
            if (chunk.size() == CHUNK_LINES) {
                parseChunk(origin, chunk, papers, problems);
                chunk.clear();
            }
        }
        parseChunk(origin, chunk, papers, problems);
        return new ReadResult(papers, problems);
    }

    /**
     * Parses a run of lines, in parallel when there are many: parsing and clean-up were a fifth of a bulk ingest
     * and ran on one core while the other waited for indexing to start. The lines are independent and the mapper
     * is thread-safe; results keep the file's order, so papers and problems come out as a serial read gives them.
     */
    private void parseChunk(String origin, List<Utf8Lines.Line> chunk, List<Paper> papers,
            List<ReadProblem> problems) {
        Stream<Utf8Lines.Line> stream = chunk.size() >= PARALLEL_LINES ? chunk.parallelStream() : chunk.stream();
        for (Parsed parsed : stream.map(line -> parseLine(origin, line)).toList()) {
            if (parsed.paper() != null) {
                papers.add(parsed.paper());
            } else if (parsed.problem() != null) {
                problems.add(parsed.problem());
            }
        }
    }

    /** One line's paper or problem; both null for a blank line. */
    private record Parsed(Paper paper, ReadProblem problem) {
    }

    private Parsed parseLine(String origin, Utf8Lines.Line line) {
        if (line.blank()) {
            return new Parsed(null, null);
        }
        try {
            if (!line.ok()) {
                throw new BadRecordException(line.problem());
            }
            return new Parsed(paper(parse(line.text())), null);
        } catch (BadRecordException e) {
            return new Parsed(null, new ReadProblem(origin + ":" + line.number(), e.getMessage()));
        }
    }

    private JsonNode parse(String text) throws BadRecordException {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadRecordException(BoundedJson.describe(e, false));
        }
        if (node == null || !node.isObject()) {
            throw new BadRecordException("the line must be one JSON object like {\"title\": ..., \"abstract\": ...}");
        }
        return node;
    }

    private static Paper paper(JsonNode o) throws BadRecordException {
        String title = PaperFields.requireTitle(BoundedJson.requiredString(o, "title", "title"));
        String abstractText = PaperFields.requireAbstract(
                BoundedJson.requiredString(o, "abstract", "abstract"), title);
        String arxivId = arxivId(BoundedJson.optionalString(o, "id", "id"));
        List<String> authors = PaperFields.authors(BoundedJson.stringList(o, "authors", "authors"));
        List<String> categories = PaperFields.categories(BoundedJson.stringList(o, "categories", "categories"));
        String published = BoundedJson.optionalString(o, "published", "published");
        PaperLinks links = links(o, arxivId);
        int upvotes = BoundedJson.count(o, "upvotes", "upvotes");
        String source = BoundedJson.optionalString(o, "source", "source");
        if (source == null) {
            source = SOURCE;
        } else if (!SOURCE_NAME.matcher(source).matches()) {
            throw new BadRecordException("source " + PaperFields.quote(source) + " must be 1 to " + MAX_SOURCE_CHARS
                    + " letters, digits, \".\", \"_\" or \"-\"");
        }
        return new Paper(arxivId != null ? arxivId : PaperIds.forTitle(title), title, abstractText, authors,
                categories, published == null ? null : PaperFields.isoDate(published, "published"), links, upvotes,
                source);
    }

    /** The arXiv id without version, or null when the line has none (or only our own title hash). */
    private static String arxivId(String raw) throws BadRecordException {
        if (raw == null || raw.isBlank() || TITLE_HASH_ID.matcher(raw.strip()).matches()) {
            return null;
        }
        String id = PaperFields.wholeArxivId(raw);
        if (id == null) {
            throw new BadRecordException("id " + PaperFields.quote(raw)
                    + " is not an arXiv id like 2406.10209; leave \"id\" out for papers that have none");
        }
        return id;
    }

    private static PaperLinks links(JsonNode o, String arxivId) throws BadRecordException {
        PaperLinks defaults = arxivId == null ? PaperLinks.NONE : PaperLinks.forArxivId(arxivId);
        JsonNode links = o.get("links");
        if (links == null || links.isNull()) {
            return defaults;
        }
        if (!links.isObject()) {
            throw BoundedJson.wrongType("links", "an object", links);
        }
        return new PaperLinks(
                link(links, "arxiv_abs", defaults.arxivAbs()),
                link(links, "arxiv_pdf", defaults.arxivPdf()),
                link(links, "hf", defaults.hfPage()));
    }

    private static String link(JsonNode links, String field, String fallback) throws BadRecordException {
        String raw = BoundedJson.optionalString(links, field, "links." + field);
        return raw == null || raw.isBlank() ? fallback : PaperFields.httpUrl(raw, "links." + field);
    }
}
