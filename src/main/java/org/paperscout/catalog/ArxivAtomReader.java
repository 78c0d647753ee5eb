package org.paperscout.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the Atom feed of the arXiv export API ({@code http://export.arxiv.org/api/query?...}), saved as .xml
 * or .atom or read from the response body.
 *
 * <p>Per entry: {@code id} ({@code http://arxiv.org/abs/2406.10209v2}) gives the arXiv id without version;
 * {@code title} and {@code summary} are whitespace-normalised (arXiv wraps and indents them); {@code author/name}
 * in order; {@code published} as its UTC date; {@code arxiv:primary_category} first, then each
 * {@code category@term}. Links are the canonical unversioned ones from {@link PaperLinks#forArxivId(String)}
 * rather than the feed's versioned {@code http://} links, so the same paper gets the same card whichever source
 * last updated it. {@code updated} is not used. The source is {@value #SOURCE}.
 *
 * <p>The parser is locked down: a document with a DOCTYPE is refused outright (an Atom feed never needs one, and a
 * DTD is how external entities and entity-expansion bombs get in); external entities and external DTDs are off and
 * the resolver refuses everything, so no file or URL named in the document is ever opened. StAX does no XInclude.
 *
 * <p>Text arrives in the parser's chunks (no coalescing) and only the first characters up to each field's limit
 * are kept, so a huge element costs the time to count it, not its size in memory.
 *
 * <p>A bad entry (no arXiv id, no title or summary, over the length limits, a bad date) is reported as
 * {@code file#entryN} (N counts from 1) and skipped. An entry the API uses to report an error
 * ({@code http://arxiv.org/api/errors#...}) is reported the same way with arXiv's message. A document that is
 * not XML, not an Atom feed, nests deeper than {@value #MAX_DEPTH} elements or has a DOCTYPE throws
 * {@link UnreadableInputException}, and nothing from it is used. A document that breaks off inside the feed (a
 * truncated file) keeps the complete entries before the break when read with {@link #read(String, InputStream)},
 * with the break reported as a problem; {@link #readPage} throws instead, because a live poll can fetch the page
 * again while a file cannot be.
 */
public final class ArxivAtomReader implements PaperReader {

    public static final String SOURCE = "arxiv";
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/";
    static final String ARXIV = "http://arxiv.org/schemas/atom";
    /** A feed is feed/entry/author/name deep; anything past this is not an arXiv feed. */
    static final int MAX_DEPTH = 64;
    /** Ids, dates and paging numbers are short; this bounds what is kept of any other text. */
    private static final int MAX_SHORT_TEXT_CHARS = 2_000;
    private static final int MESSAGE_CHARS = 160;

    @Override
    public ReadResult read(String origin, InputStream in) throws IOException {
        return read(origin, in, true).result();
    }

    /**
     * Like {@link #read(String, InputStream)}, plus the feed's OpenSearch paging numbers; a document that breaks
     * off is unreadable as a whole (a poll fetches it again rather than skip what it lost).
     */
    public AtomPage readPage(String origin, InputStream in) throws IOException {
        return read(origin, in, false);
    }

    private AtomPage read(String origin, InputStream in, boolean keepBeforeBreak) throws IOException {
        XMLStreamReader xml = null;
        Parse parse = null;
        try {
            xml = hardenedFactory().createXMLStreamReader(in);
            parse = new Parse(origin, xml);
            return parse.feed();
        } catch (XMLStreamException e) {
            if (keepBeforeBreak && parse != null && parse.insideFeed()) {
                return parse.brokenOff("the document breaks off" + where(e) + " (" + reason(e)
                        + "; a truncated file, or broken XML there): kept the " + parse.papers.size()
                        + " good entries before it; anything from there on is lost");
            }
            throw new UnreadableInputException(origin + ": not well-formed XML" + where(e) + " (" + reason(e)
                    + "; a truncated download, or not XML at all?); nothing was read from it", e);
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // closing frees parser state only; the stream belongs to the caller
                }
            }
        }
    }

    /** A fresh factory per read: factories are not specified as thread-safe to configure, and they are cheap. */
    private static XMLInputFactory hardenedFactory() {
        // The JDK's own StAX, not whatever implementation happens to be on the class path.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        // Coalescing would hand over a whole element's text as one string: 60 MB of <summary> would take
        // hundreds of MB of heap before any limit could apply. Without it the text comes in small chunks.
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not allowed");
        });
        return factory;
    }

    private static String where(XMLStreamException e) {
        return e.getLocation() == null || e.getLocation().getLineNumber() < 0 ? ""
                : " at line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber();
    }

    /**
     * The parser's own words without its position prefix, shortened. Safe to show: by the time the parser can
     * complain, no external content has been loaded (DOCTYPEs are refused before anything is resolved).
     */
    private static String reason(XMLStreamException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int at = message.indexOf("Message: ");
        message = (at >= 0 ? message.substring(at + "Message: ".length()) : message).strip();
        if (message.endsWith(".")) {
            message = message.substring(0, message.length() - 1);
        }
        if (message.isEmpty()) {
            return "unreadable";
        }
        return message.length() > MESSAGE_CHARS ? message.substring(0, MESSAGE_CHARS) + "…" : message;
    }

    /** One pass over one document. */
    private static final class Parse {
        private final String origin;
        private final XMLStreamReader xml;
        private final List<Paper> papers = new ArrayList<>();
        private final List<ReadProblem> problems = new ArrayList<>();
        private OptionalInt totalResults = OptionalInt.empty();
        private OptionalInt startIndex = OptionalInt.empty();
        private OptionalInt itemsPerPage = OptionalInt.empty();
        private int depth;
        private int entries;
        private boolean inFeed;

        Parse(String origin, XMLStreamReader xml) {
            this.origin = origin;
            this.xml = xml;
        }

        AtomPage feed() throws XMLStreamException, UnreadableInputException {
            if (nextTag() != XMLStreamConstants.START_ELEMENT || !is(ATOM, "feed")) {
                throw new UnreadableInputException(origin + ": not an Atom feed (the document starts with <"
                        + (xml.isStartElement() ? xml.getLocalName() : "") + ">, not <feed> in the Atom"
                        + " namespace); nothing was read from it");
            }
            inFeed = true;
            while (nextTag() == XMLStreamConstants.START_ELEMENT) {
                if (is(ATOM, "entry")) {
                    entry();
                } else if (is(OPENSEARCH, "totalResults")) {
                    totalResults = number(shortText());
                } else if (is(OPENSEARCH, "startIndex")) {
                    startIndex = number(shortText());
                } else if (is(OPENSEARCH, "itemsPerPage")) {
                    itemsPerPage = number(shortText());
                } else {
                    skipElement();
                }
            }
            inFeed = false;
            // </feed>: anything after it but comments and whitespace is a well-formedness error the parser reports
            while (xml.hasNext()) {
                next();
            }
            return new AtomPage(new ReadResult(papers, problems), totalResults, startIndex, itemsPerPage);
        }

        /** Inside the feed element: a break here leaves the entries before it whole. */
        boolean insideFeed() {
            return inFeed;
        }

        /** What was read before the document broke off, with the break as a problem. */
        AtomPage brokenOff(String reason) {
            problems.add(new ReadProblem(origin, reason));
            return new AtomPage(new ReadResult(papers, problems), totalResults, startIndex, itemsPerPage);
        }

        private void entry() throws XMLStreamException, UnreadableInputException {
            entries++;
            String id = null;
            String title = null;
            BoundedText summary = null;
            String published = null;
            String titleTooLong = null;
            List<String> authors = new ArrayList<>();
            int authorCount = 0;
            List<String> categories = new ArrayList<>();
            String primaryCategory = null;
            while (nextTag() == XMLStreamConstants.START_ELEMENT) {
                if (is(ATOM, "id")) {
                    id = shortText();
                } else if (is(ATOM, "title")) {
                    BoundedText text = text(PaperFields.MAX_TITLE_CHARS);
                    title = text.toString();
                    titleTooLong = text.overflowed()
                            ? PaperFields.tooLong("the title", text.length(), PaperFields.MAX_TITLE_CHARS) : null;
                } else if (is(ATOM, "summary")) {
                    summary = text(PaperFields.MAX_ABSTRACT_CHARS);
                } else if (is(ATOM, "published")) {
                    published = shortText();
                } else if (is(ATOM, "author")) {
                    String name = authorName();
                    // only counted past the limit, so a 100,000-author entry cannot fill the heap
                    if (name != null && ++authorCount <= PaperFields.MAX_AUTHORS) {
                        authors.add(name);
                    }
                } else if (is(ATOM, "category")) {
                    String term = xml.getAttributeValue(null, "term");
                    if (term != null && categories.size() <= PaperFields.MAX_CATEGORIES) {
                        categories.add(term);
                    }
                    skipElement();
                } else if (is(ARXIV, "primary_category")) {
                    primaryCategory = xml.getAttributeValue(null, "term");
                    skipElement();
                } else {
                    skipElement();
                }
            }
            try {
                if (authorCount > PaperFields.MAX_AUTHORS) {
                    throw new BadRecordException(PaperFields.tooMany("authors", authorCount,
                            PaperFields.MAX_AUTHORS));
                }
                papers.add(paper(id, title, titleTooLong, summary, published, authors, primaryCategory,
                        categories));
            } catch (BadRecordException e) {
                problems.add(new ReadProblem(origin + "#entry" + entries, e.getMessage()));
            }
        }

        private static Paper paper(String rawId, String rawTitle, String titleTooLong, BoundedText summary,
                                   String published, List<String> authors, String primaryCategory,
                                   List<String> categories) throws BadRecordException {
            if (rawId == null || rawId.isBlank()) {
                throw new BadRecordException("the entry has no <id>");
            }
            if (rawId.contains("arxiv.org/api/errors")) {
                String message = summary == null ? "" : summary.toString();
                throw new BadRecordException("arXiv reported an error: "
                        + (message.isEmpty() ? PaperFields.quote(rawId) : PaperFields.quote(message)));
            }
            String arxivId = PaperIds.findArxivId(rawId).orElseThrow(() -> new BadRecordException(
                    "<id> " + PaperFields.quote(rawId) + " holds no arXiv id"));
            if (rawTitle == null) {
                throw new BadRecordException("the entry for " + arxivId + " has no <title>");
            }
            if (titleTooLong != null) {
                throw new BadRecordException(titleTooLong);
            }
            String title = PaperFields.requireTitle(rawTitle);
            if (summary == null) {
                throw new BadRecordException("the entry for " + arxivId + " has no <summary>");
            }
            if (summary.overflowed()) {
                throw new BadRecordException(PaperFields.tooLong("the abstract of " + PaperFields.quote(title),
                        summary.length(), PaperFields.MAX_ABSTRACT_CHARS));
            }
            String abstractText = PaperFields.requireAbstract(summary.toString(), title);
            List<String> allCategories = new ArrayList<>(categories.size() + 1);
            if (primaryCategory != null) {
                allCategories.add(primaryCategory);
            }
            allCategories.addAll(categories);
            LocalDate date = published == null || published.isEmpty() ? null
                    : PaperFields.timestampDate(published, "<published>");
            return new Paper(arxivId, title, abstractText, PaperFields.authors(authors),
                    PaperFields.categories(allCategories), date, PaperLinks.forArxivId(arxivId), 0, SOURCE);
        }

        /** The text of the author's name child, or null; the author element is consumed. */
        private String authorName() throws XMLStreamException, UnreadableInputException {
            String name = null;
            while (nextTag() == XMLStreamConstants.START_ELEMENT) {
                if (is(ATOM, "name")) {
                    BoundedText text = text(PaperFields.MAX_AUTHOR_CHARS);
                    // an over-long name is kept long enough for PaperFields.authors to report it
                    name = text.overflowed() ? "x".repeat(PaperFields.MAX_AUTHOR_CHARS + 1) : text.toString();
                } else {
                    skipElement();
                }
            }
            return name;
        }

        private String shortText() throws XMLStreamException, UnreadableInputException {
            return text(MAX_SHORT_TEXT_CHARS).toString();
        }

        /** All text inside the current element (children included), cleaned and bounded; consumes its end tag. */
        private BoundedText text(int limit) throws XMLStreamException, UnreadableInputException {
            BoundedText text = new BoundedText(limit);
            int start = depth;
            while (true) {
                int event = next();
                if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                        || event == XMLStreamConstants.SPACE) {
                    text.append(xml.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT && depth < start) {
                    return text;
                }
            }
        }

        private void skipElement() throws XMLStreamException, UnreadableInputException {
            int start = depth;
            while (depth >= start) {
                next();
            }
        }

        /**
         * The next start or end tag at any depth, skipping text, comments and processing instructions; returns
         * END_DOCUMENT at the end.
         */
        private int nextTag() throws XMLStreamException, UnreadableInputException {
            while (xml.hasNext()) {
                int event = next();
                if (event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT) {
                    return event;
                }
            }
            return XMLStreamConstants.END_DOCUMENT;
        }

        /** Every event goes through here, so the DOCTYPE and depth checks cannot be bypassed. */
        private int next() throws XMLStreamException, UnreadableInputException {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new UnreadableInputException(origin + ": refused: the "
                        + "document declares a DOCTYPE, which an Atom feed never needs and which could make the "
                        + "parser read other files; nothing was read from it");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new UnreadableInputException(origin
                        + ": refused: the document uses an undeclared entity; nothing was read from it");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++depth > MAX_DEPTH) {
                        throw new UnreadableInputException(origin + ": elements are nested more than " + MAX_DEPTH
                                + " deep, which no arXiv feed does; nothing was read from it");
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> depth--;
                default -> {
                    // text, comments and processing instructions carry no structure
                }
            }
            return event;
        }

        private boolean is(String namespace, String localName) {
            return new QName(namespace, localName).equals(xml.getName());
        }

        private static OptionalInt number(String text) {
            try {
                return OptionalInt.of(Integer.parseInt(text.strip()));
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }
    }
}
