package org.paperscout.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.Attachment;
import org.paperscout.commands.Choice;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.Reply;
import org.paperscout.commands.UserError;
import org.paperscout.i18n.Messages;
import org.paperscout.library.LibraryStore;
import org.paperscout.library.SavedPaper;
import org.paperscout.store.JsonMappers;

/** {@code /export [format]}: the caller's reading list as a BibTeX or JSON attachment. */
public final class ExportCommand implements Command {

    private final LibraryStore library;

    public ExportCommand(LibraryStore library) {
        this.library = library;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("export", "Download your reading list",
                OptionSpec.string("format", "file format (default BibTeX)", false)
                        .withChoices(new Choice("BibTeX", "bibtex"), new Choice("JSON", "json")));
    }

    @Override
    public Reply handle(Invocation invocation) {
        String format = invocation.string("format").orElse("bibtex").strip().toLowerCase(java.util.Locale.ROOT);
        if (!format.equals("bibtex") && !format.equals("json")) {
            throw UserError.keyed("export.bad-format");
        }
        Messages m = Messages.of(invocation.locale());
        List<SavedPaper> saved = library.all(invocation.userId());
        if (saved.isEmpty()) {
            return Reply.builder().ephemeral(true).text(m.get("export.empty")).build();
        }
        Attachment file = format.equals("json")
                ? new Attachment("paperscout-library.json", "application/json", json(saved))
                : new Attachment("paperscout-library.bib", "application/x-bibtex",
                        BibTex.of(saved).getBytes(StandardCharsets.UTF_8));
        return Reply.builder().ephemeral(true).attachment(file)
                .text(m.get("export.done", "count", saved.size(), "format", format.equals("json") ? "JSON" : "BibTeX"))
                .build();
    }

    private byte[] json(List<SavedPaper> saved) {
        List<Map<String, Object>> papers = saved.stream().map(s -> {
            Paper p = s.paper();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("title", p.title());
            m.put("authors", p.authors());
            m.put("categories", p.categories());
            m.put("published", p.published() == null ? null : p.published().toString());
            m.put("abstract", p.abstractText());
            m.put("arxiv_abs", p.links().arxivAbs());
            m.put("arxiv_pdf", p.links().arxivPdf());
            m.put("hf_page", p.links().hfPage());
            m.put("saved_at", s.savedAt().toString());
            m.put("read_at", s.readAt() == null ? null : s.readAt().toString());
            return m;
        }).toList();
        try {
            return JsonMappers.indented().writeValueAsBytes(Map.of("papers", papers));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps always serialise", e);
        }
    }
}
