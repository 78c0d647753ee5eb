package org.paperscout.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One paper as one line of PaperScout JSON Lines (the format {@link JsonLinesReader} reads), both ways. Reading
 * goes through the reader itself, so a stored line meets exactly the rules an ingested file does.
 */
public final class PaperJsonLine {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonLinesReader READER = new JsonLinesReader();

    private PaperJsonLine() {
    }

    /** The paper as one JSON object, without a line break. */
    public static String write(Paper p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", p.id());
        o.put("title", p.title());
        o.put("abstract", p.abstractText());
        if (!p.authors().isEmpty()) {
            p.authors().forEach(o.putArray("authors")::add);
        }
        if (!p.categories().isEmpty()) {
            p.categories().forEach(o.putArray("categories")::add);
        }
        if (p.published() != null) {
            o.put("published", p.published().toString());
        }
        ObjectNode links = o.putObject("links");
        putIfSet(links, "arxiv_abs", p.links().arxivAbs());
        putIfSet(links, "arxiv_pdf", p.links().arxivPdf());
        putIfSet(links, "hf", p.links().hfPage());
        o.put("upvotes", p.upvotes());
        if (!p.source().isEmpty()) {
            o.put("source", p.source());
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of strings and numbers always serialises
        }
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    /**
     * The paper of one line.
     *
     * @throws IllegalArgumentException with the reader's reason when the line breaks the format's rules
     */
    public static Paper read(String line) {
        ReadResult r;
        try {
            r = READER.read("line", new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory stream does not fail
        }
        if (r.papers().size() != 1) {
            throw new IllegalArgumentException(r.problems().isEmpty() ? "not one paper"
                    : r.problems().get(0).reason());
        }
        return r.papers().get(0);
    }
}
