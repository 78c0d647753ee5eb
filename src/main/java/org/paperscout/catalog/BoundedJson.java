package org.paperscout.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Jackson set up for untrusted input: bounded nesting (a line nested 10,000 deep is a parse error, not a
 * StackOverflowError), bounded strings, names, numbers and document size, duplicate keys refused (which of two
 * "title"s is meant is a guess), and (for one-value reads) nothing allowed after the value. Plus the typed field access the readers
 * share, so every format words its type errors the same way.
 */
final class BoundedJson {

    /** Our formats nest 4 levels deep at most (array, entry, paper, authors, author); 32 is plenty. */
    static final int MAX_NESTING_DEPTH = 32;
    private static final int MAX_NAME_CHARS = 1_000;
    private static final int MAX_NUMBER_CHARS = 100;
    private static final int MESSAGE_CHARS = 160;

    private BoundedJson() {
    }

    /**
     * @param maxStringChars   longest string token; above our own field limits, so an over-long field gets its
     *                         own clear problem rather than a parse error
     * @param maxDocumentChars longest input the parser accepts
     * @param oneValue         true when each read is a whole document (a JSON line): anything after the value is
     *                         an error. False for reading values one by one out of a stream (an array's entries),
     *                         where the next entry must not count as trailing content.
     */
    static ObjectMapper mapper(int maxStringChars, long maxDocumentChars, boolean oneValue) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(maxStringChars)
                .maxNameLength(MAX_NAME_CHARS)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .maxDocumentLength(maxDocumentChars)
                .build();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, oneValue)
                .build();
    }

    /**
     * A parse error in words, with where it happened; Jackson's own text is kept only where it is plain (it names
     * internal classes and settings for limits and trailing content).
     *
     * @param withLine false when the caller's location already names the line (JSON Lines)
     */
    static String describe(JsonProcessingException e, boolean withLine) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String lower = original.toLowerCase(Locale.ROOT);
        String what;
        if (e instanceof StreamConstraintsException) {
            what = lower.contains("nesting depth") ? "nested more than " + MAX_NESTING_DEPTH + " levels deep"
                    : lower.contains("string value length") ? "a text value is too long"
                    : lower.contains("number value length") ? "a number is too long"
                    : lower.contains("name length") ? "a field name is too long"
                    : "the document is too large";
        } else if (lower.startsWith("trailing token")) {
            what = "there is more after the first JSON value";
        } else {
            int cut = original.indexOf('\n');
            what = cut >= 0 ? original.substring(0, cut) : original;
            if (what.length() > MESSAGE_CHARS) {
                what = what.substring(0, MESSAGE_CHARS) + "…";
            }
        }
        JsonLocation where = e.getLocation();
        String at = where == null || where.getLineNr() < 0 ? ""
                : withLine ? String.format(Locale.ROOT, " at line %d, column %d", where.getLineNr(), where.getColumnNr())
                : String.format(Locale.ROOT, " at column %d", where.getColumnNr());
        return "not valid JSON" + at + " (" + what + ")";
    }

    /** The text of a string field; null when absent or JSON null. */
    static String optionalString(JsonNode object, String field, String path) throws BadRecordException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(path, "a string", value);
        }
        return value.textValue();
    }

    static String requiredString(JsonNode object, String field, String path) throws BadRecordException {
        String value = optionalString(object, field, path);
        if (value == null) {
            throw new BadRecordException(path + " is missing");
        }
        return value;
    }

    /** A list of strings; absent or null is an empty list. */
    static List<String> stringList(JsonNode object, String field, String path) throws BadRecordException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrongType(path, "a list of strings", value);
        }
        List<String> items = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw wrongType(path + " item", "a string", item);
            }
            items.add(item.textValue());
        }
        return items;
    }

    /** A non-negative whole number that fits an int; absent or null is 0. */
    static int count(JsonNode object, String field, String path) throws BadRecordException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw new BadRecordException(path + " must be a whole number from 0 up, not " + shown(value));
        }
        return value.intValue();
    }

    static BadRecordException wrongType(String path, String expected, JsonNode actual) {
        return new BadRecordException(path + " must be " + expected + ", not " + shown(actual));
    }

    private static String shown(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "the string " + PaperFields.quote(value.textValue());
            case NUMBER -> "the number " + PaperFields.quote(value.asText());
            case BOOLEAN -> value.asText();
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
