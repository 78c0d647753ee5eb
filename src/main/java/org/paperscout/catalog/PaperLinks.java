package org.paperscout.catalog;

/** Where a paper can be read; each link may be null. */
public record PaperLinks(String arxivAbs, String arxivPdf, String hfPage) {

    public static final PaperLinks NONE = new PaperLinks(null, null, null);

    /** The standard arXiv and Hugging Face links for an arXiv id. */
    public static PaperLinks forArxivId(String arxivId) {
        return new PaperLinks(
                "https://arxiv.org/abs/" + arxivId,
                "https://arxiv.org/pdf/" + arxivId,
                "https://huggingface.co/papers/" + arxivId);
    }

    public boolean isEmpty() {
        return arxivAbs == null && arxivPdf == null && hfPage == null;
    }
}
