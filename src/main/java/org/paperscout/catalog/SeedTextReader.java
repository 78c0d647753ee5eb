package org.paperscout.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the seed text format of {@code seeds/}: a Hugging Face papers page copied as text. Lines are UTF-8;
 * after optional page chrome, each paper is a title line followed by its abstract line.
 *
 * <p>The chrome ("Get trending papers in your email inbox...", "Subscribe") is recognised by its text, not
 * skipped blindly by count: a file written by hand without it loses no paper, and a scrape with one or three
 * chrome lines still pairs up. The scrape glues the "Subscribe" button text to the first title
 * ("SubscribeMemorize, ..."); a leading "Subscribe" directly followed by a capital letter or digit is removed
 * from the first title only, so no later title can lose a real word.
 *
 * <p>The format carries no ids, authors or dates: the id is {@link PaperIds#forTitle(String)} and the source is
 * {@value #SOURCE}. Text is whitespace-normalised and otherwise kept as is ({@code na\"ive} stays).
 *
 * <p>Problems ({@code file:line}), each skipping one paper: an empty title or abstract line, a line that is not
 * UTF-8 or longer than {@value #MAX_LINE_BYTES} bytes, a title or abstract over the length limits, and a last
 * title with no abstract after it. A "title" longer than any title can be is almost certainly an abstract whose
 * title line went missing; that single line is reported and skipped so the pairs after it stay aligned.
 * Blank lines at the end of the file are ignored.
 */
final class SeedTextReader implements PaperReader {

    public static final String SOURCE = "seed";
    static final int MAX_LINE_BYTES = 1024 * 1024;

    private static final Pattern CHROME = Pattern.compile(
            "(?i)get trending papers\\b.*|subscribe");
    private static final Pattern GLUED_SUBSCRIBE = Pattern.compile("^Subscribe\\s*(?=[\\p{Lu}\\p{N}])");

    @Override
    public ReadResult read(String origin, InputStream in) throws IOException {
        Lines lines = new Lines(new Utf8Lines(in, MAX_LINE_BYTES));
        List<Paper> papers = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();

        Utf8Lines.Line titleLine = lines.next();
        while (titleLine != null && (titleLine.blank()
                || titleLine.ok() && CHROME.matcher(PaperFields.clean(titleLine.text())).matches())) {
            titleLine = lines.next();
        }
        boolean first = true;
        for (; titleLine != null; titleLine = lines.next()) {
            boolean isFirst = first;
            first = false;
            String title = "";
            if (titleLine.ok()) {
                title = PaperFields.clean(titleLine.text());
                if (isFirst) {
                    title = GLUED_SUBSCRIBE.matcher(title).replaceFirst("");
                }
                if (title.length() > PaperFields.MAX_TITLE_CHARS) {
                    problems.add(problem(origin, titleLine, PaperFields.tooLong("the line", title.length(),
                            PaperFields.MAX_TITLE_CHARS) + " for a title; it looks like an abstract whose title"
                            + " line is missing, so this line alone was skipped"));
                    continue;
                }
            }
            Utf8Lines.Line abstractLine = lines.next();
            if (!titleLine.ok()) {
                problems.add(problem(origin, titleLine, titleLine.problem() + "; skipped this paper"));
                continue;
            }
            if (abstractLine == null) {
                problems.add(problem(origin, titleLine, "the title " + PaperFields.quote(title)
                        + " has no abstract line after it (the file ends); skipped it"));
                break;
            }
            if (title.isEmpty()) {
                problems.add(problem(origin, titleLine, "the title line is empty; skipped the paper on lines "
                        + titleLine.number() + "-" + abstractLine.number()));
                continue;
            }
            if (!abstractLine.ok()) {
                problems.add(problem(origin, abstractLine, abstractLine.problem() + "; skipped "
                        + PaperFields.quote(title)));
                continue;
            }
            try {
                String abstractText = PaperFields.requireAbstract(abstractLine.text(), title);
                papers.add(new Paper(PaperIds.forTitle(title), title, abstractText, List.of(), List.of(), null,
                        PaperLinks.NONE, 0, SOURCE));
            } catch (BadRecordException e) {
                problems.add(problem(origin, abstractLine, e.getMessage() + "; skipped it"));
            }
        }
        return new ReadResult(papers, problems);
    }

    private static ReadProblem problem(String origin, Utf8Lines.Line line, String reason) {
        return new ReadProblem(origin + ":" + line.number(), reason);
    }

    /**
     * Lines with blank lines at the very end dropped: a run of blank lines is held back until a non-blank line
     * shows it was inside the file (where an empty title or abstract is a real problem) rather than trailing.
     */
    private static final class Lines {
        private final Utf8Lines source;
        private final Deque<Utf8Lines.Line> held = new ArrayDeque<>();

        Lines(Utf8Lines source) {
            this.source = source;
        }

        Utf8Lines.Line next() throws IOException {
            if (!held.isEmpty()) {
                return held.poll();
            }
            Utf8Lines.Line line = source.next();
            if (line == null || !line.blank()) {
                return line;
            }
            while (line != null && line.blank()) {
                held.add(line);
                line = source.next();
            }
            if (line == null) {
                held.clear();
                return null;
            }
            held.add(line);
            return held.poll();
        }
    }
}
