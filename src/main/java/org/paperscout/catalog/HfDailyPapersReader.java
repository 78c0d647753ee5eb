package org.paperscout.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Hugging Face daily papers: the JSON array that {@code https://huggingface.co/api/daily_papers} returns,
 * saved as a .json file or read from the response body.
 *
 * <p>Each entry looks like {@code {"paper": {"id": "2406.10209", "title": ..., "summary": ..., "authors":
 * [{"name": ...}], "publishedAt": "2024-06-14T17:44:41.000Z", "upvotes": 12, ...}, "title": ...,
 * "publishedAt": ..., ...}}. The paper's id is its arXiv id (the version, if any, is dropped), links are the
 * standard arXiv and Hugging Face ones, the source is {@value #SOURCE}. The title and date come from
 * {@code paper}, falling back to the entry's own {@code title} and {@code publishedAt} (the day it was featured)
 * when {@code paper} lacks them. Authors without a name are left out. Other fields are ignored.
 *
 * <p>A bad entry (no paper object, no arXiv id, no title or summary, wrong types, over the length limits, a bad
 * date) is reported as {@code file#entryN} (N counts from 1) and skipped. A document that is not one JSON array,
 * is truncated, is not JSON at all, nests deeper than {@value BoundedJson#MAX_NESTING_DEPTH} or is larger than
 * {@value #MAX_DOCUMENT_CHARS} characters throws {@link UnreadableInputException}: nothing from it is used,
 * because a streaming parser cannot know which of the entries it already read were complete. Bytes that are not
 * valid UTF-8 are replaced with U+FFFD rather than failing the document.
 */
public final class HfDailyPapersReader implements PaperReader {

    public static final String SOURCE = "hf";
    /** The live endpoint returns about 100 KB a day; a month-long export is a few MB. */
    static final int MAX_DOCUMENT_CHARS = 64 * 1024 * 1024;
    /** Larger than every field limit, so a huge summary is that entry's problem, not the whole document's. */
    private static final int MAX_STRING_CHARS = 8 * 1024 * 1024;

    private final ObjectMapper json = BoundedJson.mapper(MAX_STRING_CHARS, MAX_DOCUMENT_CHARS, false);

    @Override
    public ReadResult read(String origin, InputStream in) throws IOException {
        List<Paper> papers = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        try (JsonParser parser = json.createParser(utf8(in))) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_ARRAY) {
                throw new UnreadableInputException(origin + ": expected a JSON array of daily papers (what "
                        + "https://huggingface.co/api/daily_papers returns), but the document "
                        + (token == null ? "is empty" : "starts with " + describe(token)));
            }
            int entry = 0;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new UnreadableInputException(origin + ": the document ends before its array is closed "
                            + "(truncated download?); nothing was read from it");
                }
                entry++;
                JsonNode node = json.readTree(parser);
                if (node == null) {
                    throw new UnreadableInputException(origin + ": the document ends inside entry " + entry
                            + " (truncated download?); nothing was read from it");
                }
                try {
                    papers.add(paper(node));
                } catch (BadRecordException e) {
                    problems.add(new ReadProblem(origin + "#entry" + entry, e.getMessage()));
                }
            }
            if (parser.nextToken() != null) {
                throw new UnreadableInputException(origin + ": there is more after the array of daily papers; "
                        + "nothing was read from it");
            }
        } catch (JsonProcessingException e) {
            throw new UnreadableInputException(origin + ": " + BoundedJson.describe(e, true)
                    + "; nothing was read from it", e);
        }
        return new ReadResult(papers, problems);
    }

    /** Reads UTF-8 leniently (bad bytes become U+FFFD) and drops a byte order mark, which Jackson would reject. */
    private static Reader utf8(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)));
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private static Paper paper(JsonNode entry) throws BadRecordException {
        if (!entry.isObject()) {
            throw BoundedJson.wrongType("the entry", "an object", entry);
        }
        JsonNode p = entry.get("paper");
        if (p == null || p.isNull()) {
            throw new BadRecordException("the entry has no \"paper\" object");
        }
        if (!p.isObject()) {
            throw BoundedJson.wrongType("paper", "an object", p);
        }
        String rawId = BoundedJson.requiredString(p, "id", "paper.id");
        String arxivId = PaperFields.wholeArxivId(rawId);
        if (arxivId == null) {
            throw new BadRecordException("paper.id " + PaperFields.quote(rawId) + " is not an arXiv id");
        }
        String rawTitle = BoundedJson.optionalString(p, "title", "paper.title");
        if (rawTitle == null || rawTitle.isBlank()) {
            rawTitle = BoundedJson.optionalString(entry, "title", "title");
        }
        if (rawTitle == null) {
            throw new BadRecordException("paper.title is missing");
        }
        String title = PaperFields.requireTitle(rawTitle);
        String summary = PaperFields.requireAbstract(
                BoundedJson.requiredString(p, "summary", "paper.summary"), title);
        List<String> authors = PaperFields.authors(authorNames(p));
        int upvotes = BoundedJson.count(p, "upvotes", "paper.upvotes");
        return new Paper(arxivId, title, summary, authors, List.of(), published(entry, p),
                PaperLinks.forArxivId(arxivId), upvotes, SOURCE);
    }

    private static List<String> authorNames(JsonNode p) throws BadRecordException {
        JsonNode authors = p.get("authors");
        if (authors == null || authors.isNull()) {
            return List.of();
        }
        if (!authors.isArray()) {
            throw BoundedJson.wrongType("paper.authors", "a list", authors);
        }
        List<String> names = new ArrayList<>(authors.size());
        for (JsonNode author : authors) {
            if (!author.isObject()) {
                throw BoundedJson.wrongType("paper.authors item", "an object with a name", author);
            }
            String name = BoundedJson.optionalString(author, "name", "paper.authors name");
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    private static LocalDate published(JsonNode entry, JsonNode p) throws BadRecordException {
        String raw = BoundedJson.optionalString(p, "publishedAt", "paper.publishedAt");
        if (raw != null) {
            return PaperFields.timestampDate(raw, "paper.publishedAt");
        }
        raw = BoundedJson.optionalString(entry, "publishedAt", "publishedAt");
        return raw == null ? null : PaperFields.timestampDate(raw, "publishedAt");
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true/false";
            case VALUE_NULL -> "null";
            default -> "something else";
        };
    }
}
