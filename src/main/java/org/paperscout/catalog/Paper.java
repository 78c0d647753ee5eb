package org.paperscout.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One paper as PaperScout knows it, whatever source it came from.
 *
 * @param id           arXiv id without version where known (e.g. {@code 2305.00118}), otherwise a stable hash
 *                     of the normalised title (see {@link PaperIds})
 * @param abstractText the abstract, whitespace-normalised; may be empty but never null
 * @param published    publication date, or null when the source does not say
 * @param upvotes      upstream votes (Hugging Face), 0 when unknown
 * @param source       where it came from: {@code seed}, {@code jsonl}, {@code hf}, {@code arxiv}
 */
public record Paper(
        String id,
        String title,
        String abstractText,
        List<String> authors,
        List<String> categories,
        LocalDate published,
        PaperLinks links,
        int upvotes,
        String source) {

    public Paper {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        abstractText = abstractText == null ? "" : abstractText;
        authors = authors == null ? List.of() : List.copyOf(authors);
        categories = categories == null ? List.of() : List.copyOf(categories);
        links = links == null ? PaperLinks.NONE : links;
        source = source == null ? "" : source;
    }

    /** The arXiv id when this paper's id is one, otherwise null. */
    public String arxivId() {
        return PaperIds.isArxivId(id) ? id : null;
    }

    public Paper withUpvotes(int newUpvotes) {
        return new Paper(id, title, abstractText, authors, categories, published, links, newUpvotes, source);
    }
}
